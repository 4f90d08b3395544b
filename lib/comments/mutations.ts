import "server-only";
import { recordAudit } from "@/lib/audit/record";
import { authorize } from "@/lib/authorize";
import { claimAbilities, claimStateSelect, requireAbility, visibleClaimsWhere } from "@/lib/claims/policy";
import { claimRefWhere } from "@/lib/claims/refs";
import type { Db } from "@/lib/db";
import { AppError, parseInput } from "@/lib/errors";
import type { MaybeActor } from "@/lib/permissions";
import { checkWriteLimit, recordWrite } from "@/lib/rate-limits";
import { AddCommentSchema, SetCommentHiddenSchema } from "./schemas";

/** Adds a comment (Markdown) to a claim's discussion. */
export async function addComment(db: Db, actor: MaybeActor, input: unknown) {
  authorize(actor, "create:comment");
  const { claimId: claimRef, body } = parseInput(AddCommentSchema, input);
  return db.$transaction(async (tx) => {
    await checkWriteLimit(tx, actor, "comment");
    await recordWrite(tx, actor, "comment");
    const claim = await tx.claim.findFirst({
      where: { AND: [claimRefWhere(claimRef), visibleClaimsWhere(actor)] },
      select: { id: true, ...claimStateSelect },
    });
    if (!claim) throw new AppError("NOT_FOUND", `claimId: no claim "${claimRef}"`, { field: "claimId" });
    const claimId = claim.id;
    // A merged duplicate's discussion moved with it: lib/claims/policy.ts.
    requireAbility(claimAbilities(actor, claim), "comment");
    const comment = await tx.comment.create({
      data: { claimId, body, authorId: actor.id },
      select: { id: true, claimId: true, createdAt: true },
    });
    await recordAudit(tx, actor, {
      action: "comment.add",
      entityType: "Comment",
      entityId: comment.id,
      data: { claimId, length: body.length },
    });
    return comment;
  });
}

/** Hides a comment from readers (moderators), or shows it again; the text is kept. */
export async function setCommentHidden(db: Db, actor: MaybeActor, input: unknown) {
  authorize(actor, "hide:comment:any");
  const { commentId, hidden, reason } = parseInput(SetCommentHiddenSchema, input);
  return db.$transaction(async (tx) => {
    const comment = await tx.comment.findUnique({ where: { id: commentId }, select: { id: true, hiddenAt: true } });
    if (!comment)
      throw new AppError("NOT_FOUND", `commentId: no comment with id "${commentId}"`, { field: "commentId" });
    await tx.comment.update({
      where: { id: commentId },
      data: hidden
        ? { hiddenAt: new Date(), hiddenById: actor.id, hideReason: reason || null }
        : { hiddenAt: null, hiddenById: null, hideReason: null },
    });
    await recordAudit(tx, actor, {
      action: hidden ? "comment.hide" : "comment.show",
      entityType: "Comment",
      entityId: commentId,
      data: { reason: reason ?? null },
    });
    return { commentId, hidden };
  });
}
