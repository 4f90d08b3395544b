import "server-only";
import { type Db, getDatabaseKind, type Tx } from "@/lib/db";
import { tallyLines } from "@/lib/evidence/lines";
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
 * Recomputes a claim's evidence counts, its independent lines of evidence and its vote aggregate
 * from its rows (the aggregate from the votes on its current wording; those on an earlier one are
 * counted apart). Called inside the transaction of every change to its evidence (a citation, a
 * stance, a removal, a grouping by origin) or votes, so the stored figures the claims index sorts
 * and shows are never out of date.
 */
export async function refreshClaimStats(tx: Tx, claimId: string): Promise<void> {
  // Read under the claim's lock: otherwise two transactions each count their own vote and not
  // the other's, and the later update leaves figures that miss one (seen on PostgreSQL).
  await lockClaims(tx, [claimId]);
  const [evidence, votes] = await Promise.all([
    tx.evidence.findMany({ where: { claimId, removedAt: null }, select: { stance: true, originId: true } }),
    tx.confidenceVote.findMany({ where: { claimId }, select: { value: true, onEarlierWording: true } }),
  ]);
  // Passages and independent lines per side: evidence sharing an origin is one line (lib/evidence/lines.ts).
  const tally = tallyLines(evidence);
  // Votes on an earlier wording answered other words: they wait, counted apart, for their voters.
  const aggregate = aggregateVotes(votes.filter((vote) => !vote.onEarlierWording).map((vote) => vote.value));
  await tx.claim.update({
    where: { id: claimId },
    data: {
      supportsCount: tally.supports.passages,
      contradictsCount: tally.contradicts.passages,
      contextCount: tally.context.passages,
      evidenceCount: evidence.length,
      supportsLines: tally.supports.lines,
      contradictsLines: tally.contradicts.lines,
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
