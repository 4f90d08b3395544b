import "server-only";
import { z } from "zod";
import { recordAudit } from "@/lib/audit/record";
import { authorize } from "@/lib/authorize";
import { evidenceMoveDenial } from "@/lib/claims/policy";
import type { Db, Tx } from "@/lib/db";
import { AppError, isUniqueViolation, parseInput } from "@/lib/errors";
import { resolvePassage } from "@/lib/passages/resolve";
import type { Actor, MaybeActor } from "@/lib/permissions";
import { checkWriteLimit, recordWrite } from "@/lib/rate-limits";
import { createSourceRecords, IMPORT_TRANSACTION, type PreparedSource, prepareImport } from "./import";
import { type ImportOptions, ImportProgressReporter } from "./import-progress";
import { type ReanchorOutcome, reanchorQuotes } from "./reanchor";

/** What became of the citations of the replaced version, by outcome. */
export type VersionImportResult = {
  sourceId: string;
  previousSourceId: string;
  versionNumber: number;
  passageCount: number;
  title: string;
  citations: { moved: number; changed: number; notFound: number };
};

const id = z.string({ error: "is required" }).trim().min(1, "is required").max(64);

/** Any version of a source: its versions are listed from the first. */
export const SourceVersionsSchema = z.object({ sourceId: id });

export const DecideReanchorSchema = z.object({
  reanchorId: id,
  decision: z.enum(["confirm", "reject"], { error: "must be confirm or reject" }),
});

// Metadata a new version keeps from the one it replaces unless the import gives it anew.
const INHERITED_FIELDS = ["title", "publisher", "url", "publishedDate", "kind", "language"] as const;

function given(value: unknown): boolean {
  return value !== undefined && value !== null && !(typeof value === "string" && value.trim() === "");
}

type Previous = {
  id: string;
  title: string;
  publisher: string | null;
  url: string | null;
  publishedDate: string | null;
  kind: string;
  language: string;
  text: string;
  contentHash: string;
  versionNumber: number;
  firstVersionId: string | null;
  supersededAt: Date | null;
  authors: { name: string }[];
};

async function findPrevious(db: Db | Tx, sourceId: string): Promise<Previous> {
  const previous = await db.source.findUnique({
    where: { id: sourceId },
    select: {
      id: true,
      title: true,
      publisher: true,
      url: true,
      publishedDate: true,
      kind: true,
      language: true,
      text: true,
      contentHash: true,
      versionNumber: true,
      firstVersionId: true,
      supersededAt: true,
      authors: { orderBy: { position: "asc" }, select: { name: true } },
    },
  });
  if (!previous) throw new AppError("NOT_FOUND", `sourceId: no source with id "${sourceId}"`, { field: "sourceId" });
  return previous;
}

async function assertNewest(db: Db | Tx, previous: Previous): Promise<void> {
  if (previous.supersededAt === null) return;
  const newest = await db.source.findFirst({
    where: {
      OR: [{ id: previous.firstVersionId ?? previous.id }, { firstVersionId: previous.firstVersionId ?? previous.id }],
    },
    orderBy: { versionNumber: "desc" },
    select: { id: true, versionNumber: true },
  });
  throw new AppError(
    "CONFLICT",
    `sourceId: version ${previous.versionNumber} has been replaced; import the new text as a version of version ${newest?.versionNumber ?? "?"} (${newest?.id ?? "unknown"})`,
    { field: "sourceId" },
  );
}

/** The import's fields with the replaced version's metadata where the import leaves them out. */
function withInheritedMetadata(previous: Previous, fields: Record<string, unknown>): Record<string, unknown> {
  const merged: Record<string, unknown> = { ...fields };
  for (const field of INHERITED_FIELDS) {
    if (!given(merged[field]) && previous[field] !== null) merged[field] = previous[field];
  }
  const authors = merged.authors;
  if (!given(authors) || (Array.isArray(authors) && authors.length === 0)) {
    merged.authors = previous.authors.map((author) => author.name);
  }
  return merged;
}

type CitingEvidence = {
  id: string;
  claimId: string;
  passage: { id: string; kind: string; start: number; end: number; text: string; prefix: string; suffix: string };
};

/**
 * Imports a changed text as a new version of a source (input: `sourceId` of the newest version,
 * and the import fields of POST /api/sources; metadata left out is kept from that version).
 * The old version stays as it was. Every piece of evidence citing it is re-anchored to the new
 * text (lib/sources/reanchor.ts): where the same words are found it cites the new version at
 * once; where the words changed or the place is uncertain, a moderator confirms first; where
 * they are gone it stays on the old version, flagged. One transaction.
 */
export async function importSourceVersion(
  db: Db,
  actor: MaybeActor,
  input: unknown,
  options: ImportOptions = {},
): Promise<VersionImportResult> {
  authorize(actor, "import:source");
  if (typeof input !== "object" || input === null || Array.isArray(input)) {
    throw new AppError("INVALID", "body: must be an object", { field: "body" });
  }
  const { sourceId: rawSourceId, ...fields } = input as Record<string, unknown>;
  const { sourceId } = parseInput(SourceVersionsSchema, { sourceId: rawSourceId });
  await checkWriteLimit(db, actor, "import");
  const previous = await findPrevious(db, sourceId);
  await assertNewest(db, previous);
  const progress = new ImportProgressReporter(options.onProgress);
  const prepared = await prepareImport(withInheritedMetadata(previous, fields), progress);
  await assertNewText(db, previous, prepared);

  // Re-anchoring reads only the two texts: done before the transaction so it holds no lock.
  progress.stage("citations");
  const citing = await citingEvidence(db, previous.id);
  const byPassage = new Map<string, CitingEvidence["passage"]>();
  for (const evidence of citing) byPassage.set(evidence.passage.id, evidence.passage);
  const passages = [...byPassage.values()];
  const outcomes = reanchorQuotes(
    previous.text,
    prepared.text,
    passages.map((passage) => ({
      start: passage.start,
      end: passage.end,
      quote: { text: passage.text, prefix: passage.prefix, suffix: passage.suffix },
    })),
  );
  const outcomeByPassage = new Map(passages.map((passage, index) => [passage.id, outcomes[index]!]));

  try {
    return await db.$transaction(async (tx) => {
      await recordWrite(tx, actor, "import");
      // Another version may have been imported since the check above.
      const current = await findPrevious(tx, previous.id);
      await assertNewest(tx, current);
      const firstVersionId = previous.firstVersionId ?? previous.id;
      const versionNumber = previous.versionNumber + 1;
      const newSourceId = await createSourceRecords(
        tx,
        actor,
        prepared,
        { versionNumber, firstVersionId, previousVersionId: previous.id },
        progress,
      );
      progress.stage("saving");
      await tx.source.update({ where: { id: previous.id }, data: { supersededAt: new Date() } });
      // Citations still waiting to move to the replaced version can no longer go there: they stay
      // where they are, flagged, as citations whose words were not found do.
      await tx.evidenceReanchor.updateMany({
        where: { toSourceId: previous.id, status: "pending" },
        data: { status: "orphaned", reason: `version ${versionNumber} replaced the version it would have moved to` },
      });
      // Search and suggestions offer the newest version's passages only; the old ones stay readable.
      await tx.searchDocument.deleteMany({ where: { kind: "passage", sourceId: previous.id } });

      const counts = { moved: 0, changed: 0, notFound: 0 };
      // Evidence still citing the old version is re-read inside the transaction: it is what moves.
      for (const evidence of await citingEvidence(tx, previous.id)) {
        const outcome = outcomeByPassage.get(evidence.passage.id) ?? {
          kind: "not_found" as const,
          reason: "cited after the new text was read",
        };
        const kind = await recordOutcome(tx, actor, evidence, { id: newSourceId, text: prepared.text }, outcome);
        counts[kind]++;
      }
      await recordAudit(tx, actor, {
        action: "source.version",
        entityType: "Source",
        entityId: newSourceId,
        data: {
          previousSourceId: previous.id,
          versionNumber,
          contentHash: prepared.contentHash,
          passages: prepared.passages.length,
          citations: counts,
        },
      });
      return {
        sourceId: newSourceId,
        previousSourceId: previous.id,
        versionNumber,
        passageCount: prepared.passages.length,
        title: prepared.title,
        citations: counts,
      };
    }, IMPORT_TRANSACTION);
  } catch (error) {
    // Two versions of one source at once: the second finds the first's (previousVersionId is unique).
    if (isUniqueViolation(error)) {
      const latest = await findPrevious(db, previous.id);
      await assertNewest(db, latest);
      await assertNewText(db, previous, prepared);
    }
    throw error;
  }
}

async function assertNewText(db: Db | Tx, previous: Previous, prepared: PreparedSource): Promise<void> {
  if (prepared.contentHash === previous.contentHash) {
    throw new AppError(
      "CONFLICT",
      `content: is the same text as version ${previous.versionNumber} once cleaned; nothing to import`,
      { field: "content" },
    );
  }
  const same = await db.source.findUnique({
    where: { contentHash: prepared.contentHash },
    select: { id: true, title: true },
  });
  if (same) {
    throw new AppError("CONFLICT", `content: this text is already the source "${same.title}" (${same.id})`, {
      field: "content",
    });
  }
}

function citingEvidence(db: Db | Tx, sourceId: string): Promise<CitingEvidence[]> {
  return db.evidence.findMany({
    where: { removedAt: null, passage: { sourceId } },
    orderBy: { id: "asc" },
    select: {
      id: true,
      claimId: true,
      passage: { select: { id: true, kind: true, start: true, end: true, text: true, prefix: true, suffix: true } },
    },
  });
}

type CountKey = "moved" | "changed" | "notFound";

async function recordOutcome(
  tx: Tx,
  actor: Actor,
  evidence: CitingEvidence,
  newVersion: { id: string; text: string },
  outcome: ReanchorOutcome,
): Promise<CountKey> {
  const toSourceId = newVersion.id;
  const base = { evidenceId: evidence.id, fromPassageId: evidence.passage.id, toSourceId };
  if (outcome.kind === "not_found") {
    await tx.evidenceReanchor.create({
      data: { ...base, outcome: "not_found", status: "orphaned", reason: outcome.reason },
    });
    return "notFound";
  }
  const found = {
    ...base,
    outcome: outcome.kind,
    method: "method" in outcome ? outcome.method : "fuzzy",
    start: outcome.span.start,
    end: outcome.span.end,
    quote: newVersion.text.slice(outcome.span.start, outcome.span.end),
    score: "score" in outcome ? outcome.score : 1,
    reason: "reason" in outcome ? outcome.reason : null,
  };
  if (outcome.kind === "changed") {
    await tx.evidenceReanchor.create({ data: { ...found, status: "pending" } });
    return "changed";
  }
  const moved = await moveEvidence(tx, actor, evidence, newVersion, outcome.span);
  if (!moved) {
    await tx.evidenceReanchor.create({
      data: { ...found, status: "orphaned", reason: "the claim already cites these words of the new version" },
    });
    return "notFound";
  }
  await tx.evidenceReanchor.create({ data: { ...found, status: "applied" } });
  return "moved";
}

/** Points the evidence at the span of the new version; false when the claim already cites it there. */
async function moveEvidence(
  tx: Tx,
  actor: Actor,
  evidence: { id: string; claimId: string },
  to: { id: string; text?: string },
  span: { start: number; end: number },
): Promise<boolean> {
  const known = to.text === undefined ? undefined : { id: to.id, text: to.text };
  const passage = await resolvePassage(tx, actor, { sourceId: to.id, ...span }, { anyLength: true, source: known });
  const clash = await tx.evidence.findUnique({
    where: { claimId_passageId: { claimId: evidence.claimId, passageId: passage.id } },
    select: { id: true },
  });
  if (clash) return false;
  await tx.evidence.update({ where: { id: evidence.id }, data: { passageId: passage.id } });
  return true;
}

/**
 * A moderator's decision on a citation re-anchored with changes: confirm moves the evidence to
 * the new version's words; reject keeps it on the old version, flagged as not found.
 */
export async function decideReanchor(db: Db, actor: MaybeActor, input: unknown) {
  authorize(actor, "confirm:reanchor");
  const { reanchorId, decision } = parseInput(DecideReanchorSchema, input);
  return db.$transaction(async (tx) => {
    const reanchor = await tx.evidenceReanchor.findUnique({
      where: { id: reanchorId },
      select: {
        id: true,
        status: true,
        start: true,
        end: true,
        toSourceId: true,
        toSource: { select: { supersededAt: true } },
        fromPassageId: true,
        evidence: {
          select: { id: true, claimId: true, passageId: true, removedAt: true, claim: { select: { lockedAt: true } } },
        },
      },
    });
    if (!reanchor) {
      throw new AppError("NOT_FOUND", `reanchorId: no re-anchored citation with id "${reanchorId}"`, {
        field: "reanchorId",
      });
    }
    if (reanchor.status !== "pending") {
      throw new AppError("CONFLICT", `reanchorId: this citation was already settled (${reanchor.status})`, {
        field: "reanchorId",
      });
    }
    if (reanchor.toSource.supersededAt !== null) {
      throw new AppError("CONFLICT", "reanchorId: a newer version has replaced the one this citation would move to", {
        field: "reanchorId",
      });
    }
    if (reanchor.evidence.passageId !== reanchor.fromPassageId || reanchor.evidence.removedAt !== null) {
      throw new AppError("CONFLICT", "reanchorId: the evidence has changed since; nothing to confirm", {
        field: "reanchorId",
      });
    }
    const status = decision === "confirm" ? "confirmed" : "rejected";
    const denial = status === "confirmed" ? evidenceMoveDenial(reanchor.evidence.claim) : null;
    if (denial) throw new AppError(denial.code, `reanchorId: ${denial.reason}`, { field: "reanchorId" });
    if (status === "confirmed") {
      const moved = await moveEvidence(
        tx,
        actor,
        reanchor.evidence,
        { id: reanchor.toSourceId },
        {
          start: reanchor.start!,
          end: reanchor.end!,
        },
      );
      if (!moved) {
        throw new AppError("CONFLICT", "reanchorId: the claim already cites these words of the new version", {
          field: "reanchorId",
        });
      }
    }
    const claimed = await tx.evidenceReanchor.updateMany({
      where: { id: reanchor.id, status: "pending" },
      data: { status, decidedById: actor.id, decidedAt: new Date() },
    });
    if (claimed.count !== 1) {
      throw new AppError("CONFLICT", "reanchorId: another moderator settled this citation at the same time", {
        field: "reanchorId",
      });
    }
    await recordAudit(tx, actor, {
      action: `evidence.reanchor.${decision}`,
      entityType: "Evidence",
      entityId: reanchor.evidence.id,
      data: { reanchorId: reanchor.id, toSourceId: reanchor.toSourceId, start: reanchor.start, end: reanchor.end },
    });
    return { reanchorId: reanchor.id, status };
  });
}
