// How far an import has got, for the CLI's progress line and the import page. An import reports
// the stage it enters and, while writing passages, how many it has written; this turns that into
// one fraction of the whole, each stage weighted by its usual share of the time. The import page
// sends a random token with its import and polls for the progress recorded under it (see
// trackImportProgress).
import { z } from "zod";
import { authorize } from "@/lib/authorize";
import { getEnv } from "@/lib/env";
import { parseInput } from "@/lib/errors";
import { channelName, NotifyChannel } from "@/lib/notify";
import { actorId, type MaybeActor } from "@/lib/permissions";
import { ImportProgressQuerySchema, ImportProgressTokenSchema } from "./schemas";

export const IMPORT_STAGES = [
  "cleaning",
  "segmenting",
  "citations",
  "passages",
  "people",
  "suggestions",
  "saving",
] as const;
export type ImportStage = (typeof IMPORT_STAGES)[number];

export type ImportProgress = {
  stage: ImportStage;
  /** What the stage does, for a person watching. */
  label: string;
  /** 0 to 1: how much of the whole import is done. */
  fraction: number;
};

export type ImportOptions = { onProgress?: (progress: ImportProgress) => void };

export const IMPORT_STAGE_LABELS: Record<ImportStage, string> = {
  cleaning: "cleaning the text",
  segmenting: "splitting paragraphs and sentences",
  citations: "finding cited passages in the new version",
  passages: "writing passages and the search index, finding the people named",
  people: "saving the people named",
  suggestions: "saving names not yet known",
  saving: "saving",
};

// Shares of the time of a 5 MB import of prose (the Kirov article repeated) on SQLite and
// PostgreSQL after decision 0021, rounded. Writing covers the texts, the passages and their
// search documents, and the people and names looked for meanwhile; re-anchoring citations only
// happens for a new version.
const STAGE_WEIGHTS: Record<ImportStage, number> = {
  cleaning: 0.03,
  segmenting: 0.06,
  citations: 0.02,
  passages: 0.84,
  people: 0.01,
  suggestions: 0.01,
  saving: 0.03,
};

// Where each stage starts and ends as a fraction of the whole (a stage ends where the next starts).
const STAGE_SPANS = (() => {
  const total = IMPORT_STAGES.reduce((sum, stage) => sum + STAGE_WEIGHTS[stage], 0);
  const spans = {} as Record<ImportStage, { start: number; end: number }>;
  let at = 0;
  for (const stage of IMPORT_STAGES) {
    const start = at / total;
    at += STAGE_WEIGHTS[stage];
    spans[stage] = { start, end: at / total };
  }
  return spans;
})();

/** Reports stages and the passages written as ImportProgress, to an optional listener. */
export class ImportProgressReporter {
  private passageTotal = 0;

  constructor(private readonly listener?: (progress: ImportProgress) => void) {}

  stage(stage: ImportStage, fractionOfStage = 0): void {
    if (!this.listener) return;
    const { start, end } = STAGE_SPANS[stage];
    const done = Math.min(1, Math.max(0, fractionOfStage));
    this.listener({
      stage,
      label: IMPORT_STAGE_LABELS[stage],
      fraction: done === 1 ? end : start + (end - start) * done,
    });
  }

  /** Starts writing `total` passages. */
  startPassages(total: number): void {
    this.passageTotal = total;
    this.stage("passages");
  }

  /** `done` of the passages are written. */
  passages(done: number): void {
    this.stage("passages", this.passageTotal === 0 ? 1 : done / this.passageTotal);
  }
}

// Imports under way, by the token their page sent. The process that imports keeps its own in
// memory; on PostgreSQL, where several instances may share the database behind a proxy and the
// page's polls reach any of them, it also sends each change to the other instances (lib/notify.ts),
// which keep what they hear the same way. Entries go when their import ends, or after a while if a
// process never ends it.
type Tracked = { actorId: string | null; progress: ImportProgress; updatedAt: number };
const KEEP_MS = 30 * 60 * 1000;
const MAX_TRACKED = 1000;

/** What one instance tells the others of an import: its progress, or null when it has ended. */
const ProgressMessageSchema = z.object({
  token: ImportProgressTokenSchema,
  actorId: z.string().max(200).nullable(),
  progress: z
    .object({
      stage: z.enum(IMPORT_STAGES),
      label: z.string().max(200),
      fraction: z.number().min(0).max(1),
    })
    .nullable(),
});
type ProgressMessage = z.infer<typeof ProgressMessageSchema>;

/** One instance's view of the imports under way: its own, and those other instances tell it of. */
export class ImportProgressBoard {
  private readonly tracked = new Map<string, Tracked>();

  constructor(private readonly channel?: NotifyChannel) {
    channel?.onMessage((message) => this.hear(message));
  }

  /**
   * Records the progress of an import under the token its page sent (nothing for no token or a
   * malformed one): the options to pass to importSource, and `done` to call when it has ended.
   */
  track(token: unknown, actor: MaybeActor): { options: ImportOptions; done: () => void } {
    const parsed = ImportProgressTokenSchema.safeParse(token);
    if (!parsed.success) return { options: {}, done: () => undefined };
    const key = parsed.data;
    const entry: Tracked = {
      actorId: actorId(actor),
      progress: { stage: "cleaning", label: IMPORT_STAGE_LABELS.cleaning, fraction: 0 },
      updatedAt: Date.now(),
    };
    this.keep(key, entry);
    this.tell({ token: key, actorId: entry.actorId, progress: entry.progress });
    return {
      options: {
        onProgress: (progress) => {
          entry.progress = progress;
          entry.updatedAt = Date.now();
          this.tell({ token: key, actorId: entry.actorId, progress });
        },
      },
      done: () => {
        if (this.tracked.get(key) === entry) this.tracked.delete(key);
        this.tell({ token: key, actorId: entry.actorId, progress: null }, true);
      },
    };
  }

  /** How far the import sent with this token has got (`{ token }`), for the member who sent it; null when none is under way. */
  read(actor: MaybeActor, input: unknown): { progress: ImportProgress | null } {
    authorize(actor, "import:source");
    const { token } = parseInput(ImportProgressQuerySchema, input);
    // Listening starts with the first poll this instance answers; the import's next change reaches it.
    this.channel?.listen().catch(() => undefined);
    const entry = this.tracked.get(token);
    return { progress: entry && entry.actorId === actorId(actor) ? entry.progress : null };
  }

  /** Stops hearing other instances and closes the connection (tests; a server's exit closes it anyway). */
  async close(): Promise<void> {
    await this.channel?.close();
  }

  private keep(token: string, entry: Tracked): void {
    const now = Date.now();
    for (const [key, kept] of this.tracked) if (now - kept.updatedAt > KEEP_MS) this.tracked.delete(key);
    while (this.tracked.size >= MAX_TRACKED) this.tracked.delete(this.tracked.keys().next().value!);
    this.tracked.set(token, entry);
  }

  private tell(message: ProgressMessage, last = false): void {
    this.channel?.send(message.token, message, last);
  }

  /** Another instance's news, checked like any input (the channel is open to anyone on the database). */
  private hear(message: unknown): void {
    const parsed = ProgressMessageSchema.safeParse(message);
    if (!parsed.success) return;
    const { token, actorId: owner, progress } = parsed.data;
    if (progress === null) this.tracked.delete(token);
    else this.keep(token, { actorId: owner, progress, updatedAt: Date.now() });
  }
}

const holder = globalThis as typeof globalThis & { __factcheckImportProgress?: ImportProgressBoard };

/**
 * This process's board, kept on globalThis so that the server action that imports and the route
 * that reports read one, however the server bundles them.
 */
export function importProgressBoard(): ImportProgressBoard {
  if (!holder.__factcheckImportProgress) {
    const env = getEnv();
    holder.__factcheckImportProgress = new ImportProgressBoard(
      env.databaseKind === "postgres" && env.DATABASE_URL
        ? new NotifyChannel(env.DATABASE_URL, channelName("import_progress", env.DATABASE_SCHEMA))
        : undefined,
    );
  }
  return holder.__factcheckImportProgress;
}

/** importProgressBoard().track: see ImportProgressBoard. */
export function trackImportProgress(token: unknown, actor: MaybeActor): { options: ImportOptions; done: () => void } {
  return importProgressBoard().track(token, actor);
}

/** importProgressBoard().read: see ImportProgressBoard. */
export function readImportProgress(actor: MaybeActor, input: unknown): { progress: ImportProgress | null } {
  return importProgressBoard().read(actor, input);
}
