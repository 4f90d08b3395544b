import "server-only";
import { recordAudit } from "@/lib/audit/record";
import { authorize } from "@/lib/authorize";
import { claimAbilities, claimStateSelect, requireAbility, visibleClaimsWhere } from "@/lib/claims/policy";
import { claimRefWhere } from "@/lib/claims/refs";
import { lockClaims, refreshClaimStats } from "@/lib/claims/stats";
import type { Db, Tx } from "@/lib/db";
import { AppError, parseInput } from "@/lib/errors";
import type { MaybeActor } from "@/lib/permissions";
import { checkWriteLimit, recordWrite } from "@/lib/rate-limits";
import { CastVoteSchema, ConfirmVoteSchema } from "./schemas";

// Votes on one claim take turns (its row lock); in a storm a vote may wait for a connection and
// for the lock behind many others, which takes longer than Prisma's default 2 s wait.
const VOTE_TRANSACTION = { maxWait: 15_000, timeout: 20_000 } as const;

/**
 * The claim a member votes on, locked, with its current wording: read after the lock, so a
 * rewording committed meanwhile is seen and the vote is recorded on the wording it answers.
 */
async function claimToVoteOn(tx: Tx, actor: MaybeActor, claimRef: string) {
  const claim = await tx.claim.findFirst({
    where: { AND: [claimRefWhere(claimRef), visibleClaimsWhere(actor)] },
    select: { id: true },
  });
  if (!claim) throw new AppError("NOT_FOUND", `claimId: no claim "${claimRef}"`, { field: "claimId" });
  // One vote at a time per claim: the upsert and the figures stay consistent under a storm.
  await lockClaims(tx, [claim.id]);
  const state = await tx.claim.findUniqueOrThrow({
    where: { id: claim.id },
    select: { ...claimStateSelect, wording: true },
  });
  // Members only, published claims only (locked ones too): lib/claims/policy.ts.
  requireAbility(claimAbilities(actor, state), "vote");
  if (actor?.kind !== "user") throw new AppError("FORBIDDEN", "Only members vote."); // refused above; narrows the type
  return { claimId: claim.id, wording: state.wording, userId: actor.id };
}

/**
 * Refuses named evidence that is not live evidence of the claim: unknown, removed, or another
 * claim's (one message for all three, so an id of a claim the actor cannot see tells nothing).
 */
async function requireNameableEvidence(tx: Tx, claimId: string, evidenceIds: string[]): Promise<void> {
  if (evidenceIds.length === 0) return;
  const live = await tx.evidence.findMany({
    where: { id: { in: evidenceIds }, claimId, removedAt: null },
    select: { id: true },
  });
  const found = new Set(live.map((item) => item.id));
  const missing = evidenceIds.filter((id) => !found.has(id));
  if (missing.length > 0) {
    throw new AppError("INVALID", `evidenceIds: "${missing[0]}" is not evidence of this claim`, {
      field: "evidenceIds",
    });
  }
}

/**
 * Records the actor's confidence (0-100 %) that a claim is true, on the claim's current wording
 * (a vote waiting for confirmation is confirmed by voting again). A member has one current vote
 * per claim; every value cast is also kept in the vote history.
 */
export async function castVote(db: Db, actor: MaybeActor, input: unknown) {
  authorize(actor, "cast:vote");
  const data = parseInput(CastVoteSchema, input);
  const { claimId: claimRef, value } = data;
  const rationale = data.rationale || null;
  const evidenceIds = data.evidenceIds ?? [];

  return db.$transaction(async (tx) => {
    await checkWriteLimit(tx, actor, "vote");
    await recordWrite(tx, actor, "vote");
    const { claimId, wording, userId } = await claimToVoteOn(tx, actor, claimRef);
    await requireNameableEvidence(tx, claimId, evidenceIds);
    const vote = await tx.confidenceVote.upsert({
      where: { claimId_userId: { claimId, userId } },
      create: { claimId, userId, value, rationale, wording },
      update: { value, rationale, wording, onEarlierWording: false },
      select: { id: true, claimId: true, value: true, rationale: true, updatedAt: true },
    });
    // Casting again replaces the named evidence, with the value, in the same transaction.
    await tx.voteEvidence.deleteMany({ where: { voteId: vote.id } });
    if (evidenceIds.length > 0) {
      await tx.voteEvidence.createMany({ data: evidenceIds.map((evidenceId) => ({ voteId: vote.id, evidenceId })) });
    }
    await tx.confidenceVoteHistory.create({ data: { claimId, userId, value, rationale, wording } });
    await refreshClaimStats(tx, claimId);
    await recordAudit(tx, actor, {
      action: "vote.cast",
      entityType: "Claim",
      entityId: claimId,
      data: evidenceIds.length > 0 ? { value, evidenceIds } : { value },
    });
    return { ...vote, evidenceIds };
  }, VOTE_TRANSACTION);
}

/**
 * Confirms, in one click, a vote the actor cast on an earlier wording of a claim: the same value
 * and reason, now on the current wording, so it counts in the team's figures again. A vote cast
 * like any other (rate limit, history, audit). Refused when the actor has no vote on the claim,
 * or when theirs is already on the current wording.
 */
export async function confirmVote(db: Db, actor: MaybeActor, input: unknown) {
  authorize(actor, "cast:vote");
  const { claimId: claimRef } = parseInput(ConfirmVoteSchema, input);

  return db.$transaction(async (tx) => {
    await checkWriteLimit(tx, actor, "vote");
    await recordWrite(tx, actor, "vote");
    const { claimId, wording, userId } = await claimToVoteOn(tx, actor, claimRef);
    const earlier = await tx.confidenceVote.findUnique({
      where: { claimId_userId: { claimId, userId } },
      select: { value: true, rationale: true, onEarlierWording: true },
    });
    if (!earlier) {
      throw new AppError("CONFLICT", "claimId: you have not voted on this claim; cast a vote instead", {
        field: "claimId",
      });
    }
    if (!earlier.onEarlierWording) {
      throw new AppError("CONFLICT", "claimId: your vote is already on the claim's current wording", {
        field: "claimId",
      });
    }
    const { value, rationale } = earlier;
    const vote = await tx.confidenceVote.update({
      where: { claimId_userId: { claimId, userId } },
      // The evidence it named stays named (VoteEvidence rows are untouched).
      data: { wording, onEarlierWording: false },
      select: { id: true, claimId: true, value: true, rationale: true, updatedAt: true },
    });
    await tx.confidenceVoteHistory.create({ data: { claimId, userId, value, rationale, wording } });
    await refreshClaimStats(tx, claimId);
    await recordAudit(tx, actor, {
      action: "vote.confirm",
      entityType: "Claim",
      entityId: claimId,
      data: { value, wording },
    });
    return vote;
  }, VOTE_TRANSACTION);
}
