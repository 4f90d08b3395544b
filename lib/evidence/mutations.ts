import "server-only";
import { recordAudit } from "@/lib/audit/record";
import { authorize } from "@/lib/authorize";
import { claimAbilities, claimStateSelect, requireAbility, visibleClaimsWhere } from "@/lib/claims/policy";
import { claimRefWhere } from "@/lib/claims/refs";
import { refreshClaimStats } from "@/lib/claims/stats";
import type { Db } from "@/lib/db";
import { AppError, isUniqueViolation, parseInput } from "@/lib/errors";
import { recordAppliedRevision } from "@/lib/moderation/mutations";
import { resolvePassage } from "@/lib/passages/resolve";
import type { MaybeActor } from "@/lib/permissions";
import { checkWriteLimit, recordWrite } from "@/lib/rate-limits";
import { AddEvidenceSchema } from "./schemas";

/** Links a passage (existing, a span, or a quotation found in the source) to a claim with a stance. */
export async function addEvidence(db: Db, actor: MaybeActor, input: unknown) {
  authorize(actor, "create:evidence");
  const data = parseInput(AddEvidenceSchema, input);

  try {
    return await db.$transaction(async (tx) => {
      await checkWriteLimit(tx, actor, "evidence");
      await recordWrite(tx, actor, "evidence");
      const claim = await tx.claim.findFirst({
        where: { AND: [claimRefWhere(data.claimId), visibleClaimsWhere(actor)] },
        select: { id: true, ...claimStateSelect },
      });
      if (!claim) throw new AppError("NOT_FOUND", `claimId: no claim "${data.claimId}"`, { field: "claimId" });
      // Not on locked, archived or merged claims: lib/claims/policy.ts.
      requireAbility(claimAbilities(actor, claim), "cite");
      const passage = await resolvePassage(tx, actor, data.passage);
      const evidence = await tx.evidence.create({
        data: {
          claimId: claim.id,
          passageId: passage.id,
          stance: data.stance,
          note: data.note || null,
          pinpoint: data.pinpoint || null,
          addedById: actor.id,
        },
        select: {
          id: true,
          claimId: true,
          passageId: true,
          stance: true,
          note: true,
          pinpoint: true,
          passage: { select: { text: true } },
        },
      });
      await refreshClaimStats(tx, claim.id);
      await recordAppliedRevision(tx, actor, {
        claimId: claim.id,
        action: "evidence.add",
        before: null,
        after: {
          evidence: [
            {
              id: evidence.id,
              quote: evidence.passage.text.slice(0, 300),
              stance: evidence.stance,
              note: evidence.note,
              pinpoint: evidence.pinpoint,
              removed: false,
            },
          ],
        },
        baseVersion: null,
      });
      await recordAudit(tx, actor, {
        action: "evidence.add",
        entityType: "Evidence",
        entityId: evidence.id,
        data: { claimId: claim.id, passageId: passage.id, sourceId: passage.sourceId, stance: data.stance },
      });
      return { id: evidence.id, claimId: evidence.claimId, passageId: evidence.passageId, stance: evidence.stance };
    });
  } catch (error) {
    if (isUniqueViolation(error)) {
      throw new AppError(
        "CONFLICT",
        "passage: this passage is already (or was) evidence for the claim; a moderator can restore removed evidence by reverting",
        {
          field: "passage",
        },
      );
    }
    throw error;
  }
}
