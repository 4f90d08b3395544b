import "server-only";
import { recordAudit } from "@/lib/audit/record";
import { authorize } from "@/lib/authorize";
import type { Db, Tx } from "@/lib/db";
import { AppError, parseInput } from "@/lib/errors";
import type { MaybeActor } from "@/lib/permissions";
import { cleanSource } from "@/lib/sources/clean";
import { knownPeople, refreshSourceMentions } from "./mentions";
import { RescanPeopleSchema } from "./schemas";
import { refreshSourceSuggestions } from "./suggestions";

/** Detects mentions and name suggestions in one source again (in the caller's transaction). */
export async function rescanSource(tx: Tx, sourceId: string): Promise<void> {
  const source = await tx.source.findUniqueOrThrow({
    where: { id: sourceId },
    select: { originalText: true, format: true },
  });
  const people = await knownPeople(tx);
  await refreshSourceMentions(tx, sourceId, people);
  // The glosses come from cleaning the original again, which gives the text the passages point into.
  await refreshSourceSuggestions(tx, sourceId, cleanSource(source.originalText, source.format).glosses, people);
}

/**
 * Runs mention detection and name suggestions again over one source, or every source
 * (moderators, on demand: after adding spellings, say).
 */
export async function rescanPeopleInSources(
  db: Db,
  actor: MaybeActor,
  input: unknown = {},
): Promise<{ sources: number }> {
  authorize(actor, "update:person");
  const { sourceId } = parseInput(RescanPeopleSchema, input);
  const sources = await db.source.findMany({
    where: sourceId ? { id: sourceId } : {},
    select: { id: true },
  });
  if (sourceId && sources.length === 0)
    throw new AppError("NOT_FOUND", `sourceId: no source "${sourceId}"`, { field: "sourceId" });
  for (const { id } of sources) {
    await db.$transaction(async (tx) => {
      await rescanSource(tx, id);
      await recordAudit(tx, actor, { action: "source.rescan_people", entityType: "Source", entityId: id, data: {} });
    });
  }
  return { sources: sources.length };
}
