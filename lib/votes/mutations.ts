import "server-only";
import { recordAudit } from "@/lib/audit/record";
import { authorize } from "@/lib/authorize";
import { claimAbilities, claimStateSelect, requireAbility, visibleClaimsWhere } from "@/lib/claims/policy";
import { claimRefWhere } from "@/lib/claims/refs";
import { lockClaims, refreshClaimStats } from "@/lib/claims/stats";
import type { Db } from "@/lib/db";
import { AppError, parseInput } from "@/lib/errors";
import type { MaybeActor } from "@/lib/permissions";
import { checkWriteLimit, recordWrite } from "@/lib/rate-limits";
import { CastVoteSchema } from "./schemas";

/**
 * Records the actor's confidence (0-100 %) that a claim is true. A member has one current
 * vote per claim; every value cast is also kept in the vote history.
 */
// Votes on one claim take turns (its row lock); in a storm a vote may wait for a connection and
// for the lock behind many others, which takes longer than Prisma's default 2 s wait.
const VOTE_TRANSACTION = { maxWait: 15_000, timeout: 20_000 } as const;

export async function castVote(db: Db, actor: MaybeActor, input: unknown) {
  authorize(actor, "cast:vote");
  const data = parseInput(CastVoteSchema, input);
  const { claimId: claimRef, value } = data;
  const rationale = data.rationale || null;

  return db.$transaction(async (tx) => {
    await checkWriteLimit(tx, actor, "vote");
    await recordWrite(tx, actor, "vote");
    const claim = await tx.claim.findFirst({
      where: { AND: [claimRefWhere(claimRef), visibleClaimsWhere(actor)] },
      select: { id: true, ...claimStateSelect },
    });
    if (!claim) throw new AppError("NOT_FOUND", `claimId: no claim "${claimRef}"`, { field: "claimId" });
    const claimId = claim.id;
    // One vote at a time per claim: the upsert below and the figures stay consistent under a storm.
    await lockClaims(tx, [claimId]);
    // Members only, published claims only (locked ones too): lib/claims/policy.ts.
    requireAbility(claimAbilities(actor, claim), "vote");
    if (actor.kind !== "user") throw new AppError("FORBIDDEN", "Only members vote."); // refused above; narrows the type
    const userId = actor.id;
    const vote = await tx.confidenceVote.upsert({
      where: { claimId_userId: { claimId, userId } },
      create: { claimId, userId, value, rationale },
      update: { value, rationale },
      select: { id: true, claimId: true, value: true, rationale: true, updatedAt: true },
    });
    await tx.confidenceVoteHistory.create({ data: { claimId, userId, value, rationale } });
    await refreshClaimStats(tx, claimId);
    await recordAudit(tx, actor, { action: "vote.cast", entityType: "Claim", entityId: claimId, data: { value } });
    return vote;
  }, VOTE_TRANSACTION);
}
