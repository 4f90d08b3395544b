import "server-only";
import { type Db, getDatabaseKind } from "@/lib/db";
import { parseInput } from "@/lib/errors";
import type { Prisma } from "@/lib/generated/sqlite/client";
import type { MaybeActor } from "@/lib/permissions";
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
 * Sentences containing every given word (case-insensitive), for picking evidence. Words are
 * matched as written: accent folding, ranking and phrases come with full-text search.
 */
export async function searchPassages(
  db: Db,
  // Sources and their passages are public: every actor, anonymous included, may search them.
  _actor: MaybeActor,
  input: unknown,
): Promise<PassageHitDto[]> {
  const { q, limit, excludeClaimId } = parseInput(SearchPassagesSchema, input);
  const words = q
    .trim()
    .split(/\s+/)
    .filter((word) => word.length > 1)
    .slice(0, 8);
  if (words.length === 0) return [];
  // SQLite's LIKE already ignores ASCII case; PostgreSQL needs to be asked.
  const insensitive = getDatabaseKind() === "postgres" ? ({ mode: "insensitive" } as object) : {};
  const where: Prisma.PassageWhereInput = {
    kind: "sentence",
    AND: words.map((word) => ({ text: { contains: word, ...insensitive } })),
    ...(excludeClaimId ? { evidence: { none: { claimId: excludeClaimId, removedAt: null } } } : {}),
  };
  const rows = await db.passage.findMany({
    where,
    orderBy: [{ sourceId: "asc" }, { start: "asc" }],
    take: limit,
    select: { id: true, kind: true, start: true, end: true, text: true, source: { select: citationSelect } },
  });
  return rows.map((row) => ({
    id: row.id,
    kind: row.kind,
    start: row.start,
    end: row.end,
    text: row.text,
    source: { id: row.source.id, title: row.source.title, citation: formatCitation(toCitation(row.source)) },
  }));
}
