import "server-only";
import { z } from "zod";
import {
  rewordsStatement,
  VOTES_ON_REWORDING,
  type VotesOnRewordingChoice,
  votesChoiceNeeded,
} from "@/lib/claims/policy";
import { lockClaims, refreshClaimStats } from "@/lib/claims/stats";
import type { Tx } from "@/lib/db";
import { AppError } from "@/lib/errors";

/**
 * What a change that reworded a claim did with its votes, as its revision (Revision.votesOnRewording)
 * and audit event record it: the choice, how many votes on the current wording the claim carried,
 * and the claim's wording afterwards (one more than before for confirm, the same for keep).
 */
export const VotesOnRewordingSchema = z.object({
  choice: z.enum(VOTES_ON_REWORDING),
  votes: z.number().int().min(1),
  wording: z.number().int().min(1),
});
export type VotesOnRewording = z.infer<typeof VotesOnRewordingSchema>;

/** A revision's recorded choice, or null (none recorded, or not readable as one). */
export function parseVotesOnRewording(json: string | null): VotesOnRewording | null {
  if (!json) return null;
  const parsed = VotesOnRewordingSchema.safeParse(JSON.parse(json));
  return parsed.success ? parsed.data : null;
}

/**
 * Applies the choice for a claim's votes when a change about to be applied rewords it, inside that
 * change's transaction. Nothing to decide (the words stay, or no vote is on the current wording):
 * null, and a choice given anyway is ignored. Otherwise the choice is required (400 naming
 * votesOnRewording, and the caller's transaction writes nothing). "keep" writes nothing: the votes
 * go on counting, now for the new words. "confirm" starts a new wording and marks every vote on
 * the old one, which then counts in none of the figures until its voter confirms it or votes again.
 */
export async function settleVotesOnRewording(
  tx: Tx,
  claimId: string,
  statement: { before: string; after: string | undefined },
  choice: VotesOnRewordingChoice | undefined,
): Promise<VotesOnRewording | null> {
  if (statement.after === undefined || !rewordsStatement(statement.before, statement.after)) return null;
  // Under the claim's lock, as votes are cast: a vote cannot slip in between the count and the choice.
  await lockClaims(tx, [claimId]);
  const votes = await tx.confidenceVote.count({ where: { claimId, onEarlierWording: false } });
  if (!votesChoiceNeeded(statement.before, statement.after, votes)) return null;
  if (choice === undefined) {
    throw new AppError(
      "INVALID",
      `votesOnRewording: this change rewords a claim that carries ${votes} vote${votes === 1 ? "" : "s"}; choose keep (they count for the new wording) or confirm (each voter is asked to confirm or change theirs)`,
      { field: "votesOnRewording" },
    );
  }
  if (choice === "keep") {
    const { wording } = await tx.claim.findUniqueOrThrow({ where: { id: claimId }, select: { wording: true } });
    return { choice, votes, wording };
  }
  const { wording } = await tx.claim.update({
    where: { id: claimId },
    data: { wording: { increment: 1 } },
    select: { wording: true },
  });
  // Raw, because Prisma's updateMany would stamp updatedAt, and a vote's updatedAt is when its
  // value and reason were given (shown beside them), which marking it does not change.
  await tx.$executeRaw`UPDATE "ConfidenceVote" SET "onEarlierWording" = true WHERE "claimId" = ${claimId} AND "onEarlierWording" = false`;
  await refreshClaimStats(tx, claimId);
  return { choice, votes, wording };
}
