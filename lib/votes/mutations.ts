import { recordAudit } from "@/lib/audit/record";
import { authorize } from "@/lib/authorize";
import { visibleClaimsWhere } from "@/lib/claims/policy";
import { refreshClaimStats } from "@/lib/claims/stats";
import type { Db } from "@/lib/db";
import { AppError, invalidFromZod } from "@/lib/errors";
import type { MaybeActor } from "@/lib/permissions";
import { type CastVoteInput, CastVoteSchema } from "./schemas";

/**
 * Records the actor's confidence (0-100 %) that a claim is true. A member has one current
 * vote per claim; every value cast is also kept in the vote history.
 */
export async function castVote(db: Db, actor: MaybeActor, input: CastVoteInput) {
  authorize(actor, "cast:vote");
  if (actor.kind !== "user") throw new AppError("FORBIDDEN", "Only members vote.");
  const parsed = CastVoteSchema.safeParse(input);
  if (!parsed.success) throw invalidFromZod(parsed.error);
  const { claimId, value } = parsed.data;
  const rationale = parsed.data.rationale || null;
  const userId = actor.id;

  return db.$transaction(async (tx) => {
    const claim = await tx.claim.findFirst({
      where: { AND: [{ id: claimId }, visibleClaimsWhere(actor)] },
      select: { id: true, status: true },
    });
    if (!claim) throw new AppError("NOT_FOUND", `claimId: no claim with id "${claimId}"`, { field: "claimId" });
    if (claim.status !== "published") {
      throw new AppError("CONFLICT", "claimId: votes are taken on published claims only", { field: "claimId" });
    }
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
