import "server-only";
import { recordAudit } from "@/lib/audit/record";
import { authorize } from "@/lib/authorize";
import { visibleClaimsWhere } from "@/lib/claims/policy";
import type { Db, Tx } from "@/lib/db";
import { AppError, parseInput } from "@/lib/errors";
import type { Actor, MaybeActor, Permission } from "@/lib/permissions";
import { checkWriteLimit, recordWrite } from "@/lib/rate-limits";
import { EvidenceRatingRefSchema, RateEvidenceSchema, RateSourceSchema, SourceRatingRefSchema } from "./schemas";

// Each write below is one transaction: the current rating, its history row, the audit event and
// the member's rate-limit event commit together or not at all.

/** The member a rating belongs to: ratings are one per member, so the system (scripts) cannot give one. */
function raterOf(actor: MaybeActor, permission: Permission): Extract<Actor, { kind: "user" }> {
  authorize(actor, permission);
  if (actor.kind !== "user") throw new AppError("FORBIDDEN", "Only members rate: a rating is one member's judgement.");
  return actor;
}

/**
 * The source a rating of `sourceId` is stored on: its first version. A new version corrects or
 * re-imports the same work by the same author and publisher, so its reliability does not start
 * over; every version shows, and adds to, the same ratings.
 */
async function ratedSourceOf(tx: Tx, sourceId: string): Promise<{ id: string; versionId: string }> {
  const source = await tx.source.findUnique({ where: { id: sourceId }, select: { id: true, firstVersionId: true } });
  if (!source) throw new AppError("NOT_FOUND", `sourceId: no source "${sourceId}"`, { field: "sourceId" });
  return { id: source.firstVersionId ?? source.id, versionId: source.id };
}

/** A piece of evidence on a claim the actor may read, or NOT_FOUND as if it did not exist. */
async function readableEvidence(tx: Tx, actor: MaybeActor, evidenceId: string) {
  const evidence = await tx.evidence.findFirst({
    where: { id: evidenceId, claim: visibleClaimsWhere(actor) },
    select: { id: true, claimId: true, removedAt: true },
  });
  if (!evidence) throw new AppError("NOT_FOUND", `evidenceId: no evidence "${evidenceId}"`, { field: "evidenceId" });
  return evidence;
}

/**
 * Rates a source's reliability on the Admiralty scale (A completely reliable … E unreliable,
 * F cannot be judged), with a reason. A member has one current rating per source (shared by its
 * versions); rating again replaces it, and every rating given stays in the history.
 */
export async function rateSource(db: Db, actor: MaybeActor, input: unknown) {
  const rater = raterOf(actor, "rate:source");
  const { sourceId, grade, reason } = parseInput(RateSourceSchema, input);
  return db.$transaction(async (tx) => {
    await checkWriteLimit(tx, rater, "rating");
    await recordWrite(tx, rater, "rating");
    const source = await ratedSourceOf(tx, sourceId);
    const key = { sourceId_userId: { sourceId: source.id, userId: rater.id } };
    const previous = await tx.sourceRating.findUnique({ where: key, select: { grade: true } });
    const rating = await tx.sourceRating.upsert({
      where: key,
      create: { sourceId: source.id, userId: rater.id, grade, reason },
      update: { grade, reason },
      select: { sourceId: true, grade: true, reason: true, updatedAt: true },
    });
    await tx.sourceRatingHistory.create({ data: { sourceId: source.id, userId: rater.id, grade, reason } });
    await recordAudit(tx, rater, {
      action: "source.rate",
      entityType: "Source",
      entityId: source.id,
      data: { grade, previousGrade: previous?.grade ?? null, version: source.versionId },
    });
    return { sourceId: rating.sourceId, grade: rating.grade, reason: rating.reason, ratedAt: rating.updatedAt };
  });
}

/** Withdraws the member's rating of a source; the history keeps it, and records the withdrawal. */
export async function withdrawSourceRating(db: Db, actor: MaybeActor, input: unknown) {
  const rater = raterOf(actor, "rate:source");
  const { sourceId } = parseInput(SourceRatingRefSchema, input);
  return db.$transaction(async (tx) => {
    await checkWriteLimit(tx, rater, "rating");
    await recordWrite(tx, rater, "rating");
    const source = await ratedSourceOf(tx, sourceId);
    const key = { sourceId_userId: { sourceId: source.id, userId: rater.id } };
    const current = await tx.sourceRating.findUnique({ where: key, select: { grade: true } });
    if (!current) {
      throw new AppError("NOT_FOUND", "sourceId: you have not rated this source", { field: "sourceId" });
    }
    await tx.sourceRating.delete({ where: key });
    await tx.sourceRatingHistory.create({ data: { sourceId: source.id, userId: rater.id, grade: null, reason: null } });
    await recordAudit(tx, rater, {
      action: "source.rating.withdraw",
      entityType: "Source",
      entityId: source.id,
      data: { previousGrade: current.grade, version: source.versionId },
    });
    return { sourceId: source.id, withdrawn: true as const };
  });
}

/**
 * Rates a piece of evidence's credibility on the Admiralty scale (1 confirmed by other sources …
 * 5 improbable, 6 cannot be judged), with a reason. Only evidence on a claim the member may read
 * (anything else is NOT_FOUND), and not evidence removed from its claim.
 */
export async function rateEvidence(db: Db, actor: MaybeActor, input: unknown) {
  const rater = raterOf(actor, "rate:evidence");
  const { evidenceId, grade, reason } = parseInput(RateEvidenceSchema, input);
  return db.$transaction(async (tx) => {
    await checkWriteLimit(tx, rater, "rating");
    await recordWrite(tx, rater, "rating");
    const evidence = await readableEvidence(tx, rater, evidenceId);
    if (evidence.removedAt) {
      throw new AppError("CONFLICT", "evidenceId: this evidence was removed from its claim and takes no ratings", {
        field: "evidenceId",
      });
    }
    const key = { evidenceId_userId: { evidenceId, userId: rater.id } };
    const previous = await tx.evidenceRating.findUnique({ where: key, select: { grade: true } });
    const rating = await tx.evidenceRating.upsert({
      where: key,
      create: { evidenceId, userId: rater.id, grade, reason },
      update: { grade, reason },
      select: { evidenceId: true, grade: true, reason: true, updatedAt: true },
    });
    await tx.evidenceRatingHistory.create({ data: { evidenceId, userId: rater.id, grade, reason } });
    await recordAudit(tx, rater, {
      action: "evidence.rate",
      entityType: "Evidence",
      entityId: evidenceId,
      data: { claimId: evidence.claimId, grade, previousGrade: previous?.grade ?? null },
    });
    return { evidenceId: rating.evidenceId, grade: rating.grade, reason: rating.reason, ratedAt: rating.updatedAt };
  });
}

/** Withdraws the member's rating of a piece of evidence; the history keeps it, and records the withdrawal. */
export async function withdrawEvidenceRating(db: Db, actor: MaybeActor, input: unknown) {
  const rater = raterOf(actor, "rate:evidence");
  const { evidenceId } = parseInput(EvidenceRatingRefSchema, input);
  return db.$transaction(async (tx) => {
    await checkWriteLimit(tx, rater, "rating");
    await recordWrite(tx, rater, "rating");
    const evidence = await readableEvidence(tx, rater, evidenceId);
    const key = { evidenceId_userId: { evidenceId, userId: rater.id } };
    const current = await tx.evidenceRating.findUnique({ where: key, select: { grade: true } });
    if (!current) {
      throw new AppError("NOT_FOUND", "evidenceId: you have not rated this evidence", { field: "evidenceId" });
    }
    await tx.evidenceRating.delete({ where: key });
    await tx.evidenceRatingHistory.create({ data: { evidenceId, userId: rater.id, grade: null, reason: null } });
    await recordAudit(tx, rater, {
      action: "evidence.rating.withdraw",
      entityType: "Evidence",
      entityId: evidenceId,
      data: { claimId: evidence.claimId, previousGrade: current.grade },
    });
    return { evidenceId, withdrawn: true as const };
  });
}

/**
 * When a claim merge keeps one of two citations of the same passage (lib/claims/merge.ts), the
 * dropped one's ratings join the kept one's before it is deleted: one rating per member survives,
 * the latest, and the whole history moves. Part of the merge's transaction and audit event.
 */
export async function moveEvidenceRatings(tx: Tx, fromEvidenceId: string, intoEvidenceId: string): Promise<void> {
  const [moving, kept] = await Promise.all([
    tx.evidenceRating.findMany({ where: { evidenceId: fromEvidenceId } }),
    tx.evidenceRating.findMany({ where: { evidenceId: intoEvidenceId } }),
  ]);
  const keptByMember = new Map(kept.map((rating) => [rating.userId, rating]));
  for (const rating of moving) {
    const existing = keptByMember.get(rating.userId);
    if (existing && existing.updatedAt >= rating.updatedAt) {
      await tx.evidenceRating.delete({ where: { id: rating.id } });
      continue;
    }
    if (existing) await tx.evidenceRating.delete({ where: { id: existing.id } });
    await tx.evidenceRating.update({
      where: { id: rating.id },
      data: { evidenceId: intoEvidenceId, updatedAt: rating.updatedAt },
    });
  }
  await tx.evidenceRatingHistory.updateMany({
    where: { evidenceId: fromEvidenceId },
    data: { evidenceId: intoEvidenceId },
  });
}
