import { AppError } from "@/lib/errors";
import type { Prisma } from "@/lib/generated/sqlite/client";
import { can, type MaybeActor } from "@/lib/permissions";
import { foldText } from "@/lib/text/fold";
import { CLAIM_STATUSES } from "./schemas";

type ClaimStatus = (typeof CLAIM_STATUSES)[number];

/**
 * The claims an actor may read, as a query condition, so that no list or lookup can leak
 * a draft: everyone reads published and archived claims; contributors also their own
 * drafts and pending claims; moderators and admins everything.
 */
export function visibleClaimsWhere(actor: MaybeActor): Prisma.ClaimWhereInput {
  if (can(actor, "read:claim:any")) return {};
  const publicStatuses: Prisma.ClaimWhereInput = { status: { in: ["published", "archived"] } };
  if (actor?.kind === "user" && can(actor, "read:claim:own")) {
    return { OR: [publicStatuses, { authorId: actor.id }] };
  }
  return publicStatuses;
}

/**
 * The statuses worth offering a reader as a filter: those of claims they may see (drafts and
 * pending claims only to moderators, and to contributors for their own).
 */
export function statusesVisibleTo(actor: MaybeActor): readonly ClaimStatus[] {
  if (can(actor, "read:claim:any") || (actor?.kind === "user" && can(actor, "read:claim:own"))) return CLAIM_STATUSES;
  return CLAIM_STATUSES.filter((status) => status === "published" || status === "archived");
}

// ---------------------------------------------------------------------------------------------
// What a person may do to one claim. The single home of every rule that combines a role (from
// lib/permissions.ts) with the claim's state: the mutations enforce it (requireAbility) and the
// queries hand it to the pages, which only render it. Pure: no database, no clock.
// ---------------------------------------------------------------------------------------------

/** The parts of a claim the rules read; `claimStateSelect` selects exactly these. */
export type ClaimState = {
  status: string;
  authorId: string | null;
  lockedAt: Date | null;
  mergedIntoId: string | null;
};

export const claimStateSelect = {
  status: true,
  authorId: true,
  lockedAt: true,
  mergedIntoId: true,
} satisfies Prisma.ClaimSelect;

/** Why an ability is missing: a sentence for the reader, and the error a mutation refuses with. */
export type Denial = {
  code: "UNAUTHENTICATED" | "FORBIDDEN" | "CONFLICT";
  /** The input the refusal concerns, as mutations name it in their errors. */
  field: string;
  reason: string;
};

export type ClaimAbilities = {
  /** "direct": saving changes the claim at once; "propose": saving queues a proposal for moderators. */
  edit: "direct" | "propose" | null;
  /** Change the status (publish, archive, send back to draft) as part of a direct edit. */
  changeStatus: boolean;
  /** Cast or change one's confidence vote. */
  vote: boolean;
  /** Cite passages as evidence, and see the suggested passages to cite. */
  cite: boolean;
  /**
   * Group the claim's evidence by the origin it derives from (one line of evidence), take a piece out
   * of its origin, and see the suggested groupings (docs/decisions/0020-lines-of-evidence.md).
   */
  group: boolean;
  comment: boolean;
  hideComments: boolean;
  /** Approve other members' proposals for this claim (rejecting needs only the role). */
  approveProposals: boolean;
  revert: boolean;
  /** Lock or unlock (whichever applies). */
  lock: boolean;
  /** Merge a duplicate into this claim, or this claim into another. */
  merge: boolean;
  /** Propose how this claim relates to another (contradicts, implies, duplicate of); moderators' apply at once. */
  relate: boolean;
  /** The team's median, spread, histogram and timeline; the number of votes is always shown. */
  seeFigures: boolean;
  /** For each ability above that is missing, why; absent when it is allowed. */
  whyNot: Partial<Record<ClaimAbility, Denial>>;
};
export type ClaimAbility = Exclude<keyof ClaimAbilities, "whyNot">;

const UNPUBLISHED = new Set(["draft", "pending_review"]);

function roleDenial(actor: MaybeActor, doing: string): Denial {
  if (actor === null) return { code: "UNAUTHENTICATED", field: "claimId", reason: `Sign in to ${doing}.` };
  const role = actor.kind === "user" ? actor.role : "system";
  const hint = role === "viewer" ? " Ask an admin for contributor access." : "";
  return {
    code: "FORBIDDEN",
    field: "claimId",
    reason: `Your role (${role}) does not allow you to ${doing}.${hint}`,
  };
}

function conflict(reason: string): Denial {
  return { code: "CONFLICT", field: "claimId", reason };
}

const MERGED = conflict("This claim was merged into another as a duplicate; it is history only. Use that claim.");
const LOCKED = conflict("The claim is locked: a moderator must unlock it before it can change.");

/**
 * Everything `actor` may do to `claim`, with a reason for each thing they may not. Assumes
 * the actor may read the claim (queries filter with visibleClaimsWhere first).
 *
 * `context.hasVoted` is whether the actor has a vote on this claim's current wording; left out, it
 * is taken as false, which only ever hides figures, never shows them. `context.onEarlierWording`
 * says their vote is on an earlier wording and waits for confirmation (it only changes the reason).
 */
export function claimAbilities(
  actor: MaybeActor,
  claim: ClaimState,
  context: { hasVoted: boolean; onEarlierWording?: boolean } = { hasVoted: false },
): ClaimAbilities {
  const whyNot: Partial<Record<ClaimAbility, Denial>> = {};
  const merged = claim.mergedIntoId !== null;
  const locked = claim.lockedAt !== null;
  const isAuthor = actor?.kind === "user" && claim.authorId !== null && claim.authorId === actor.id;
  /** The ability if `denial` is null, else records why not. */
  const decide = (ability: ClaimAbility, denial: Denial | null): boolean => {
    if (denial) whyNot[ability] = denial;
    return denial === null;
  };

  // Editing. Merged duplicates and locked claims change for nobody; moderators, and the author of a
  // claim nobody else has seen yet (draft, pending review), change it directly; others propose.
  let edit: ClaimAbilities["edit"] = null;
  const editDenial = !can(actor, "propose:revision")
    ? roleDenial(actor, "change claims (propose an edit)")
    : merged
      ? MERGED
      : locked
        ? LOCKED
        : null;
  if (decide("edit", editDenial)) {
    const ownUnpublished = isAuthor && can(actor, "update:claim:own") && UNPUBLISHED.has(claim.status);
    edit = can(actor, "update:claim:any") || ownUnpublished ? "direct" : "propose";
  }
  const changeStatus = decide(
    "changeStatus",
    !can(actor, "publish:claim")
      ? { code: "FORBIDDEN", field: "status", reason: "Only moderators change a claim's status." }
      : edit !== "direct"
        ? (editDenial ?? conflict("The status changes only in a direct edit."))
        : null,
  );

  // Votes: members only, on published claims only; a lock does not stop them.
  const vote = decide(
    "vote",
    actor?.kind === "system"
      ? { code: "FORBIDDEN", field: "claimId", reason: "Only members vote." }
      : !can(actor, "cast:vote")
        ? roleDenial(actor, "vote")
        : merged
          ? MERGED
          : claim.status !== "published"
            ? conflict("Votes are taken on published claims only.")
            : null,
  );

  // Evidence: not on merged, locked or archived claims (drafts and pending claims take it).
  const cite = decide(
    "cite",
    !can(actor, "create:evidence")
      ? roleDenial(actor, "add evidence")
      : merged
        ? MERGED
        : locked
          ? conflict("The claim is locked and takes no new evidence until a moderator unlocks it.")
          : claim.status === "archived"
            ? conflict("The claim is archived and takes no new evidence.")
            : null,
  );

  // Grouping evidence by origin changes how many independent lines each side counts, so it is closed
  // when citing is: a lock freezes the claim's evidence as it stands, an archived claim keeps the
  // count it was archived with, and a merged duplicate's evidence lives on the other claim.
  const group = decide(
    "group",
    !can(actor, "group:evidence")
      ? roleDenial(actor, "group evidence by origin")
      : merged
        ? MERGED
        : locked
          ? conflict("The claim is locked: its evidence is not regrouped until a moderator unlocks it.")
          : claim.status === "archived"
            ? conflict("The claim is archived: its evidence is not regrouped.")
            : null,
  );

  // The discussion moved with a merge; a lock or archiving does not close it.
  const comment = decide(
    "comment",
    !can(actor, "create:comment") ? roleDenial(actor, "join the discussion") : merged ? MERGED : null,
  );
  const hideComments = decide(
    "hideComments",
    can(actor, "hide:comment:any") ? null : roleDenial(actor, "hide comments"),
  );

  const approveProposals = decide(
    "approveProposals",
    !can(actor, "approve:revision:any")
      ? roleDenial(actor, "approve proposals")
      : merged
        ? MERGED
        : locked
          ? conflict("The claim is locked; unlock it before approving.")
          : null,
  );
  const revert = decide(
    "revert",
    !can(actor, "revert:claim:any")
      ? roleDenial(actor, "revert claims")
      : merged
        ? MERGED
        : locked
          ? conflict("The claim is locked; unlock it before reverting.")
          : null,
  );
  const lock = decide(
    "lock",
    !can(actor, "lock:claim:any") ? roleDenial(actor, "lock or unlock claims") : merged ? MERGED : null,
  );
  const relate = decide(
    "relate",
    !can(actor, "propose:revision") ? roleDenial(actor, "relate claims") : merged ? MERGED : null,
  );
  const merge = decide(
    "merge",
    !can(actor, "merge:claim")
      ? roleDenial(actor, "merge claims")
      : merged
        ? conflict("This claim was already merged into another.")
        : null,
  );

  // Vote before you see the team's figures, so theirs does not anchor yours: the rule binds
  // whoever may vote on this claim (moderators too) until they have. Anyone who cannot vote
  // on it (anonymous readers, viewers, anyone on an unpublished or archived claim) sees them.
  // A vote on an earlier wording is a view of other words: the figures wait for its confirmation.
  const seeFigures = decide(
    "seeFigures",
    vote && !context.hasVoted
      ? {
          code: "FORBIDDEN",
          field: "claimId",
          reason: context.onEarlierWording
            ? "The claim was reworded after you voted: confirm your vote or change it to see the team's figures for the new wording."
            : "Vote first: the team's figures appear once you have given your own view, so theirs does not anchor yours.",
        }
      : null,
  );

  return {
    edit,
    changeStatus,
    vote,
    cite,
    group,
    comment,
    hideComments,
    approveProposals,
    revert,
    lock,
    merge,
    relate,
    seeFigures,
    whyNot,
  };
}

/**
 * The claims whose team figures the actor may see, as a query condition (null: every claim), the
 * same rule as claimAbilities' seeFigures: a member who may vote sees a published claim's figures
 * once they have voted on its current wording. Filters and sorts by those figures use it, so they
 * reveal nothing hidden.
 */
export function figuresVisibleWhere(actor: MaybeActor): Prisma.ClaimWhereInput | null {
  if (actor?.kind !== "user" || !can(actor, "cast:vote")) return null;
  return {
    OR: [
      { status: { not: "published" } },
      { mergedIntoId: { not: null } },
      { votes: { some: { userId: actor.id, onEarlierWording: false } } },
    ],
  };
}

// ---------------------------------------------------------------------------------------------
// Votes and rewording (docs/decisions/0017-votes-and-rewording.md). A vote answers a statement;
// when the statement's words change, whoever applies the change decides what its votes answer.
// ---------------------------------------------------------------------------------------------

/** What becomes of a claim's votes when its words change: they count for the new words, or wait for their voters. */
export const VOTES_ON_REWORDING = ["keep", "confirm"] as const;
export type VotesOnRewordingChoice = (typeof VOTES_ON_REWORDING)[number];

/**
 * Whether a new statement changes the words of the old one. Case, accents, punctuation and
 * spacing are not material ("Stalin ordered Kirov's murder." is the same question as "stalin
 * ordered kirovs murder"); any word added, removed or replaced is.
 */
export function rewordsStatement(before: string, after: string): boolean {
  return foldText(before) !== foldText(after);
}

/**
 * Whether changing the statement from `before` to `after` (undefined: the statement stays) needs
 * the choice keep or confirm: it rewords a claim that carries votes on its current wording.
 * Votes already waiting for confirmation are not carried: they count for no wording.
 */
export function votesChoiceNeeded(before: string, after: string | undefined, countedVotes: number): boolean {
  return after !== undefined && countedVotes > 0 && rewordsStatement(before, after);
}

/** Creating a claim: who may, and the status it starts in. */
export type NewClaimPolicy = {
  create: boolean;
  /** Moderators publish at once; a contributor's claim waits for review. */
  initialStatus: "published" | "pending_review";
  /** Whether another status may be asked for (draft, archived...). */
  chooseStatus: boolean;
  /** Why creating is refused, or what happens to the new claim, for the form. */
  explanation: string;
};

export function newClaimPolicy(actor: MaybeActor): NewClaimPolicy {
  const moderator = can(actor, "publish:claim");
  if (!can(actor, "create:claim")) {
    return {
      create: false,
      initialStatus: "pending_review",
      chooseStatus: false,
      explanation: roleDenial(actor, "create claims").reason,
    };
  }
  return moderator
    ? {
        create: true,
        initialStatus: "published",
        chooseStatus: true,
        explanation: "As a moderator, your claim is published at once.",
      }
    : {
        create: true,
        initialStatus: "pending_review",
        chooseStatus: false,
        explanation: "Your claim waits for a moderator's review before it is published.",
      };
}

/**
 * Why a moderator may not move a citation of `claim` to the words it became in a new version of
 * its source (a re-anchor they confirm), or null if they may. A lock freezes the claim's evidence
 * as it stands, as it stops approvals and reverts; rejecting the move changes nothing and stays open.
 */
export function evidenceMoveDenial(claim: Pick<ClaimState, "lockedAt">): Denial | null {
  return claim.lockedAt !== null
    ? conflict("The claim is locked: its evidence does not move to a new version until a moderator unlocks it.")
    : null;
}

/**
 * Refuses with the policy's own reason when `ability` is missing. `field` renames the input
 * the error names (merging checks two claims, "into" and "from").
 */
export function requireAbility(abilities: ClaimAbilities, ability: ClaimAbility, field?: string): void {
  const allowed = ability === "edit" ? abilities.edit !== null : abilities[ability];
  if (allowed) return;
  const denial = abilities.whyNot[ability] ?? conflict("This is not allowed.");
  const named = field ?? denial.field;
  throw new AppError(denial.code, `${named}: ${denial.reason}`, { field: named });
}
