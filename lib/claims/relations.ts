import "server-only";
import { recordAudit } from "@/lib/audit/record";
import { authorize } from "@/lib/authorize";
import type { Db, Tx } from "@/lib/db";
import { AppError, isUniqueViolation, parseInput } from "@/lib/errors";
import { can, type MaybeActor } from "@/lib/permissions";
import { checkWriteLimit, recordWrite } from "@/lib/rate-limits";
import { claimAbilities, requireAbility, visibleClaimsWhere } from "./policy";
import { claimRefWhere } from "./refs";
import { ClaimRefSchema, ProposeRelationSchema, ReviewRelationSchema } from "./schemas";

export type ClaimRelationKind = "contradicts" | "implies" | "duplicate_of";

export type ClaimRelationDto = {
  id: string;
  kind: ClaimRelationKind;
  /** The relation read from the claim being shown ("Contradicts", "Is implied by"…). */
  label: string;
  status: "pending" | "confirmed" | "rejected";
  other: { id: string; slug: string; statement: string; status: string };
  note: string | null;
  proposedBy: string | null;
  /** Whether the viewer may confirm or reject it (moderators, on a pending relation). */
  canReview: boolean;
};

const LABELS: Record<ClaimRelationKind, { outgoing: string; incoming: string }> = {
  contradicts: { outgoing: "Contradicts", incoming: "Contradicts" },
  implies: { outgoing: "Implies", incoming: "Is implied by" },
  duplicate_of: { outgoing: "Is a duplicate of", incoming: "Has a duplicate" },
};

const claimSelect = { id: true, slug: true, statement: true, status: true, mergedIntoId: true } as const;

async function findReadableClaim(tx: Db | Tx, actor: MaybeActor, idOrSlug: string, field: string) {
  const claim = await tx.claim.findFirst({
    where: { AND: [claimRefWhere(idOrSlug), visibleClaimsWhere(actor)] },
    select: { ...claimSelect, authorId: true, lockedAt: true },
  });
  if (!claim) throw new AppError("NOT_FOUND", `${field}: no claim "${idOrSlug}"`, { field });
  if (claim.mergedIntoId) {
    throw new AppError("CONFLICT", `${field}: that claim was merged into another as a duplicate; relate that one`, {
      field,
    });
  }
  requireAbility(claimAbilities(actor, claim), "relate");
  return claim;
}

/**
 * Proposes that two claims contradict each other, that one implies the other, or that one is a
 * duplicate of the other. A moderator's proposal is confirmed at once; a contributor's waits for a
 * moderator, like a proposed edit. Audited.
 */
export async function proposeRelation(db: Db, actor: MaybeActor, input: unknown) {
  authorize(actor, "propose:revision");
  const { claimId, otherClaimId, kind, note } = parseInput(ProposeRelationSchema, input);
  return db.$transaction(async (tx) => {
    await checkWriteLimit(tx, actor, "relation");
    await recordWrite(tx, actor, "relation");
    const claim = await findReadableClaim(tx, actor, claimId, "claimId");
    const other = await findReadableClaim(tx, actor, otherClaimId, "otherClaimId");
    if (claim.id === other.id) {
      throw new AppError("INVALID", "otherClaimId: a claim cannot be related to itself", { field: "otherClaimId" });
    }
    // "contradicts" goes both ways: stored once, the smaller id first.
    const [fromClaimId, toClaimId] =
      kind === "contradicts" && other.id < claim.id ? [other.id, claim.id] : [claim.id, other.id];
    const direct = can(actor, "approve:revision:any");
    const status = direct ? "confirmed" : "pending";
    const existing = await tx.claimRelation.findUnique({
      where: { fromClaimId_toClaimId_kind: { fromClaimId, toClaimId, kind } },
      select: { id: true, status: true },
    });
    if (existing && existing.status !== "rejected") {
      throw new AppError("CONFLICT", `kind: that relation is already ${existing.status}`, { field: "kind" });
    }
    const data = {
      status,
      note: note || null,
      proposedById: actor.id,
      reviewedById: direct ? actor.id : null,
      reviewedAt: direct ? new Date() : null,
      reviewNote: null,
    } as const;
    let relation: { id: string; status: string };
    try {
      relation = existing
        ? await tx.claimRelation.update({ where: { id: existing.id }, data, select: { id: true, status: true } })
        : await tx.claimRelation.create({
            data: { ...data, fromClaimId, toClaimId, kind },
            select: { id: true, status: true },
          });
    } catch (error) {
      if (isUniqueViolation(error)) {
        throw new AppError("CONFLICT", "kind: that relation was just proposed by someone else", { field: "kind" });
      }
      throw error;
    }
    await recordAudit(tx, actor, {
      action: direct ? "claim.relation.confirm" : "claim.relation.propose",
      entityType: "ClaimRelation",
      entityId: relation.id,
      data: { fromClaimId, toClaimId, kind, note: note || null },
    });
    return { relationId: relation.id, status: relation.status as "pending" | "confirmed" };
  });
}

/** A moderator confirms or rejects a proposed relation. Audited. */
export async function reviewRelation(db: Db, actor: MaybeActor, input: unknown) {
  authorize(actor, "approve:revision:any");
  const { relationId, decision, note } = parseInput(ReviewRelationSchema, input);
  return db.$transaction(async (tx) => {
    const relation = await tx.claimRelation.findUnique({
      where: { id: relationId },
      select: { id: true, status: true, fromClaimId: true, toClaimId: true, kind: true },
    });
    if (!relation) throw new AppError("NOT_FOUND", `relationId: no relation "${relationId}"`, { field: "relationId" });
    if (relation.status !== "pending") {
      throw new AppError("CONFLICT", `relationId: this relation was already ${relation.status}`, {
        field: "relationId",
      });
    }
    const status = decision === "confirm" ? "confirmed" : "rejected";
    // Only a pending row changes: a second moderator deciding at the same time gets a conflict.
    const changed = await tx.claimRelation.updateMany({
      where: { id: relationId, status: "pending" },
      data: { status, reviewedById: actor.id, reviewedAt: new Date(), reviewNote: note || null },
    });
    if (changed.count === 0) {
      throw new AppError("CONFLICT", "relationId: another moderator decided first", { field: "relationId" });
    }
    await recordAudit(tx, actor, {
      action: `claim.relation.${decision}`,
      entityType: "ClaimRelation",
      entityId: relationId,
      data: {
        fromClaimId: relation.fromClaimId,
        toClaimId: relation.toClaimId,
        kind: relation.kind,
        note: note || null,
      },
    });
    return { relationId, status };
  });
}

/**
 * A claim's relations to other claims the viewer may read: confirmed ones for everyone, pending ones
 * for moderators and for the member who proposed them. Rejected ones stay in the audit log only.
 */
export async function listClaimRelations(db: Db, actor: MaybeActor, input: unknown): Promise<ClaimRelationDto[]> {
  const { claimId } = parseInput(ClaimRefSchema, input);
  const claim = await db.claim.findFirst({
    where: { AND: [claimRefWhere(claimId), visibleClaimsWhere(actor)] },
    select: { id: true },
  });
  if (!claim) throw new AppError("NOT_FOUND", `claimId: no claim "${claimId}"`, { field: "claimId" });
  return relationsOfVisibleClaim(db, actor, claim.id);
}

/**
 * The relations listClaimRelations lists, for a claim the caller has already read as this actor
 * may see it (the claim page): one statement, without reading the claim again.
 */
export async function relationsOfVisibleClaim(db: Db, actor: MaybeActor, claimId: string): Promise<ClaimRelationDto[]> {
  const reviewer = can(actor, "approve:revision:any");
  const statuses = reviewer || actor?.kind === "user" ? ["confirmed", "pending"] : ["confirmed"];
  const visible = visibleClaimsWhere(actor);
  const rows = await db.claimRelation.findMany({
    where: {
      status: { in: statuses as ("confirmed" | "pending")[] },
      OR: [
        { fromClaimId: claimId, toClaim: visible },
        { toClaimId: claimId, fromClaim: visible },
      ],
    },
    orderBy: [{ status: "asc" }, { createdAt: "asc" }],
    select: {
      id: true,
      kind: true,
      status: true,
      note: true,
      fromClaimId: true,
      proposedById: true,
      proposedBy: { select: { name: true } },
      fromClaim: { select: claimSelect },
      toClaim: { select: claimSelect },
    },
  });
  return rows
    .filter(
      (row) => row.status === "confirmed" || reviewer || (actor?.kind === "user" && row.proposedById === actor.id),
    )
    .map((row) => {
      const outgoing = row.fromClaimId === claimId;
      const other = outgoing ? row.toClaim : row.fromClaim;
      return {
        id: row.id,
        kind: row.kind,
        label: LABELS[row.kind][outgoing ? "outgoing" : "incoming"],
        status: row.status,
        other: { id: other.id, slug: other.slug, statement: other.statement, status: other.status },
        note: row.note,
        proposedBy: row.proposedBy?.name ?? null,
        canReview: reviewer && row.status === "pending",
      };
    });
}

/** Every relation waiting for a moderator, oldest first (the review queue). */
export async function listPendingRelations(db: Db, actor: MaybeActor) {
  authorize(actor, "approve:revision:any");
  const rows = await db.claimRelation.findMany({
    where: { status: "pending" },
    orderBy: { createdAt: "asc" },
    take: 200,
    select: {
      id: true,
      kind: true,
      note: true,
      createdAt: true,
      proposedBy: { select: { name: true } },
      fromClaim: { select: { slug: true, statement: true } },
      toClaim: { select: { slug: true, statement: true } },
    },
  });
  return rows.map((row) => ({
    id: row.id,
    kind: row.kind as ClaimRelationKind,
    label: LABELS[row.kind].outgoing,
    note: row.note,
    createdAt: row.createdAt.toISOString(),
    proposedBy: row.proposedBy?.name ?? null,
    from: row.fromClaim,
    to: row.toClaim,
  }));
}

/**
 * For suggestions: each confirmed relation of a claim, as how evidence on the other claim bears on
 * this one. "same" (a duplicate either way; or the other implies this one, so its support is this
 * one's support) or "reversed" (they contradict: support for one contradicts the other); "only
 * contradicting" when this claim implies the other: what refutes the consequence refutes the claim.
 */
export async function relatedForEvidence(
  db: Db | Tx,
  claimId: string,
): Promise<Map<string, { bearing: "same" | "reversed" | "only contradicting"; kind: ClaimRelationKind }>> {
  const rows = await db.claimRelation.findMany({
    where: { status: "confirmed", OR: [{ fromClaimId: claimId }, { toClaimId: claimId }] },
    select: { fromClaimId: true, toClaimId: true, kind: true },
  });
  const result = new Map<string, { bearing: "same" | "reversed" | "only contradicting"; kind: ClaimRelationKind }>();
  for (const row of rows) {
    const outgoing = row.fromClaimId === claimId;
    const other = outgoing ? row.toClaimId : row.fromClaimId;
    const bearing =
      row.kind === "contradicts"
        ? "reversed"
        : row.kind === "duplicate_of"
          ? "same"
          : outgoing
            ? "only contradicting"
            : "same";
    result.set(other, { bearing, kind: row.kind });
  }
  return result;
}
