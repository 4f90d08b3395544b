import "server-only";
import { recordAudit } from "@/lib/audit/record";
import { authorize } from "@/lib/authorize";
import { claimAbilities, requireAbility, visibleClaimsWhere } from "@/lib/claims/policy";
import { claimRefWhere, looksLikeClaimId } from "@/lib/claims/refs";
import type { Db, Tx } from "@/lib/db";
import { AppError, isUniqueViolation, parseInput } from "@/lib/errors";
import { can, type MaybeActor } from "@/lib/permissions";
import { checkWriteLimit, recordWrite } from "@/lib/rate-limits";
import { slugify } from "@/lib/text/fold";
import { matrixColumnsWhere, questionRefWhere, visibleQuestionsWhere } from "./policy";
import {
  CreateQuestionSchema,
  MarkCellSchema,
  ProposeQuestionClaimSchema,
  ReviewQuestionClaimSchema,
  ReviewQuestionSchema,
} from "./schemas";

async function uniqueQuestionSlug(tx: Tx, title: string): Promise<string> {
  const folded = slugify(title, 72) || "question";
  // A slug shaped like an id would be read as one (lib/questions/policy.ts, as for claims).
  const slug = looksLikeClaimId(folded) ? `${folded}-question` : folded;
  const taken = new Set(
    (await tx.question.findMany({ where: { slug: { startsWith: slug } }, select: { slug: true } })).map(
      (question) => question.slug,
    ),
  );
  if (!taken.has(slug)) return slug;
  for (let suffix = 2; ; suffix++) if (!taken.has(`${slug}-${suffix}`)) return `${slug}-${suffix}`;
}

/** A claim a member may put in a question: one they may read and relate, not merged into another. */
async function claimForQuestion(tx: Db | Tx, actor: MaybeActor, ref: string, field: string) {
  const claim = await tx.claim.findFirst({
    where: { AND: [claimRefWhere(ref), visibleClaimsWhere(actor)] },
    select: { id: true, slug: true, statement: true, status: true, authorId: true, lockedAt: true, mergedIntoId: true },
  });
  if (!claim) throw new AppError("NOT_FOUND", `${field}: no claim "${ref}"`, { field });
  if (claim.mergedIntoId) {
    throw new AppError("CONFLICT", `${field}: that claim was merged into another as a duplicate; use that one`, {
      field,
    });
  }
  requireAbility(claimAbilities(actor, claim), "relate");
  return claim;
}

async function readableQuestion(tx: Db | Tx, actor: MaybeActor, ref: string) {
  const question = await tx.question.findFirst({
    where: { AND: [questionRefWhere(ref), visibleQuestionsWhere(actor)] },
    select: { id: true, slug: true, title: true, status: true, authorId: true },
  });
  if (!question) throw new AppError("NOT_FOUND", `questionId: no question "${ref}"`, { field: "questionId" });
  return question;
}

/**
 * Asks a question that competing claims answer ("Who was behind Kirov's murder?"), with the claims
 * to weigh in it. A moderator's question is published with its claims at once; a contributor's,
 * and the claims they put in it, wait for a moderator (the review queue). Audited.
 */
export async function createQuestion(db: Db, actor: MaybeActor, input: unknown) {
  authorize(actor, "create:question");
  const data = parseInput(CreateQuestionSchema, input);
  const direct = can(actor, "approve:revision:any");
  return db.$transaction(async (tx) => {
    await checkWriteLimit(tx, actor, "question");
    await recordWrite(tx, actor, "question");
    const claims = [];
    for (const ref of data.claimIds) claims.push(await claimForQuestion(tx, actor, ref, "claimIds"));
    if (new Set(claims.map((claim) => claim.id)).size !== claims.length) {
      throw new AppError("INVALID", "claimIds: a claim is listed twice", { field: "claimIds" });
    }
    const question = await tx.question
      .create({
        data: {
          slug: await uniqueQuestionSlug(tx, data.title),
          title: data.title,
          description: data.description || null,
          status: direct ? "published" : "pending_review",
          authorId: actor.kind === "user" ? actor.id : null,
          claims: {
            create: claims.map((claim) => ({
              claimId: claim.id,
              status: direct ? "confirmed" : "pending",
              proposedById: actor.kind === "user" ? actor.id : null,
              ...(direct ? { reviewedById: actor.kind === "user" ? actor.id : null, reviewedAt: new Date() } : {}),
            })),
          },
        },
        select: { id: true, slug: true, title: true, status: true },
      })
      .catch((error: unknown) => {
        if (isUniqueViolation(error)) {
          throw new AppError("CONFLICT", "title: a question with this title was asked at the same moment; ask again", {
            field: "title",
          });
        }
        throw error;
      });
    await recordAudit(tx, actor, {
      action: "question.create",
      entityType: "Question",
      entityId: question.id,
      data: {
        title: data.title,
        description: data.description || null,
        status: question.status,
        claimIds: claims.map((claim) => claim.id),
      },
    });
    return question;
  });
}

/** A moderator publishes a question waiting for review, or sends it back to its author with a reason. Audited. */
export async function reviewQuestion(db: Db, actor: MaybeActor, input: unknown) {
  authorize(actor, "approve:revision:any");
  const { questionId, decision, reason } = parseInput(ReviewQuestionSchema, input);
  if (decision === "send_back" && !reason) {
    throw new AppError("INVALID", "reason: say what the author should change", { field: "reason" });
  }
  return db.$transaction(async (tx) => {
    const question = await readableQuestion(tx, actor, questionId);
    const status = decision === "publish" ? "published" : "draft";
    // Only a question still waiting (or sent back, which a moderator may still publish) changes: a
    // second moderator deciding at the same time gets a conflict.
    const from = decision === "publish" ? (["pending_review", "draft"] as const) : (["pending_review"] as const);
    const changed = await tx.question.updateMany({
      where: { id: question.id, status: { in: [...from] } },
      data: { status, reviewNote: reason || null },
    });
    if (changed.count === 0) {
      throw new AppError("CONFLICT", `questionId: this question is ${question.status.replace("_", " ")}, not waiting`, {
        field: "questionId",
      });
    }
    await recordAudit(tx, actor, {
      action: `question.${decision}`,
      entityType: "Question",
      entityId: question.id,
      data: { reason: reason || null },
    });
    return { questionId: question.id, status };
  });
}

/** Puts a competing claim in a question: at once for a moderator, else waiting for one. Audited. */
export async function proposeQuestionClaim(db: Db, actor: MaybeActor, input: unknown) {
  authorize(actor, "propose:revision");
  const { questionId, claimId, note } = parseInput(ProposeQuestionClaimSchema, input);
  const direct = can(actor, "approve:revision:any");
  return db.$transaction(async (tx) => {
    await checkWriteLimit(tx, actor, "question");
    await recordWrite(tx, actor, "question");
    const question = await readableQuestion(tx, actor, questionId);
    if (question.status === "archived") {
      throw new AppError("CONFLICT", "questionId: this question is archived and takes no more claims", {
        field: "questionId",
      });
    }
    const claim = await claimForQuestion(tx, actor, claimId, "claimId");
    let row: { id: string; status: string };
    // A claim taken out of the question before may be put back: its row is reopened.
    const reopened = await tx.questionClaim.updateMany({
      where: { questionId: question.id, claimId: claim.id, status: "rejected" },
      data: {
        status: direct ? "confirmed" : "pending",
        note: note || null,
        proposedById: actor.kind === "user" ? actor.id : null,
        reviewedById: direct && actor.kind === "user" ? actor.id : null,
        reviewedAt: direct ? new Date() : null,
        reviewNote: null,
      },
    });
    if (reopened.count > 0) {
      const again = await tx.questionClaim.findUniqueOrThrow({
        where: { questionId_claimId: { questionId: question.id, claimId: claim.id } },
        select: { id: true, status: true },
      });
      await recordAudit(tx, actor, {
        action: direct ? "question.claim.confirm" : "question.claim.propose",
        entityType: "Question",
        entityId: question.id,
        data: {
          questionClaimId: again.id,
          claimId: claim.id,
          statement: claim.statement,
          note: note || null,
          reopened: true,
        },
      });
      return { questionClaimId: again.id, status: again.status as "pending" | "confirmed" };
    }
    try {
      row = await tx.questionClaim.create({
        data: {
          questionId: question.id,
          claimId: claim.id,
          status: direct ? "confirmed" : "pending",
          note: note || null,
          proposedById: actor.kind === "user" ? actor.id : null,
          ...(direct ? { reviewedById: actor.kind === "user" ? actor.id : null, reviewedAt: new Date() } : {}),
        },
        select: { id: true, status: true },
      });
    } catch (error) {
      if (isUniqueViolation(error)) {
        throw new AppError("CONFLICT", "claimId: that claim is already in this question (or proposed for it)", {
          field: "claimId",
        });
      }
      throw error;
    }
    await recordAudit(tx, actor, {
      action: direct ? "question.claim.confirm" : "question.claim.propose",
      entityType: "Question",
      entityId: question.id,
      data: { questionClaimId: row.id, claimId: claim.id, statement: claim.statement, note: note || null },
    });
    return { questionClaimId: row.id, status: row.status as "pending" | "confirmed" };
  });
}

/** A moderator confirms or rejects a claim proposed for a question; confirming a confirmed one is a conflict. Audited. */
export async function reviewQuestionClaim(db: Db, actor: MaybeActor, input: unknown) {
  authorize(actor, "approve:revision:any");
  const { questionId, questionClaimId, decision, note } = parseInput(ReviewQuestionClaimSchema, input);
  return db.$transaction(async (tx) => {
    const row = await tx.questionClaim.findUnique({
      where: { id: questionClaimId },
      select: { id: true, status: true, questionId: true, claimId: true, question: { select: { slug: true } } },
    });
    // Through the API the path names the question: a row of another question is not there.
    if (!row || (questionId !== undefined && questionId !== row.questionId && questionId !== row.question.slug)) {
      throw new AppError("NOT_FOUND", `questionClaimId: no proposed claim "${questionClaimId}"`, {
        field: "questionClaimId",
      });
    }
    const status = decision === "confirm" ? "confirmed" : "rejected";
    // A confirmed claim may be taken out (rejected) later; anything else is decided once.
    const from = decision === "reject" ? (["pending", "confirmed"] as const) : (["pending"] as const);
    const changed = await tx.questionClaim.updateMany({
      where: { id: row.id, status: { in: [...from] } },
      data: { status, reviewedById: actor.id, reviewedAt: new Date(), reviewNote: note || null },
    });
    if (changed.count === 0) {
      throw new AppError("CONFLICT", `questionClaimId: this claim was already ${row.status}`, {
        field: "questionClaimId",
      });
    }
    await recordAudit(tx, actor, {
      action: `question.claim.${decision}`,
      entityType: "Question",
      entityId: row.questionId,
      data: { questionClaimId: row.id, claimId: row.claimId, note: note || null },
    });
    return { questionClaimId: row.id, status };
  });
}

/**
 * A member's mark on one cell of a question's matrix: whether a piece of evidence is consistent
 * with, inconsistent with or neutral to one of its claims; null takes the mark back. The claim must
 * be one of the question's confirmed claims, and the passage evidence cited on one of them. Audited.
 */
export async function markCell(db: Db, actor: MaybeActor, input: unknown) {
  authorize(actor, "mark:matrix");
  // A mark is one member's judgement; the system (sample loader, scripts) has none of its own.
  if (actor.kind !== "user") throw new AppError("FORBIDDEN", "A mark belongs to a member: the system cannot mark.");
  const userId = actor.id;
  const data = parseInput(MarkCellSchema, input);
  return db.$transaction(async (tx) => {
    await checkWriteLimit(tx, actor, "mark");
    await recordWrite(tx, actor, "mark");
    const question = await readableQuestion(tx, actor, data.questionId);
    if (question.status !== "published") {
      throw new AppError("CONFLICT", "questionId: only a published question's matrix is marked", {
        field: "questionId",
      });
    }
    const member = await tx.questionClaim.findFirst({
      where: {
        questionId: question.id,
        status: "confirmed",
        claim: { AND: [claimRefWhere(data.claimId), visibleClaimsWhere(actor)] },
      },
      select: { claimId: true },
    });
    if (!member) {
      throw new AppError("NOT_FOUND", `claimId: "${data.claimId}" is not one of this question's claims`, {
        field: "claimId",
      });
    }
    const column = await tx.evidence.findFirst({
      where: { passageId: data.passageId, ...matrixColumnsWhere(question.id, actor) },
      select: { id: true },
    });
    if (!column) {
      throw new AppError(
        "NOT_FOUND",
        `passageId: "${data.passageId}" is not evidence cited on this question's claims`,
        {
          field: "passageId",
        },
      );
    }
    const where = {
      questionId_claimId_passageId_userId: {
        questionId: question.id,
        claimId: member.claimId,
        passageId: data.passageId,
        userId,
      },
    };
    if (data.mark === null) await tx.matrixMark.deleteMany({ where: where.questionId_claimId_passageId_userId });
    else
      await tx.matrixMark.upsert({
        where,
        create: { ...where.questionId_claimId_passageId_userId, mark: data.mark },
        update: { mark: data.mark },
      });
    await recordAudit(tx, actor, {
      action: data.mark === null ? "question.mark.withdraw" : "question.mark",
      entityType: "Question",
      entityId: question.id,
      data: { claimId: member.claimId, passageId: data.passageId, mark: data.mark },
    });
    return { questionId: question.id, claimId: member.claimId, passageId: data.passageId, mark: data.mark };
  });
}
