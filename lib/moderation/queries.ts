import "server-only";
import { authorize } from "@/lib/authorize";
import { claimAbilities, claimStateSelect, visibleClaimsWhere, votesChoiceNeeded } from "@/lib/claims/policy";
import { claimRefWhere } from "@/lib/claims/refs";
import { ClaimRefSchema } from "@/lib/claims/schemas";
import type { Db } from "@/lib/db";
import { AppError, parseInput } from "@/lib/errors";
import type { Prisma } from "@/lib/generated/sqlite/client";
import { countAmbiguousMentions } from "@/lib/people/mentions";
import { countOpenPersonSuggestions } from "@/lib/people/suggestions";
import { can, type MaybeActor } from "@/lib/permissions";
import { wordDiff } from "@/lib/sources/reanchor";
import { type ChangeLine, describePatch } from "./diff";
import { ClaimDocumentSchema, ClaimPatchSchema, loadClaimDocument, patchStillApplies } from "./document";
import { parseVotesOnRewording, type VotesOnRewording } from "./rewording";

export type RevisionDto = {
  id: string;
  action: string;
  status: string;
  reason: string | null;
  reviewNote: string | null;
  createdAt: string;
  reviewedAt: string | null;
  proposer: { id: string; name: string | null } | null;
  reviewer: { id: string; name: string | null } | null;
  claim: { id: string; slug: string; statement: string };
  changes: ChangeLine[];
  stale: boolean;
  canRevertTo: boolean;
  /** What applying this revision did with the votes of the claim it reworded (keep or confirm), if anything. */
  votesOnRewording: VotesOnRewording | null;
  /**
   * Set when acting on this revision now (approving a pending one, reverting to an applied one)
   * would reword the claim while it carries `votes` votes on its current wording: the moderator
   * must then choose keep or confirm (lib/claims/policy.ts votesChoiceNeeded).
   */
  votesChoice: { votes: number } | null;
};

const revisionSelect = {
  id: true,
  action: true,
  status: true,
  reason: true,
  reviewNote: true,
  createdAt: true,
  reviewedAt: true,
  before: true,
  after: true,
  snapshot: true,
  proposer: { select: { id: true, name: true } },
  reviewer: { select: { id: true, name: true } },
  votesOnRewording: true,
  claim: { select: { id: true, slug: true, statement: true, voteCount: true } },
} satisfies Prisma.RevisionSelect;

type RevisionRow = Prisma.RevisionGetPayload<{ select: typeof revisionSelect }>;

/**
 * The statement acting on a revision would give the claim: a pending proposal's, or for an applied
 * revision the one a revert to it restores (from its snapshot). Undefined: it leaves the words.
 */
function statementActedOn(row: RevisionRow, after: { statement?: string }): string | undefined {
  if (row.status === "pending") return after.statement;
  if (row.status !== "approved" || row.snapshot === null) return undefined;
  return ClaimDocumentSchema.shape.statement.parse(JSON.parse(row.snapshot).statement);
}

function votesChoiceFor(row: RevisionRow, after: { statement?: string }): RevisionDto["votesChoice"] {
  const claim = row.claim;
  // Most claims carry no votes: their snapshots are not even read.
  if (!claim || claim.voteCount === 0) return null;
  return votesChoiceNeeded(claim.statement, statementActedOn(row, after), claim.voteCount)
    ? { votes: claim.voteCount }
    : null;
}

function toDto(row: RevisionRow, stale: boolean): RevisionDto {
  const before = row.before ? ClaimPatchSchema.parse(JSON.parse(row.before)) : null;
  const after = ClaimPatchSchema.parse(JSON.parse(row.after));
  const { voteCount: _voteCount, ...claim } = row.claim!;
  return {
    id: row.id,
    action: row.action,
    status: row.status,
    reason: row.reason,
    reviewNote: row.reviewNote,
    createdAt: row.createdAt.toISOString(),
    reviewedAt: row.reviewedAt?.toISOString() ?? null,
    proposer: row.proposer,
    reviewer: row.reviewer,
    claim,
    changes: describePatch(before, after),
    stale,
    canRevertTo: row.status === "approved" && row.snapshot !== null,
    votesOnRewording: parseVotesOnRewording(row.votesOnRewording),
    votesChoice: votesChoiceFor(row, after),
  };
}

async function staleness(db: Db, rows: RevisionRow[]): Promise<Map<string, boolean>> {
  const result = new Map<string, boolean>();
  const documents = new Map<string, Awaited<ReturnType<typeof loadClaimDocument>>>();
  for (const row of rows) {
    if (row.status !== "pending" || !row.claim) continue;
    let document = documents.get(row.claim.id);
    if (!document) {
      document = await loadClaimDocument(db, row.claim.id);
      documents.set(row.claim.id, document);
    }
    result.set(row.id, !patchStillApplies(document, ClaimPatchSchema.parse(JSON.parse(row.before ?? "{}"))));
  }
  return result;
}

/** Pending proposals, oldest first, each with its diff and whether it has gone stale. */
export async function listReviewQueue(db: Db, actor: MaybeActor): Promise<RevisionDto[]> {
  authorize(actor, "read:revision:any");
  const rows = await db.revision.findMany({
    where: { status: "pending", claimId: { not: null } },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    take: 200,
    select: revisionSelect,
  });
  const stale = await staleness(db, rows);
  return rows.map((row) => toDto(row, stale.get(row.id) ?? false));
}

/**
 * A claim's revisions, newest first. Everyone who can read the claim sees what was applied;
 * pending and rejected proposals are shown to moderators and to their own proposer.
 */
export async function getClaimHistory(db: Db, actor: MaybeActor, input: unknown) {
  const { claimId: claimIdOrSlug } = parseInput(ClaimRefSchema, input);
  const claim = await db.claim.findFirst({
    where: { AND: [claimRefWhere(claimIdOrSlug), visibleClaimsWhere(actor)] },
    select: { ...claimStateSelect, id: true, slug: true, statement: true, version: true },
  });
  if (!claim) throw new AppError("NOT_FOUND", `No claim "${claimIdOrSlug}".`);
  const { revert } = claimAbilities(actor, claim);
  const where: Prisma.RevisionWhereInput = can(actor, "read:revision:any")
    ? { claimId: claim.id }
    : {
        claimId: claim.id,
        OR: [{ status: "approved" }, ...(actor?.kind === "user" ? [{ proposerId: actor.id }] : [])],
      };
  const rows = await db.revision.findMany({
    where,
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: 500,
    select: revisionSelect,
  });
  const stale = await staleness(db, rows);
  return {
    claim: { ...claim, locked: claim.lockedAt !== null },
    /** Whether the actor may revert this claim now (lib/claims/policy.ts). */
    abilities: { revert },
    revisions: rows.map((row) => toDto(row, stale.get(row.id) ?? false)),
  };
}

/** The actor's own proposals, with the outcome and any rejection reason. */
export async function listMyProposals(db: Db, actor: MaybeActor): Promise<RevisionDto[]> {
  authorize(actor, "read:revision:own");
  if (actor.kind !== "user") return [];
  const rows = await db.revision.findMany({
    // Not the edits the actor applied directly: those are history, not proposals.
    where: {
      proposerId: actor.id,
      claimId: { not: null },
      OR: [{ reviewerId: null }, { reviewerId: { not: actor.id } }],
    },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: 200,
    select: revisionSelect,
  });
  const stale = await staleness(db, rows);
  return rows.map((row) => toDto(row, stale.get(row.id) ?? false));
}

/**
 * What the edit form needs: the claim document, its version, whether saving applies at once, and
 * the votes it carries (a direct edit that rewords it asks what becomes of them).
 */
export async function getClaimForEditing(db: Db, actor: MaybeActor, input: unknown) {
  authorize(actor, "propose:revision");
  const { claimId: claimIdOrSlug } = parseInput(ClaimRefSchema, input);
  const claim = await db.claim.findFirst({
    where: { AND: [claimRefWhere(claimIdOrSlug), visibleClaimsWhere(actor)] },
    select: { id: true, slug: true, voteCount: true, votesAwaitingConfirmation: true },
  });
  if (!claim) throw new AppError("NOT_FOUND", `No claim "${claimIdOrSlug}".`);
  // Its people are in the document; the form finds others by name (lib/people/picker.ts).
  const document = await loadClaimDocument(db, claim.id);
  // The same decision editClaim enforces (lib/claims/policy.ts).
  const abilities = claimAbilities(actor, document);
  return {
    id: claim.id,
    slug: claim.slug,
    document,
    /** null when the actor may not change the claim now; then `whyNotEdit` says why. */
    edit: abilities.edit,
    whyNotEdit: abilities.whyNot.edit?.reason ?? null,
    canSetStatus: abilities.changeStatus,
    /** count: votes on the current wording (a rewording asks keep or confirm for them); awaitingConfirmation: on an earlier one. */
    votes: { count: claim.voteCount, awaitingConfirmation: claim.votesAwaitingConfirmation },
  };
}

export type PendingClaimDto = {
  id: string;
  slug: string;
  statement: string;
  createdAt: string;
  author: { id: string; name: string | null } | null;
  people: string[];
};

/** New claims waiting for a moderator to publish them or send them back, oldest first. */
export async function listPendingClaims(db: Db, actor: MaybeActor): Promise<PendingClaimDto[]> {
  authorize(actor, "approve:revision:any");
  const rows = await db.claim.findMany({
    where: { AND: [{ status: "pending_review", mergedIntoId: null }, visibleClaimsWhere(actor)] },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    take: 200,
    select: {
      id: true,
      slug: true,
      statement: true,
      createdAt: true,
      author: { select: { id: true, name: true } },
      people: { select: { person: { select: { name: true } } }, orderBy: { person: { name: "asc" } } },
    },
  });
  return rows.map((row) => ({
    id: row.id,
    slug: row.slug,
    statement: row.statement,
    createdAt: row.createdAt.toISOString(),
    author: row.author,
    people: row.people.map((link) => link.person.name),
  }));
}

export type WordChange = ReturnType<typeof wordDiff>[number];

export type PendingReanchorDto = {
  id: string;
  claim: { slug: string; statement: string };
  stance: string;
  source: { title: string; fromSourceId: string; fromVersion: number; toSourceId: string; toVersion: number };
  before: string;
  after: string;
  changes: WordChange[];
  reason: string | null;
  createdAt: string;
};

// Citations re-anchored with changed words wait while their evidence still cites the old words.
const PENDING_REANCHOR = { status: "pending", evidence: { removedAt: null } } as const;

/** Citations re-anchored to a new version of their source with changed words, oldest first, with a word diff. */
export async function listPendingReanchors(db: Db, actor: MaybeActor): Promise<PendingReanchorDto[]> {
  authorize(actor, "confirm:reanchor");
  const rows = await db.evidenceReanchor.findMany({
    where: PENDING_REANCHOR,
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    take: 200,
    select: {
      id: true,
      quote: true,
      reason: true,
      createdAt: true,
      toSource: { select: { id: true, title: true, versionNumber: true } },
      evidence: {
        select: {
          stance: true,
          claim: { select: { slug: true, statement: true } },
          passage: { select: { text: true, source: { select: { id: true, versionNumber: true } } } },
        },
      },
    },
  });
  return rows.map((row) => ({
    id: row.id,
    claim: row.evidence.claim,
    stance: row.evidence.stance,
    source: {
      title: row.toSource.title,
      fromSourceId: row.evidence.passage.source.id,
      fromVersion: row.evidence.passage.source.versionNumber,
      toSourceId: row.toSource.id,
      toVersion: row.toSource.versionNumber,
    },
    before: row.evidence.passage.text,
    after: row.quote ?? "",
    changes: wordDiff(row.evidence.passage.text, row.quote ?? ""),
    reason: row.reason,
    createdAt: row.createdAt.toISOString(),
  }));
}

export type ReviewQueueCount = {
  claims: number;
  proposals: number;
  relations: number;
  citations: number;
  /** Open suggested people (names that recur in a source and match nobody). */
  suggestedPeople: number;
  /** Surnames in a source that could be several people, one per source and surname. */
  ambiguousMentions: number;
  /** Questions waiting to be published, and claims proposed for questions. */
  questions: number;
  total: number;
};

/**
 * How much waits for a moderator: new claims, proposals, proposed relations, re-anchored
 * citations, suggested people and ambiguous names. Null for anyone who does not review; each
 * part counts only what this actor may act on, with the same conditions as the lists on the
 * review page.
 */
export async function countReviewQueue(db: Db, actor: MaybeActor): Promise<ReviewQueueCount | null> {
  if (!can(actor, "approve:revision:any")) return null;
  const [claims, proposals, relations, citations, suggestedPeople, ambiguousMentions, questions, questionClaims] =
    await Promise.all([
      db.claim.count({ where: { AND: [{ status: "pending_review", mergedIntoId: null }, visibleClaimsWhere(actor)] } }),
      db.revision.count({ where: { status: "pending", claimId: { not: null } } }),
      db.claimRelation.count({ where: { status: "pending" } }),
      can(actor, "confirm:reanchor") ? db.evidenceReanchor.count({ where: PENDING_REANCHOR }) : 0,
      countOpenPersonSuggestions(db, actor),
      countAmbiguousMentions(db, actor),
      db.question.count({ where: { status: "pending_review" } }),
      db.questionClaim.count({ where: { status: "pending" } }),
    ]);
  return {
    claims,
    proposals,
    relations,
    citations,
    suggestedPeople,
    ambiguousMentions,
    questions: questions + questionClaims,
    total:
      claims + proposals + relations + citations + suggestedPeople + ambiguousMentions + questions + questionClaims,
  };
}

/**
 * Why a draft is a draft, when a moderator sent it back from review: the reason, who and when.
 * For the claim page, which only the author and moderators can see for a draft.
 */
export async function getSentBackNote(
  db: Db,
  claimId: string,
): Promise<{ reason: string; by: string | null; at: string } | null> {
  const recent = await db.revision.findMany({
    where: { claimId, status: "approved" },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: 10,
    select: { before: true, after: true, reason: true, createdAt: true, reviewer: { select: { name: true } } },
  });
  for (const revision of recent) {
    const before = revision.before ? (JSON.parse(revision.before) as { status?: string }) : {};
    const after = JSON.parse(revision.after) as { status?: string };
    if (after.status === undefined) continue;
    // The latest status change decides: a claim sent back and then resubmitted is not "sent back".
    if (after.status !== "draft" || before.status !== "pending_review" || !revision.reason) return null;
    return { reason: revision.reason, by: revision.reviewer?.name ?? null, at: revision.createdAt.toISOString() };
  }
  return null;
}
