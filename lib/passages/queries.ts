import "server-only";
import type { Db } from "@/lib/db";
import { parseInput } from "@/lib/errors";
import type { MaybeActor } from "@/lib/permissions";
import { findDocuments } from "@/lib/search/backend";
import { isEmptyQuery, parseQuery } from "@/lib/search/query";
import { citationSelect, formatCitation, toCitation } from "@/lib/sources/citation";
import { SearchPassagesSchema } from "./schemas";

export type PassageHitDto = {
  id: string;
  kind: string;
  start: number;
  end: number;
  text: string;
  source: { id: string; title: string; citation: string };
};

/**
 * Sentences for picking evidence, found and ranked by the same full-text search as /search
 * (folded for case, accents and romanization, so "Nikolayev" finds "Nikolaev"; "quoted phrases"
 * and prefix*), leaving out the sentences the claim already cites.
 */
export async function searchPassages(
  db: Db,
  // Sources and their passages are public: every actor, anonymous included, may search them.
  _actor: MaybeActor,
  input: unknown,
): Promise<PassageHitDto[]> {
  const { q, limit, excludeClaimId } = parseInput(SearchPassagesSchema, input);
  const query = parseQuery(q);
  if (isEmptyQuery(query)) return [];
  const cited = excludeClaimId
    ? await db.evidence.findMany({ where: { claimId: excludeClaimId, removedAt: null }, select: { passageId: true } })
    : [];
  const { hits } = await findDocuments(db, {
    query,
    kinds: ["passage"],
    passageKinds: ["sentence"],
    claimVisibility: null,
    excludeRefIds: cited.map((item) => item.passageId),
    limit,
    offset: 0,
  });
  const rows = await db.passage.findMany({
    where: { id: { in: hits.map((hit) => hit.refId) } },
    select: { id: true, kind: true, start: true, end: true, text: true, source: { select: citationSelect } },
  });
  const byId = new Map(rows.map((row) => [row.id, row]));
  return hits.flatMap((hit) => {
    const row = byId.get(hit.refId);
    if (!row) return [];
    return [
      {
        id: row.id,
        kind: row.kind,
        start: row.start,
        end: row.end,
        text: row.text,
        source: { id: row.source.id, title: row.source.title, citation: formatCitation(toCitation(row.source)) },
      },
    ];
  });
}
