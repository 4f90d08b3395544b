import { type Db, getDatabaseKind } from "@/lib/db";
import { AppError } from "@/lib/errors";
import type { Prisma } from "@/lib/generated/sqlite/client";
import { citationSelect, formatCitation, toCitation } from "@/lib/sources/citation";

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
  q: string,
  options: { limit?: number; excludeClaimId?: string } = {},
): Promise<PassageHitDto[]> {
  const words = q
    .trim()
    .split(/\s+/)
    .filter((word) => word.length > 1)
    .slice(0, 8);
  if (q.length > 200) throw new AppError("INVALID", "q: must be at most 200 characters", { field: "q" });
  if (words.length === 0) return [];
  // SQLite's LIKE already ignores ASCII case; PostgreSQL needs to be asked.
  const insensitive = getDatabaseKind() === "postgres" ? ({ mode: "insensitive" } as object) : {};
  const where: Prisma.PassageWhereInput = {
    kind: "sentence",
    AND: words.map((word) => ({ text: { contains: word, ...insensitive } })),
    ...(options.excludeClaimId ? { evidence: { none: { claimId: options.excludeClaimId, removedAt: null } } } : {}),
  };
  const rows = await db.passage.findMany({
    where,
    orderBy: [{ sourceId: "asc" }, { start: "asc" }],
    take: Math.min(options.limit ?? 30, 100),
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
