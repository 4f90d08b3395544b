import "server-only";
import { type Db, getDatabaseKind, type Tx } from "@/lib/db";
import { aggregateVotes } from "@/lib/votes/aggregate";

/**
 * Makes writers of the same claims wait for each other until commit: on PostgreSQL a row lock on
 * each claim, taken in id order so two writers of the same pair cannot deadlock. Statements after
 * it see every change committed before it (READ COMMITTED), so figures recomputed after the lock
 * count every vote and citation. SQLite runs one write transaction at a time already.
 */
export async function lockClaims(tx: Tx, claimIds: readonly string[]): Promise<void> {
  if (getDatabaseKind() !== "postgres") return;
  for (const id of [...new Set(claimIds)].sort()) {
    await tx.$queryRawUnsafe(`SELECT 1 FROM "Claim" WHERE "id" = $1 FOR UPDATE`, id);
  }
}

/**
 * Recomputes a claim's evidence counts and vote aggregate from its rows (the aggregate from the
 * votes on its current wording; those on an earlier one are counted apart). Called inside the
 * transaction of every change to its evidence or votes, so the stored figures the claims
 * index sorts on are never out of date.
 */
export async function refreshClaimStats(tx: Tx, claimId: string): Promise<void> {
  // Read under the claim's lock: otherwise two transactions each count their own vote and not
  // the other's, and the later update leaves figures that miss one (seen on PostgreSQL).
  await lockClaims(tx, [claimId]);
  const [stances, votes] = await Promise.all([
    tx.evidence.groupBy({ by: ["stance"], where: { claimId, removedAt: null }, _count: { _all: true } }),
    tx.confidenceVote.findMany({ where: { claimId }, select: { value: true, onEarlierWording: true } }),
  ]);
  const count = (stance: string) => stances.find((row) => row.stance === stance)?._count._all ?? 0;
  // Votes on an earlier wording answered other words: they wait, counted apart, for their voters.
  const aggregate = aggregateVotes(votes.filter((vote) => !vote.onEarlierWording).map((vote) => vote.value));
  await tx.claim.update({
    where: { id: claimId },
    data: {
      supportsCount: count("supports"),
      contradictsCount: count("contradicts"),
      contextCount: count("context"),
      evidenceCount: count("supports") + count("contradicts") + count("context"),
      voteCount: aggregate.count,
      voteMedian: aggregate.median,
      voteIqr: aggregate.iqr,
      contested: aggregate.contested,
      votesAwaitingConfirmation: votes.filter((vote) => vote.onEarlierWording).length,
    },
  });
}

/** Fills in aggregates a migration could not compute in SQL (medians); cheap when nothing is missing. */
export async function ensureClaimStats(db: Db): Promise<number> {
  const missing = await db.claim.findMany({
    where: { voteCount: { gt: 0 }, voteMedian: null },
    select: { id: true },
    take: 100_000,
  });
  for (const claim of missing) await db.$transaction((tx) => refreshClaimStats(tx, claim.id));
  return missing.length;
}
