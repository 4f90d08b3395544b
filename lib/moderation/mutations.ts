import "server-only";
import { recordAudit } from "@/lib/audit/record";
import { authorize } from "@/lib/authorize";
import { claimAbilities, claimStateSelect, requireAbility, visibleClaimsWhere } from "@/lib/claims/policy";
import { claimRefWhere } from "@/lib/claims/refs";
import { refreshClaimStats } from "@/lib/claims/stats";
import type { Db, Tx } from "@/lib/db";
import { AppError, parseInput } from "@/lib/errors";
import type { Actor, MaybeActor } from "@/lib/permissions";
import { checkWriteLimit, recordWrite } from "@/lib/rate-limits";
import { indexClaim } from "@/lib/search/documents";
import { foldText } from "@/lib/text/fold";
import {
  buildPatch,
  ClaimDocumentSchema,
  type ClaimPatch,
  ClaimPatchSchema,
  documentOnly,
  isEmptyPatch,
  loadClaimDocument,
  patchBetween,
  patchStillApplies,
} from "./document";
import { settleVotesOnRewording, type VotesOnRewording } from "./rewording";
import {
  ApproveRevisionSchema,
  EditClaimSchema,
  RejectRevisionSchema,
  RevertClaimSchema,
  ReviewPendingClaimSchema,
  SetClaimLockSchema,
} from "./schemas";

export type EditResult = { revisionId: string; applied: boolean; status: "approved" | "pending" };

const TRANSACTION = { timeout: 20_000, maxWait: 10_000 } as const;

async function peopleNames(tx: Tx, personIds: string[]): Promise<Map<string, string>> {
  const people = await tx.person.findMany({ where: { id: { in: personIds } }, select: { id: true, name: true } });
  const names = new Map(people.map((person) => [person.id, person.name]));
  const missing = personIds.find((personId) => !names.has(personId));
  if (missing) throw new AppError("INVALID", `people: no person with id "${missing}"`, { field: "people" });
  return names;
}

/**
 * Writes a patch to the claim, bumping its version only if nobody changed it meanwhile. Callers
 * have checked the claim's abilities (lib/claims/policy.ts: not locked, not merged) first.
 */
async function applyPatch(tx: Tx, claimId: string, expectedVersion: number, patch: ClaimPatch): Promise<void> {
  const updated = await tx.claim.updateMany({
    where: { id: claimId, version: expectedVersion },
    data: {
      version: { increment: 1 },
      ...(patch.statement !== undefined
        ? { statement: patch.statement, statementNormalized: foldText(patch.statement) }
        : {}),
      ...(patch.status !== undefined ? { status: patch.status } : {}),
    },
  });
  if (updated.count !== 1)
    throw new AppError("CONFLICT", "The claim was changed by someone else at the same moment; reload and try again.");
  if (patch.people !== undefined) {
    await tx.claimPerson.deleteMany({ where: { claimId } });
    await tx.claimPerson.createMany({
      data: patch.people.map((person) => ({ claimId, personId: person.personId, role: person.role })),
    });
  }
  for (const item of patch.evidence ?? []) {
    await tx.evidence.update({
      where: { id: item.id },
      data: {
        ...(item.stance !== undefined ? { stance: item.stance } : {}),
        ...(item.note !== undefined ? { note: item.note } : {}),
        ...(item.pinpoint !== undefined ? { pinpoint: item.pinpoint } : {}),
        ...(item.removed !== undefined ? { removedAt: item.removed ? new Date() : null } : {}),
        ...(item.originId !== undefined ? { originId: item.originId } : {}),
      },
    });
  }
  if (patch.evidence?.length) await refreshClaimStats(tx, claimId);
  if (patch.statement !== undefined || patch.status !== undefined) {
    const claim = await tx.claim.findUniqueOrThrow({
      where: { id: claimId },
      select: { id: true, statement: true, status: true },
    });
    await indexClaim(tx, claim);
  }
}

async function snapshotOf(tx: Tx, claimId: string): Promise<string> {
  return JSON.stringify(documentOnly(await loadClaimDocument(tx, claimId)));
}

/**
 * Records a change that is already in effect (a moderator's direct edit, a new claim, new
 * evidence) as an approved revision with the whole claim document, so history and revert see it.
 */
export async function recordAppliedRevision(
  tx: Tx,
  actor: Actor,
  input: {
    claimId: string;
    action: string;
    before: ClaimPatch | null;
    after: ClaimPatch;
    baseVersion: number | null;
    reason?: string | null;
    /** What the change did with the claim's votes, when it reworded a claim that carried some. */
    votesOnRewording?: VotesOnRewording | null;
  },
): Promise<string> {
  const revision = await tx.revision.create({
    data: {
      entityType: "Claim",
      entityId: input.claimId,
      claimId: input.claimId,
      action: input.action,
      before: input.before ? JSON.stringify(input.before) : null,
      after: JSON.stringify(input.after),
      snapshot: await snapshotOf(tx, input.claimId),
      baseVersion: input.baseVersion,
      votesOnRewording: input.votesOnRewording ? JSON.stringify(input.votesOnRewording) : null,
      status: "approved",
      reason: input.reason ?? null,
      proposerId: actor.id,
      reviewerId: actor.id,
      reviewedAt: new Date(),
    },
    select: { id: true },
  });
  return revision.id;
}

/**
 * Changes a claim's statement, status, people or evidence (stance, note, pinpoint, removal).
 * Moderators, and authors of a claim not yet published, change it directly; anyone else
 * with the right to propose creates a pending revision for a moderator to review
 * (claimAbilities in lib/claims/policy.ts decides which). A direct edit that rewords a claim
 * carrying votes needs `votesOnRewording` (lib/moderation/rewording.ts); a proposal may not choose.
 */
export async function editClaim(db: Db, actor: MaybeActor, input: unknown): Promise<EditResult> {
  authorize(actor, "propose:revision");
  const data = parseInput(EditClaimSchema, input);
  const { claimId: claimRef, baseVersion, changes } = data;
  const reason = data.reason || null;

  return db.$transaction(async (tx) => {
    await checkWriteLimit(tx, actor, "edit");
    await recordWrite(tx, actor, "edit");
    const visible = await tx.claim.findFirst({
      where: { AND: [claimRefWhere(claimRef), visibleClaimsWhere(actor)] },
      select: { id: true },
    });
    if (!visible) throw new AppError("NOT_FOUND", `claimId: no claim "${claimRef}"`, { field: "claimId" });
    const claimId = visible.id;
    const current = await loadClaimDocument(tx, claimId);
    // Direct or proposed, and whether the status may change: lib/claims/policy.ts decides.
    const abilities = claimAbilities(actor, current);
    if (changes.status !== undefined) requireAbility(abilities, "changeStatus");
    requireAbility(abilities, "edit");
    if (baseVersion !== undefined && baseVersion !== current.version) {
      throw new AppError("CONFLICT", "baseVersion: the claim changed since you opened it; reload to see the changes", {
        field: "baseVersion",
      });
    }
    const names = await peopleNames(
      tx,
      (changes.people ?? []).map((person) => person.personId),
    );
    const { before, after } = buildPatch(current, changes, names);
    if (isEmptyPatch(after)) throw new AppError("INVALID", "changes: nothing would change", { field: "changes" });

    if (abilities.edit === "direct") {
      const votesOnRewording = await settleVotesOnRewording(
        tx,
        claimId,
        { before: current.statement, after: after.statement },
        data.votesOnRewording,
      );
      await applyPatch(tx, claimId, current.version, after);
      const revisionId = await recordAppliedRevision(tx, actor, {
        claimId,
        action: "claim.edit",
        before,
        after,
        baseVersion: current.version,
        reason,
        votesOnRewording,
      });
      await recordAudit(tx, actor, {
        action: "claim.edit",
        entityType: "Claim",
        entityId: claimId,
        data: { revisionId, before, after, ...(votesOnRewording ? { votesOnRewording } : {}) },
      });
      return { revisionId, applied: true, status: "approved" as const };
    }
    if (data.votesOnRewording !== undefined) {
      throw new AppError(
        "INVALID",
        "votesOnRewording: a proposal does not decide about the claim's votes; the moderator who approves it does",
        { field: "votesOnRewording" },
      );
    }
    const revision = await tx.revision.create({
      data: {
        entityType: "Claim",
        entityId: claimId,
        claimId,
        action: "claim.edit",
        before: JSON.stringify(before),
        after: JSON.stringify(after),
        baseVersion: current.version,
        status: "pending",
        reason,
        proposerId: actor.id,
      },
      select: { id: true },
    });
    await recordAudit(tx, actor, {
      action: "revision.propose",
      entityType: "Revision",
      entityId: revision.id,
      data: { claimId, after },
    });
    return { revisionId: revision.id, applied: false, status: "pending" as const };
  }, TRANSACTION);
}

async function loadPendingRevision(tx: Tx, revisionId: string) {
  const revision = await tx.revision.findUnique({
    where: { id: revisionId },
    select: { id: true, status: true, claimId: true, before: true, after: true, reviewer: { select: { name: true } } },
  });
  if (!revision?.claimId)
    throw new AppError("NOT_FOUND", `revisionId: no proposal with id "${revisionId}"`, { field: "revisionId" });
  if (revision.status !== "pending") {
    throw new AppError(
      "CONFLICT",
      `revisionId: this proposal was already ${revision.status}${revision.reviewer?.name ? ` by ${revision.reviewer.name}` : ""}`,
      {
        field: "revisionId",
      },
    );
  }
  return { ...revision, claimId: revision.claimId };
}

/** Marks a pending revision reviewed, only if it is still pending (two reviewers: one wins). */
async function closeRevision(
  tx: Tx,
  revisionId: string,
  data: {
    status: "approved" | "rejected";
    reviewerId: string;
    reviewNote: string | null;
    snapshot?: string;
    votesOnRewording?: VotesOnRewording | null;
  },
) {
  const closed = await tx.revision.updateMany({
    where: { id: revisionId, status: "pending" },
    data: {
      status: data.status,
      reviewerId: data.reviewerId,
      reviewNote: data.reviewNote,
      reviewedAt: new Date(),
      ...(data.snapshot ? { snapshot: data.snapshot } : {}),
      ...(data.votesOnRewording ? { votesOnRewording: JSON.stringify(data.votesOnRewording) } : {}),
    },
  });
  if (closed.count !== 1)
    throw new AppError("CONFLICT", "revisionId: another moderator reviewed this proposal just now", {
      field: "revisionId",
    });
}

/**
 * Applies a pending proposal in one transaction. Refused (409) when another moderator got
 * there first, when the claim is locked, or when the proposal is stale: a value it meant
 * to replace has changed since it was made. A proposal that rewords a claim carrying votes needs
 * the approving moderator's `votesOnRewording` (lib/moderation/rewording.ts).
 */
export async function approveRevision(db: Db, actor: MaybeActor, input: unknown) {
  authorize(actor, "approve:revision:any");
  const { revisionId, note, votesOnRewording: choice } = parseInput(ApproveRevisionSchema, input);
  return db.$transaction(async (tx) => {
    const revision = await loadPendingRevision(tx, revisionId);
    const current = await loadClaimDocument(tx, revision.claimId);
    requireAbility(claimAbilities(actor, current), "approveProposals");
    const before = ClaimPatchSchema.parse(JSON.parse(revision.before ?? "{}"));
    const after = ClaimPatchSchema.parse(JSON.parse(revision.after));
    if (!patchStillApplies(current, before)) {
      throw new AppError(
        "CONFLICT",
        "revisionId: this proposal is stale: the claim changed since it was made. Reject it or ask for a new one.",
        {
          field: "revisionId",
        },
      );
    }
    const votesOnRewording = await settleVotesOnRewording(
      tx,
      revision.claimId,
      { before: current.statement, after: after.statement },
      choice,
    );
    await applyPatch(tx, revision.claimId, current.version, after);
    await closeRevision(tx, revisionId, {
      status: "approved",
      reviewerId: actor.id!,
      reviewNote: note || null,
      snapshot: await snapshotOf(tx, revision.claimId),
      votesOnRewording,
    });
    await recordAudit(tx, actor, {
      action: "revision.approve",
      entityType: "Revision",
      entityId: revisionId,
      data: { claimId: revision.claimId, ...(votesOnRewording ? { votesOnRewording } : {}) },
    });
    return { revisionId, claimId: revision.claimId, status: "approved" as const };
  }, TRANSACTION);
}

/**
 * Publishes a new claim that waits for review, or sends it back to its author as a draft with a
 * reason they see on the claim. A moderator's status change, applied and recorded like any other.
 */
export async function reviewPendingClaim(db: Db, actor: MaybeActor, input: unknown) {
  authorize(actor, "approve:revision:any");
  const { claimId, decision, reason } = parseInput(ReviewPendingClaimSchema, input);
  const claim = await db.claim.findFirst({
    where: { AND: [claimRefWhere(claimId), visibleClaimsWhere(actor)] },
    select: { id: true, status: true, version: true },
  });
  if (!claim) throw new AppError("NOT_FOUND", `claimId: no claim "${claimId}"`, { field: "claimId" });
  if (claim.status !== "pending_review") {
    throw new AppError("CONFLICT", "claimId: this claim no longer waits for review", { field: "claimId" });
  }
  // The version read here: a claim edited meanwhile is refused rather than published unseen.
  const result = await editClaim(db, actor, {
    claimId: claim.id,
    baseVersion: claim.version,
    changes: { status: decision === "publish" ? "published" : "draft" },
    reason: reason || undefined,
  });
  return {
    claimId: claim.id,
    revisionId: result.revisionId,
    claimStatus: decision === "publish" ? "published" : "draft",
  };
}

/** Rejects a pending proposal with a reason the proposer sees. */
export async function rejectRevision(db: Db, actor: MaybeActor, input: unknown) {
  authorize(actor, "approve:revision:any");
  const { revisionId, reason } = parseInput(RejectRevisionSchema, input);
  return db.$transaction(async (tx) => {
    const revision = await loadPendingRevision(tx, revisionId);
    await closeRevision(tx, revisionId, { status: "rejected", reviewerId: actor.id!, reviewNote: reason });
    await recordAudit(tx, actor, {
      action: "revision.reject",
      entityType: "Revision",
      entityId: revisionId,
      data: { claimId: revision.claimId, reason },
    });
    return { revisionId, claimId: revision.claimId, status: "rejected" as const };
  }, TRANSACTION);
}

/**
 * Restores the claim as it was after an earlier revision; the revert is itself a new revision. A
 * revert that rewords a claim carrying votes needs `votesOnRewording`, as an edit does: the votes
 * it carries were cast on the words it replaces, whatever wording came before them.
 */
export async function revertClaim(db: Db, actor: MaybeActor, input: unknown) {
  authorize(actor, "revert:claim:any");
  const { claimId, revisionId, reason, votesOnRewording: choice } = parseInput(RevertClaimSchema, input);
  return db.$transaction(async (tx) => {
    const target = await tx.revision.findFirst({
      where: { id: revisionId, claimId, status: "approved" },
      select: { snapshot: true, createdAt: true },
    });
    if (!target?.snapshot)
      throw new AppError("NOT_FOUND", `revisionId: no applied revision "${revisionId}" of this claim`, {
        field: "revisionId",
      });
    const current = await loadClaimDocument(tx, claimId);
    requireAbility(claimAbilities(actor, current), "revert");
    const { before, after } = patchBetween(current, ClaimDocumentSchema.parse(JSON.parse(target.snapshot)));
    if (isEmptyPatch(after))
      throw new AppError("INVALID", "revisionId: the claim already is as it was after that revision", {
        field: "revisionId",
      });
    const votesOnRewording = await settleVotesOnRewording(
      tx,
      claimId,
      { before: current.statement, after: after.statement },
      choice,
    );
    await applyPatch(tx, claimId, current.version, after);
    const newRevisionId = await recordAppliedRevision(tx, actor, {
      claimId,
      action: "claim.revert",
      before,
      after,
      baseVersion: current.version,
      reason: `Restored the version of ${formatRevisionTime(target.createdAt)}${await undoneBy(tx, claimId, target.createdAt)}: ${reason}`,
      votesOnRewording,
    });
    await recordAudit(tx, actor, {
      action: "claim.revert",
      entityType: "Claim",
      entityId: claimId,
      data: { toRevisionId: revisionId, revisionId: newRevisionId, ...(votesOnRewording ? { votesOnRewording } : {}) },
    });
    return { revisionId: newRevisionId, claimId };
  }, TRANSACTION);
}

/** "23 Nov 2026, 19:00 UTC": how the history names a version (UTC: readers are anywhere). */
function formatRevisionTime(at: Date): string {
  const date = at.toLocaleDateString("en-GB", { day: "numeric", month: "short", year: "numeric", timeZone: "UTC" });
  return `${date}, ${at.toISOString().slice(11, 16)} UTC`;
}

/** ", before Cora's edit": whose applied change came next, the first a revert undoes. */
async function undoneBy(tx: Tx, claimId: string, after: Date): Promise<string> {
  const next = await tx.revision.findFirst({
    where: { claimId, status: "approved", createdAt: { gt: after } },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    select: { proposer: { select: { name: true } } },
  });
  return next?.proposer?.name ? `, before ${next.proposer.name}'s change` : "";
}

/** Locks a claim against edits and proposals (votes are still taken), or unlocks it. */
export async function setClaimLock(db: Db, actor: MaybeActor, input: unknown) {
  authorize(actor, "lock:claim:any");
  const { claimId: claimRef, locked } = parseInput(SetClaimLockSchema, input);
  return db.$transaction(async (tx) => {
    const found = await tx.claim.findFirst({
      where: claimRefWhere(claimRef),
      select: { id: true, ...claimStateSelect },
    });
    if (!found) throw new AppError("NOT_FOUND", `claimId: no claim "${claimRef}"`, { field: "claimId" });
    const { id: claimId, ...claim } = found;
    requireAbility(claimAbilities(actor, claim), "lock");
    if ((claim.lockedAt !== null) === locked) {
      throw new AppError("CONFLICT", `claimId: the claim is already ${locked ? "locked" : "unlocked"}`, {
        field: "claimId",
      });
    }
    await tx.claim.update({
      where: { id: claimId },
      data: locked ? { lockedAt: new Date(), lockedById: actor.id } : { lockedAt: null, lockedById: null },
    });
    await recordAudit(tx, actor, {
      action: locked ? "claim.lock" : "claim.unlock",
      entityType: "Claim",
      entityId: claimId,
    });
    return { claimId, locked };
  }, TRANSACTION);
}
