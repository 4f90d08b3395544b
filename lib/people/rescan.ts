import { recordAudit } from "@/lib/audit/record";
import { authorize } from "@/lib/authorize";
import type { Db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import type { MaybeActor } from "@/lib/permissions";
import { cleanSource } from "@/lib/sources/clean";
import { knownPeople, refreshSourceMentions } from "./mentions";
import { refreshSourceSuggestions } from "./suggestions";

/**
 * Runs mention detection and name suggestions again over one source, or every source
 * (moderators, on demand: after adding spellings, say). The glosses come from cleaning the
 * original text again, which gives the same text the passages point into.
 */
export async function rescanPeopleInSources(db: Db, actor: MaybeActor, input: { sourceId?: string } = {}): Promise<{ sources: number }> {
  authorize(actor, "update:person");
  if (input.sourceId !== undefined && (typeof input.sourceId !== "string" || !input.sourceId)) {
    throw new AppError("INVALID", "sourceId: must be a source id", { field: "sourceId" });
  }
  const sources = await db.source.findMany({ where: input.sourceId ? { id: input.sourceId } : {}, select: { id: true } });
  if (input.sourceId && sources.length === 0) throw new AppError("NOT_FOUND", `sourceId: no source "${input.sourceId}"`, { field: "sourceId" });
  for (const { id } of sources) {
    await db.$transaction(async (tx) => {
      const source = await tx.source.findUniqueOrThrow({ where: { id }, select: { originalText: true, format: true } });
      const people = await knownPeople(tx);
      await refreshSourceMentions(tx, id, people);
      await refreshSourceSuggestions(tx, id, cleanSource(source.originalText, source.format).glosses, people);
      await recordAudit(tx, actor, { action: "source.rescan_people", entityType: "Source", entityId: id, data: {} });
    });
  }
  return { sources: sources.length };
}
