import { z } from "zod";
import { recordAudit } from "@/lib/audit/record";
import { authorize } from "@/lib/authorize";
import { visibleClaimsWhere } from "@/lib/claims/policy";
import type { Db } from "@/lib/db";
import { AppError, invalidFromZod } from "@/lib/errors";
import type { MaybeActor } from "@/lib/permissions";

const AddCommentSchema = z.object({
  claimId: z.string().trim().min(1, "is required").max(64),
  body: z.string({ error: "is required" }).trim().min(1, "is required").max(10_000, "must be at most 10000 characters"),
});

/** Adds a comment (Markdown) to a claim's discussion. */
export async function addComment(db: Db, actor: MaybeActor, input: { claimId?: unknown; body?: unknown }) {
  authorize(actor, "create:comment");
  const parsed = AddCommentSchema.safeParse(input);
  if (!parsed.success) throw invalidFromZod(parsed.error);
  const { claimId, body } = parsed.data;
  return db.$transaction(async (tx) => {
    const claim = await tx.claim.findFirst({
      where: { AND: [{ id: claimId }, visibleClaimsWhere(actor)] },
      select: { id: true },
    });
    if (!claim) throw new AppError("NOT_FOUND", `claimId: no claim with id "${claimId}"`, { field: "claimId" });
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

const HideSchema = z.object({
  commentId: z.string().trim().min(1, "is required").max(64),
  hidden: z.boolean({ error: "must be true or false" }),
  reason: z.string().trim().max(500, "must be at most 500 characters").optional(),
});

/** Hides a comment from readers (moderators), or shows it again; the text is kept. */
export async function setCommentHidden(
  db: Db,
  actor: MaybeActor,
  input: { commentId?: unknown; hidden?: unknown; reason?: unknown },
) {
  authorize(actor, "hide:comment:any");
  const parsed = HideSchema.safeParse(input);
  if (!parsed.success) throw invalidFromZod(parsed.error);
  const { commentId, hidden } = parsed.data;
  return db.$transaction(async (tx) => {
    const comment = await tx.comment.findUnique({ where: { id: commentId }, select: { id: true, hiddenAt: true } });
    if (!comment)
      throw new AppError("NOT_FOUND", `commentId: no comment with id "${commentId}"`, { field: "commentId" });
    await tx.comment.update({
      where: { id: commentId },
      data: hidden
        ? { hiddenAt: new Date(), hiddenById: actor.id, hideReason: parsed.data.reason || null }
        : { hiddenAt: null, hiddenById: null, hideReason: null },
    });
    await recordAudit(tx, actor, {
      action: hidden ? "comment.hide" : "comment.show",
      entityType: "Comment",
      entityId: commentId,
      data: { reason: parsed.data.reason ?? null },
    });
    return { commentId, hidden };
  });
}
