// How far an import has got, for the CLI's progress line and the import page. An import reports
// the stage it enters and, while writing passages, how many it has written; this turns that into
// one fraction of the whole, each stage weighted by its usual share of the time. The import page
// sends a random token with its import and polls for the progress recorded under it (see
// trackImportProgress).
import { authorize } from "@/lib/authorize";
import { parseInput } from "@/lib/errors";
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

// Imports under way in this process, by the token their page sent. Kept on globalThis so that the
// server action that imports and the route that reports read one map, however the server bundles
// them. Entries go when their import ends, or after a while if a process never ends it.
type Tracked = { actorId: string | null; progress: ImportProgress; updatedAt: number };
const KEEP_MS = 30 * 60 * 1000;
const MAX_TRACKED = 1000;
const holder = globalThis as typeof globalThis & { __factcheckImportProgress?: Map<string, Tracked> };
holder.__factcheckImportProgress ??= new Map();
const tracked = holder.__factcheckImportProgress;

function prune(now: number) {
  for (const [token, entry] of tracked) if (now - entry.updatedAt > KEEP_MS) tracked.delete(token);
  while (tracked.size >= MAX_TRACKED) tracked.delete(tracked.keys().next().value!);
}

/**
 * Records the progress of an import under the token its page sent (nothing for no token or a
 * malformed one): the options to pass to importSource, and `done` to call when it has ended.
 */
export function trackImportProgress(token: unknown, actor: MaybeActor): { options: ImportOptions; done: () => void } {
  const parsed = ImportProgressTokenSchema.safeParse(token);
  if (!parsed.success) return { options: {}, done: () => undefined };
  const now = Date.now();
  prune(now);
  const entry: Tracked = {
    actorId: actorId(actor),
    progress: { stage: "cleaning", label: IMPORT_STAGE_LABELS.cleaning, fraction: 0 },
    updatedAt: now,
  };
  tracked.set(parsed.data, entry);
  return {
    options: {
      onProgress: (progress) => {
        entry.progress = progress;
        entry.updatedAt = Date.now();
      },
    },
    done: () => {
      if (tracked.get(parsed.data) === entry) tracked.delete(parsed.data);
    },
  };
}

/** How far the import sent with this token has got (`{ token }`), for the member who sent it; null when none is under way. */
export function readImportProgress(actor: MaybeActor, input: unknown): { progress: ImportProgress | null } {
  authorize(actor, "import:source");
  const { token } = parseInput(ImportProgressQuerySchema, input);
  const entry = tracked.get(token);
  return { progress: entry && entry.actorId === actorId(actor) ? entry.progress : null };
}
