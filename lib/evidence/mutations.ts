import "server-only";
import { recordAudit } from "@/lib/audit/record";
import { authorize } from "@/lib/authorize";
import { claimAbilities, claimStateSelect, requireAbility, visibleClaimsWhere } from "@/lib/claims/policy";
import { claimRefWhere } from "@/lib/claims/refs";
import { refreshClaimStats } from "@/lib/claims/stats";
import type { Db, Tx } from "@/lib/db";
import { AppError, isUniqueViolation, parseInput } from "@/lib/errors";
import type { Prisma } from "@/lib/generated/sqlite/client";
import { recordAppliedRevision } from "@/lib/moderation/mutations";
import { resolvePassage } from "@/lib/passages/resolve";
import type { Actor, MaybeActor } from "@/lib/permissions";
import { checkWriteLimit, recordWrite } from "@/lib/rate-limits";
import { foldText } from "@/lib/text/fold";
import { canEditOrigin, citationUndoDenialOf, citationUndoSelect } from "./policy";
import {
  AddEvidenceSchema,
  GroupEvidenceSchema,
  SetEvidenceOriginSchema,
  UndoCitationSchema,
  UpdateOriginSchema,
} from "./schemas";

const evidenceSelect = {
  id: true,
  claimId: true,
  passageId: true,
  stance: true,
  note: true,
  pinpoint: true,
  passage: { select: { text: true } },
} as const;

/**
 * The claim's evidence for the passage if it is a citation its author undid and nothing has touched
 * since (no restore, no removal by an edit: the undo's audit event names the moment it removed it),
 * else null.
 */
async function undoneCitation(tx: Tx, claimId: string, passageId: string) {
  const existing = await tx.evidence.findUnique({
    where: { claimId_passageId: { claimId, passageId } },
    select: { id: true, removedAt: true },
  });
  if (!existing?.removedAt) return null;
  const last = await tx.auditEvent.findFirst({
    where: { entityType: "Evidence", entityId: existing.id },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    select: { action: true, data: true },
  });
  if (last?.action !== "evidence.undo") return null;
  const undoneAt = (JSON.parse(last.data) as { removedAt?: unknown }).removedAt;
  return undoneAt === existing.removedAt.toISOString() ? { id: existing.id, removedAt: existing.removedAt } : null;
}

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
      const fields = {
        stance: data.stance,
        note: data.note || null,
        pinpoint: data.pinpoint || null,
        addedById: actor.id,
      };
      // A citation its author undid is as if never made: citing the passage again brings the row back
      // (a fresh citation, outside any origin). Evidence removed by an edit stays removed: a revert restores it.
      const undone = await undoneCitation(tx, claim.id, passage.id);
      let evidence: Prisma.EvidenceGetPayload<{ select: typeof evidenceSelect }>;
      if (undone) {
        // Only if still as the undo left it: two members citing it back at once, one wins.
        const now = new Date();
        const revived = await tx.evidence.updateMany({
          where: { id: undone.id, removedAt: undone.removedAt },
          data: { ...fields, removedAt: null, originId: null, createdAt: now, updatedAt: now },
        });
        if (revived.count !== 1)
          throw new AppError("CONFLICT", "passage: someone cited this passage just now", {
            field: "passage",
          });
        evidence = await tx.evidence.findUniqueOrThrow({ where: { id: undone.id }, select: evidenceSelect });
      } else {
        evidence = await tx.evidence.create({
          data: { claimId: claim.id, passageId: passage.id, ...fields },
          select: evidenceSelect,
        });
      }
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

/**
 * Takes back a citation its author made a moment ago (lib/evidence/policy.ts says who and how long):
 * the evidence is removed as an edit would remove it, the claim's figures are recounted, and the
 * history records the undo. Citing the passage again afterwards brings the row back (addEvidence).
 */
export async function undoCitation(db: Db, actor: MaybeActor, input: unknown) {
  authorize(actor, "create:evidence");
  const data = parseInput(UndoCitationSchema, input);
  return db.$transaction(async (tx) => {
    const evidence = await tx.evidence.findFirst({
      where: { id: data.evidenceId, claim: visibleClaimsWhere(actor) },
      select: {
        id: true,
        stance: true,
        note: true,
        pinpoint: true,
        ...citationUndoSelect,
        passage: { select: { text: true } },
        claim: { select: { id: true, ...claimStateSelect } },
      },
    });
    if (!evidence) {
      throw new AppError("NOT_FOUND", `evidenceId: no evidence "${data.evidenceId}"`, { field: "evidenceId" });
    }
    requireAbility(claimAbilities(actor, evidence.claim), "cite", "evidenceId");
    const denial = citationUndoDenialOf(actor, evidence, new Date());
    if (denial) throw new AppError(denial.code, denial.reason, { field: "evidenceId" });
    // Two clicks (two tabs) undo once: the second finds it removed; a citation changed meanwhile stays.
    const removedAt = new Date();
    const removed = await tx.evidence.updateMany({
      where: { id: evidence.id, removedAt: null, addedById: actor.id, updatedAt: evidence.updatedAt },
      data: { removedAt },
    });
    if (removed.count !== 1) {
      throw new AppError("CONFLICT", "evidenceId: this evidence was already removed", { field: "evidenceId" });
    }
    await refreshClaimStats(tx, evidence.claim.id);
    const item = {
      id: evidence.id,
      quote: evidence.passage.text.slice(0, 300),
      stance: evidence.stance,
      note: evidence.note,
      pinpoint: evidence.pinpoint,
    };
    await recordAppliedRevision(tx, actor, {
      claimId: evidence.claim.id,
      action: "evidence.undo",
      before: { evidence: [{ ...item, removed: false }] },
      after: { evidence: [{ ...item, removed: true }] },
      baseVersion: null,
      reason: "Undone by the member who cited it",
    });
    await recordAudit(tx, actor, {
      action: "evidence.undo",
      entityType: "Evidence",
      entityId: evidence.id,
      // The moment it was removed: citing it again revives it only while that is still so.
      data: { claimId: evidence.claim.id, removedAt: removedAt.toISOString() },
    });
    return { id: evidence.id, claimId: evidence.claim.id, removed: true as const };
  });
}

// ---------------------------------------------------------------------------------------------
// Lines of evidence: grouping a claim's evidence by the origin it derives from
// (docs/decisions/0020-lines-of-evidence.md). Each write is one transaction: the evidence, the
// claim's stored line counts, the claim's history (an applied revision, as citing records one),
// the audit event and the member's rate-limit event commit together or not at all.
// ---------------------------------------------------------------------------------------------

const TRANSACTION = { timeout: 20_000, maxWait: 10_000 } as const;

type OriginRef = { id: string; name: string; note: string | null };
type GroupedEvidence = {
  id: string;
  originId: string | null;
  origin: { name: string } | null;
  passage: { text: string };
};

const groupedEvidenceSelect = {
  id: true,
  originId: true,
  origin: { select: { name: true } },
  passage: { select: { text: true } },
} as const;

/** The quote a revision shows for a piece of evidence, as the claim document records it. */
const quoteOf = (text: string) => (text.length > 300 ? `${text.slice(0, 300)}…` : text);

/** The claim, if the actor may read it and regroup its evidence (lib/claims/policy.ts), by id or slug. */
async function claimToGroup(tx: Tx, actor: MaybeActor, ref: string, field = "claimId") {
  const claim = await tx.claim.findFirst({
    where: { AND: [claimRefWhere(ref), visibleClaimsWhere(actor)] },
    select: { id: true, ...claimStateSelect },
  });
  if (!claim) throw new AppError("NOT_FOUND", `${field}: no claim "${ref}"`, { field });
  requireAbility(claimAbilities(actor, claim), "group", field);
  return claim;
}

/**
 * Puts `evidence` (live evidence of `claimId`) under `origin` (null: out of any origin), recounts the
 * claim's lines, and records the change in the claim's history and the audit log. Refuses a change
 * that changes nothing.
 */
async function applyOrigin(
  tx: Tx,
  actor: Actor,
  claimId: string,
  evidence: GroupedEvidence[],
  origin: OriginRef | null,
  field: string,
) {
  const originId = origin?.id ?? null;
  const moving = evidence.filter((item) => item.originId !== originId);
  if (moving.length === 0) {
    throw new AppError(
      "INVALID",
      origin
        ? `${field}: ${evidence.length === 1 ? "this evidence already derives" : "these pieces of evidence already derive"} from “${origin.name}”`
        : `${field}: this evidence belongs to no origin; it already is a line of its own`,
      { field },
    );
  }
  await tx.evidence.updateMany({ where: { id: { in: moving.map((item) => item.id) } }, data: { originId } });
  await refreshClaimStats(tx, claimId);
  const action = origin ? "evidence.group" : "evidence.ungroup";
  const revisionId = await recordAppliedRevision(tx, actor, {
    claimId,
    action,
    before: {
      evidence: moving.map((item) => ({
        id: item.id,
        quote: quoteOf(item.passage.text),
        originId: item.originId,
        origin: item.origin?.name ?? null,
      })),
    },
    after: {
      evidence: moving.map((item) => ({
        id: item.id,
        quote: quoteOf(item.passage.text),
        originId,
        origin: origin?.name ?? null,
      })),
    },
    baseVersion: null,
  });
  await recordAudit(tx, actor, {
    action,
    entityType: "Claim",
    entityId: claimId,
    data: {
      revisionId,
      originId,
      evidence: moving.map((item) => ({ id: item.id, previousOriginId: item.originId })),
    },
  });
  const counts = await tx.claim.findUniqueOrThrow({
    where: { id: claimId },
    select: { supportsLines: true, supportsCount: true, contradictsLines: true, contradictsCount: true },
  });
  return {
    claimId,
    origin,
    evidenceIds: moving.map((item) => item.id),
    lines: {
      supports: { lines: counts.supportsLines, passages: counts.supportsCount },
      contradicts: { lines: counts.contradictsLines, passages: counts.contradictsCount },
    },
  };
}

/** An origin by id, or NOT_FOUND naming `field`. */
async function originById(
  tx: Tx,
  originId: string,
  field: string,
): Promise<OriginRef & { createdById: string | null }> {
  const origin = await tx.evidenceOrigin.findUnique({
    where: { id: originId },
    select: { id: true, name: true, note: true, createdById: true },
  });
  if (!origin) throw new AppError("NOT_FOUND", `${field}: no origin "${originId}"`, { field });
  return origin;
}

/**
 * The origin called `name` (compared folded: "Alexander Orlov's account" and "alexander orlov’s
 * account" are one), or a new one. The note describes a new origin; given for an existing origin
 * that has another, it is refused rather than dropped (edit the origin to change it).
 */
async function originNamed(
  tx: Tx,
  actor: Actor,
  name: string,
  note: string | undefined,
): Promise<{ origin: OriginRef; created: boolean }> {
  const nameNormalized = foldText(name);
  if (nameNormalized === "") {
    throw new AppError("INVALID", "name: must contain letters or digits", { field: "name" });
  }
  const existing = await tx.evidenceOrigin.findUnique({
    where: { nameNormalized },
    select: { id: true, name: true, note: true },
  });
  if (existing) {
    if (note !== undefined && existing.note !== null && existing.note !== note) {
      throw new AppError(
        "CONFLICT",
        `note: the origin “${existing.name}” already exists with another note; leave the note out to use it, or edit the origin`,
        { field: "note" },
      );
    }
    return { origin: existing, created: false };
  }
  const origin = await tx.evidenceOrigin.create({
    data: { name, nameNormalized, note: note ?? null, createdById: actor.id },
    select: { id: true, name: true, note: true },
  });
  await recordAudit(tx, actor, {
    action: "origin.create",
    entityType: "EvidenceOrigin",
    entityId: origin.id,
    data: { name, note: note ?? null },
  });
  return { origin, created: true };
}

function originNameTaken(error: unknown): never {
  if (isUniqueViolation(error)) {
    throw new AppError("CONFLICT", "name: another origin was just given this name; try again to use it", {
      field: "name",
    });
  }
  throw error;
}

/**
 * Groups pieces of a claim's evidence under one origin (a witness's account, a document, an earlier
 * book): they then count as one line of evidence on each side they are cited on. The origin is an
 * existing one (`originId`) or the one named `name` (found by name, or created with `note`); the
 * same origin may bear on many claims. A piece under another origin moves. Contributors and up, on
 * claims that take evidence (lib/claims/policy.ts "group").
 */
export async function groupEvidence(db: Db, actor: MaybeActor, input: unknown) {
  authorize(actor, "group:evidence");
  const data = parseInput(GroupEvidenceSchema, input);
  if (data.originId === undefined && data.name === undefined) {
    throw new AppError("INVALID", "name: is required: name the origin, or give the originId of an existing one", {
      field: "name",
    });
  }
  if (data.originId !== undefined && data.name !== undefined) {
    throw new AppError("INVALID", "originId: give either an existing origin's id or a name, not both", {
      field: "originId",
    });
  }
  if (data.originId !== undefined && data.note !== undefined) {
    throw new AppError("INVALID", "note: an existing origin keeps its own note; edit the origin to change it", {
      field: "note",
    });
  }
  return db
    .$transaction(async (tx) => {
      await checkWriteLimit(tx, actor, "edit");
      await recordWrite(tx, actor, "edit");
      const claim = await claimToGroup(tx, actor, data.claimId);
      const evidence = await tx.evidence.findMany({
        where: { id: { in: data.evidenceIds }, claimId: claim.id, removedAt: null },
        select: groupedEvidenceSelect,
      });
      const missing = data.evidenceIds.find((evidenceId) => !evidence.some((item) => item.id === evidenceId));
      if (missing) {
        throw new AppError("INVALID", `evidenceIds: "${missing}" is not live evidence of this claim`, {
          field: "evidenceIds",
        });
      }
      const { origin, created } =
        data.originId !== undefined
          ? { origin: await originById(tx, data.originId, "originId"), created: false }
          : await originNamed(tx, actor, data.name!, data.note);
      const ordered = data.evidenceIds.map((evidenceId) => evidence.find((item) => item.id === evidenceId)!);
      const result = await applyOrigin(tx, actor, claim.id, ordered, origin, "evidenceIds");
      return {
        ...result,
        origin: { id: origin.id, name: origin.name, note: origin.note },
        created,
      };
    }, TRANSACTION)
    .catch(originNameTaken);
}

/**
 * Puts one piece of evidence under an existing origin, or (`originId: null`) takes it out of its
 * origin, so that it counts as a line of its own again.
 */
export async function setEvidenceOrigin(db: Db, actor: MaybeActor, input: unknown) {
  authorize(actor, "group:evidence");
  const { evidenceId, originId } = parseInput(SetEvidenceOriginSchema, input);
  return db.$transaction(async (tx) => {
    await checkWriteLimit(tx, actor, "edit");
    await recordWrite(tx, actor, "edit");
    // Evidence on a claim the actor may not read is as if it did not exist.
    const found = await tx.evidence.findFirst({
      where: { id: evidenceId, claim: visibleClaimsWhere(actor) },
      select: { ...groupedEvidenceSelect, claimId: true, removedAt: true },
    });
    if (!found) throw new AppError("NOT_FOUND", `evidenceId: no evidence "${evidenceId}"`, { field: "evidenceId" });
    await claimToGroup(tx, actor, found.claimId, "evidenceId");
    if (found.removedAt) {
      throw new AppError("CONFLICT", "evidenceId: this evidence was removed from its claim", { field: "evidenceId" });
    }
    const origin = originId === null ? null : await originById(tx, originId, "originId");
    return applyOrigin(tx, actor, found.claimId, [found], origin, "originId");
  }, TRANSACTION);
}

/**
 * Renames an origin or changes its note, wherever it is cited: the member who named it, or a
 * moderator (lib/evidence/policy.ts). Recorded in the audit log; the claims' histories keep the
 * name each grouping was made under.
 */
export async function updateOrigin(db: Db, actor: MaybeActor, input: unknown) {
  authorize(actor, "group:evidence");
  const data = parseInput(UpdateOriginSchema, input);
  if (data.name === undefined && data.note === undefined) {
    throw new AppError("INVALID", "name: give a new name or note", { field: "name" });
  }
  return db
    .$transaction(async (tx) => {
      await checkWriteLimit(tx, actor, "edit");
      await recordWrite(tx, actor, "edit");
      const origin = await originById(tx, data.originId, "originId");
      if (!canEditOrigin(actor, origin)) {
        throw new AppError(
          "FORBIDDEN",
          "originId: only the member who named this origin, or a moderator, may rename it or change its note",
          { field: "originId" },
        );
      }
      const name = data.name ?? origin.name;
      const note = data.note === undefined ? origin.note : data.note;
      if (name === origin.name && note === origin.note) {
        throw new AppError("INVALID", "name: nothing would change", { field: "name" });
      }
      const nameNormalized = foldText(name);
      if (nameNormalized === "") {
        throw new AppError("INVALID", "name: must contain letters or digits", { field: "name" });
      }
      const taken = await tx.evidenceOrigin.findFirst({
        where: { nameNormalized, id: { not: origin.id } },
        select: { name: true },
      });
      if (taken) {
        throw new AppError("CONFLICT", `name: another origin is already called “${taken.name}”`, { field: "name" });
      }
      const updated = await tx.evidenceOrigin.update({
        where: { id: origin.id },
        data: { name, nameNormalized, note },
        select: { id: true, name: true, note: true },
      });
      await recordAudit(tx, actor, {
        action: "origin.update",
        entityType: "EvidenceOrigin",
        entityId: origin.id,
        data: { before: { name: origin.name, note: origin.note }, after: { name, note } },
      });
      return updated;
    }, TRANSACTION)
    .catch(originNameTaken);
}
