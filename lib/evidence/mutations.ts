import { recordAudit } from "@/lib/audit/record";
import { authorize } from "@/lib/authorize";
import { visibleClaimsWhere } from "@/lib/claims/policy";
import type { Db } from "@/lib/db";
import { AppError, invalidFromZod, isUniqueViolation } from "@/lib/errors";
import type { MaybeActor } from "@/lib/permissions";
import { resolvePassage } from "@/lib/passages/resolve";
import { AddEvidenceSchema, type AddEvidenceInput } from "./schemas";

/** Links a passage (existing, a span, or a quotation found in the source) to a claim with a stance. */
export async function addEvidence(db: Db, actor: MaybeActor, input: AddEvidenceInput) {
  authorize(actor, "create:evidence");
  const parsed = AddEvidenceSchema.safeParse(input);
  if (!parsed.success) throw invalidFromZod(parsed.error);
  const data = parsed.data;

  try {
    return await db.$transaction(async (tx) => {
      const claim = await tx.claim.findFirst({
        where: { AND: [{ id: data.claimId }, visibleClaimsWhere(actor)] },
        select: { id: true, status: true, lockedAt: true },
      });
      if (!claim) throw new AppError("NOT_FOUND", `claimId: no claim with id "${data.claimId}"`, { field: "claimId" });
      if (claim.status === "archived") {
        throw new AppError("CONFLICT", "claimId: the claim is archived and takes no new evidence", { field: "claimId" });
      }
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
        select: { id: true, claimId: true, passageId: true, stance: true },
      });
      await recordAudit(tx, actor, {
        action: "evidence.add",
        entityType: "Evidence",
        entityId: evidence.id,
        data: { claimId: claim.id, passageId: passage.id, sourceId: passage.sourceId, stance: data.stance },
      });
      return evidence;
    });
  } catch (error) {
    if (isUniqueViolation(error)) {
      throw new AppError("CONFLICT", "passage: this passage is already evidence for the claim", { field: "passage" });
    }
    throw error;
  }
}
