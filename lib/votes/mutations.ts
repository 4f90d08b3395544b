import "server-only";
import { recordAudit } from "@/lib/audit/record";
import { authorize } from "@/lib/authorize";
import { claimAbilities, claimStateSelect, requireAbility, visibleClaimsWhere } from "@/lib/claims/policy";
import { refreshClaimStats } from "@/lib/claims/stats";
import type { Db } from "@/lib/db";
import { AppError, parseInput } from "@/lib/errors";
import type { MaybeActor } from "@/lib/permissions";
import { CastVoteSchema } from "./schemas";

/**
 * Records the actor's confidence (0-100 %) that a claim is true. A member has one current
 * vote per claim; every value cast is also kept in the vote history.
 */
export async function castVote(db: Db, actor: MaybeActor, input: unknown) {
  authorize(actor, "cast:vote");
  const data = parseInput(CastVoteSchema, input);
  const { claimId, value } = data;
  const rationale = data.rationale || null;

  return db.$transaction(async (tx) => {
    const claim = await tx.claim.findFirst({
      where: { AND: [{ id: claimId }, visibleClaimsWhere(actor)] },
      select: { id: true, ...claimStateSelect },
    });
    if (!claim) throw new AppError("NOT_FOUND", `claimId: no claim with id "${claimId}"`, { field: "claimId" });
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
  });
}
