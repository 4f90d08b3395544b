import "server-only";
import { claimAbilities, claimStateSelect, visibleClaimsWhere } from "@/lib/claims/policy";
import type { Db } from "@/lib/db";
import { AppError, parseInput } from "@/lib/errors";
import type { Actor, MaybeActor } from "@/lib/permissions";
import { quantile } from "./aggregate";
import { ListVoteReasonsSchema, VOTE_REASONS_SHOWN } from "./schemas";

export type TimelinePoint = { at: string; median: number; count: number };

/**
 * How the team median moved: after each vote cast (in time order), the median of every
 * member's latest vote at that moment.
 */
export function medianTimeline(events: { userId: string; value: number; castAt: Date }[]): TimelinePoint[] {
  const latest = new Map<string, number>();
  const points: TimelinePoint[] = [];
  for (const event of [...events].sort((a, b) => a.castAt.getTime() - b.castAt.getTime())) {
    latest.set(event.userId, event.value);
    const sorted = [...latest.values()].sort((a, b) => a - b);
    points.push({
      at: event.castAt.toISOString(),
      median: Math.round(quantile(sorted, 0.5) * 10) / 10,
      count: sorted.length,
    });
  }
  return points;
}

/**
 * The median's timeline of the claim's current wording: the values cast or confirmed on it. A
 * rewording whose voters were asked to confirm starts a new timeline, as it empties the figures.
 */
export async function getVoteTimeline(db: Db, claimId: string, knownWording?: number): Promise<TimelinePoint[]> {
  const wording =
    knownWording ?? (await db.claim.findUnique({ where: { id: claimId }, select: { wording: true } }))?.wording;
  if (wording === undefined) return [];
  const events = await db.confidenceVoteHistory.findMany({
    where: { claimId, wording },
    orderBy: [{ castAt: "asc" }, { id: "asc" }],
    take: 10_000,
    select: { userId: true, value: true, castAt: true },
  });
  return medianTimeline(events);
}

export type OwnVoteDto = {
  value: number;
  rationale: string | null;
  /** When the value and reason were given (ISO 8601). */
  updatedAt: string;
  /** How many values the member cast on the claim, changes and confirmations included. */
  casts: number;
  /** Cast on an earlier wording of the claim: it counts in no figure until confirmed or changed. */
  onEarlierWording: boolean;
  /** The live evidence the member named as what moved them most (removed evidence left out). */
  evidenceIds: string[];
};

/** The actor's current vote on a claim, how many times they cast one, and whether it waits for confirmation. */
export async function getOwnVote(db: Db, actor: MaybeActor, claimId: string): Promise<OwnVoteDto | null> {
  if (actor?.kind !== "user") return null;
  // Through the claim, so the vote and the count of its casts are one statement on PostgreSQL.
  const claim = await db.claim.findUnique({
    where: { id: claimId },
    select: {
      votes: {
        where: { userId: actor.id },
        select: {
          value: true,
          rationale: true,
          updatedAt: true,
          onEarlierWording: true,
          evidence: { where: { evidence: { removedAt: null } }, select: { evidenceId: true } },
        },
      },
      _count: { select: { voteLog: { where: { userId: actor.id } } } },
    },
  });
  const vote = claim?.votes[0];
  const casts = claim?._count.voteLog ?? 0;
  return vote
    ? {
        value: vote.value,
        rationale: vote.rationale,
        updatedAt: vote.updatedAt.toISOString(),
        casts,
        onEarlierWording: vote.onEarlierWording,
        evidenceIds: vote.evidence.map((named) => named.evidenceId).sort(),
      }
    : null;
}

/** How many current votes named a piece of evidence as what moved them most, and those votes' median. */
export type NamedByDto = { count: number; median: number | null };

/**
 * For each live piece of evidence of a claim (`evidenceIds`): how many voters named it among what
 * moved them most, and the median of their values. Only votes on the current wording count (as in
 * every figure), and only live evidence is listed. A figure like the team's: the caller shows it only
 * where the vote-first rule (lib/claims/policy.ts seeFigures) lets this reader see figures, as the
 * claim page does from the claim it read.
 */
export async function namedByOf(db: Db, claimId: string, evidenceIds: string[]): Promise<Record<string, NamedByDto>> {
  const named = await db.voteEvidence.findMany({
    where: { vote: { claimId, onEarlierWording: false }, evidence: { claimId, removedAt: null } },
    select: { evidenceId: true, vote: { select: { value: true } } },
  });
  const values = new Map<string, number[]>(evidenceIds.map((id) => [id, []]));
  for (const row of named) values.get(row.evidenceId)?.push(row.vote.value);
  const result: Record<string, NamedByDto> = {};
  for (const [evidenceId, list] of values) {
    const sorted = list.sort((a, b) => a - b);
    result[evidenceId] = {
      count: sorted.length,
      median: sorted.length ? Math.round(quantile(sorted, 0.5) * 10) / 10 : null,
    };
  }
  return result;
}

export type VoteReasonDto = {
  voter: { id: string; name: string | null };
  /** Whether the voter is the reader. */
  own: boolean;
  value: number;
  reason: string;
  /** When this value and reason were given (ISO 8601). */
  givenAt: string;
};

export type VoteReasonsDto = {
  /** Newest first, at most `limit` of them. */
  items: VoteReasonDto[];
  /** Every current vote on the claim's current wording that gives a reason, shown or not. */
  total: number;
};

/**
 * The reasons members gave with their current votes on a claim, with each voter's name and value,
 * newest first. Members only (a reason names its author, which the public pages do not), and only
 * those who may see the team's figures: a reason beside its value is a figure, so the vote-first
 * rule (lib/claims/policy.ts seeFigures) hides them until the member has voted. null: not for
 * this reader. Votes waiting for confirmation on an earlier wording are left out, as from every figure.
 */
export async function listVoteReasons(db: Db, actor: MaybeActor, input: unknown): Promise<VoteReasonsDto | null> {
  const { claimId, limit } = parseInput(ListVoteReasonsSchema, input);
  if (actor?.kind !== "user") return null;
  const claim = await db.claim.findFirst({
    where: { AND: [{ id: claimId }, visibleClaimsWhere(actor)] },
    select: { ...claimStateSelect, votes: { where: { userId: actor.id }, select: { onEarlierWording: true } } },
  });
  if (!claim) throw new AppError("NOT_FOUND", `No claim "${claimId}".`);
  const own = claim.votes[0];
  const { seeFigures } = claimAbilities(actor, claim, {
    hasVoted: own !== undefined && !own.onEarlierWording,
    onEarlierWording: own?.onEarlierWording ?? false,
  });
  if (!seeFigures) return null;
  return voteReasonsOf(db, actor, claimId, limit);
}

/**
 * listVoteReasons for a claim whose figures the caller has already found this member may see (the
 * claim page, from the claim it read): one statement on PostgreSQL, the reasons and their count.
 */
export async function voteReasonsOf(
  db: Db,
  actor: Actor,
  claimId: string,
  limit: number = VOTE_REASONS_SHOWN,
): Promise<VoteReasonsDto> {
  // castVote stores a blank reason as null; "" is excluded too in case a restored workspace holds one.
  const withReason = {
    onEarlierWording: false,
    AND: [{ rationale: { not: null } }, { rationale: { not: "" } }],
  };
  const claim = await db.claim.findUnique({
    where: { id: claimId },
    select: {
      votes: {
        where: withReason,
        orderBy: [{ updatedAt: "desc" }, { id: "desc" }],
        take: limit,
        select: { value: true, rationale: true, updatedAt: true, user: { select: { id: true, name: true } } },
      },
      _count: { select: { votes: { where: withReason } } },
    },
  });
  return {
    items: (claim?.votes ?? []).map((vote) => ({
      voter: vote.user,
      own: vote.user.id === actor.id,
      value: vote.value,
      reason: vote.rationale ?? "",
      givenAt: vote.updatedAt.toISOString(),
    })),
    total: claim?._count.votes ?? 0,
  };
}
