import "server-only";
import { visibleClaimsWhere } from "@/lib/claims/policy";
import { claimRefWhere } from "@/lib/claims/refs";
import type { Db } from "@/lib/db";
import { AppError, parseInput } from "@/lib/errors";
import { can, type MaybeActor } from "@/lib/permissions";
import {
  CREDIBILITY,
  type CredibilityGrade,
  isCredibilityGrade,
  RELIABILITY,
  type ReliabilityGrade,
  type Scale,
  type TeamRating,
  teamRating,
} from "./scale";
import { ClaimEvidenceRatingsSchema, EvidenceRatingRefSchema, SourceRatingRefSchema } from "./schemas";

/** The reader's own current rating. */
export type OwnRatingDto<G extends string | number> = { grade: G; label: string; reason: string; ratedAt: string };

/** One member's current rating, as members see them. */
export type MemberRatingDto<G extends string | number> = OwnRatingDto<G> & {
  rater: { id: string; name: string | null };
  /** Whether the rater is the reader. */
  own: boolean;
};

export type RatingsDto<G extends string | number> = {
  team: TeamRating<G>;
  own: OwnRatingDto<G> | null;
  /**
   * Every member's current rating with their name and reason, newest first; signed-in members only
   * (null for anonymous readers), as with the reasons given with votes.
   */
  ratings: MemberRatingDto<G>[] | null;
  /** Whether the reader may rate, re-rate and withdraw their rating here. */
  canRate: boolean;
};

export type SourceRatingsDto = RatingsDto<ReliabilityGrade> & {
  sourceId: string;
  /** The first version of the source, which holds the ratings every version shares. */
  ratedSourceId: string;
};

export type EvidenceRatingsDto = RatingsDto<CredibilityGrade> & { evidenceId: string; claimId: string };

/** The credibility of each piece of evidence on a claim, for its page. */
export type ClaimEvidenceRatingsDto = {
  canRate: boolean;
  /** By evidence id; every live piece of evidence on the claim has an entry, rated or not. */
  byEvidence: Record<string, { team: TeamRating<CredibilityGrade>; own: OwnRatingDto<CredibilityGrade> | null }>;
};

type StoredRating<G> = {
  grade: G;
  reason: string;
  updatedAt: Date;
  user: { id: string; name: string | null };
};

// A rating is one member's judgement: only members (not the system, not a viewer) give one.
const mayRate = (actor: MaybeActor, permission: "rate:source" | "rate:evidence") =>
  actor?.kind === "user" && can(actor, permission);

function ratingsOf<G extends string | number>(
  scale: Scale<G>,
  actor: MaybeActor,
  rows: readonly StoredRating<G>[],
  canRate: boolean,
): RatingsDto<G> {
  const readerId = actor?.kind === "user" ? actor.id : null;
  const dto = (row: StoredRating<G>): OwnRatingDto<G> => ({
    grade: row.grade,
    label: scale.labels[row.grade],
    reason: row.reason,
    ratedAt: row.updatedAt.toISOString(),
  });
  const own = rows.find((row) => row.user.id === readerId);
  return {
    team: teamRating(
      scale,
      rows.map((row) => row.grade),
    ),
    own: own ? dto(own) : null,
    ratings:
      readerId === null
        ? null
        : [...rows]
            .sort((a, b) => b.updatedAt.getTime() - a.updatedAt.getTime())
            .map((row) => ({ ...dto(row), rater: row.user, own: row.user.id === readerId })),
    canRate,
  };
}

const storedSelect = {
  grade: true,
  reason: true,
  updatedAt: true,
  user: { select: { id: true, name: true } },
} as const;

/** A source's reliability: the team's rating and spread, the reader's own, and (to members) each member's. */
export async function getSourceRatings(db: Db, actor: MaybeActor, input: unknown): Promise<SourceRatingsDto> {
  const { sourceId } = parseInput(SourceRatingRefSchema, input);
  const source = await db.source.findUnique({ where: { id: sourceId }, select: { id: true, firstVersionId: true } });
  if (!source) throw new AppError("NOT_FOUND", `sourceId: no source "${sourceId}"`, { field: "sourceId" });
  const ratedSourceId = source.firstVersionId ?? source.id;
  const rows = await db.sourceRating.findMany({ where: { sourceId: ratedSourceId }, select: storedSelect });
  return { sourceId, ratedSourceId, ...ratingsOf(RELIABILITY, actor, rows, mayRate(actor, "rate:source")) };
}

/** Stored credibility grades off the scale (a hand-edited or foreign restore) are left out rather than guessed. */
function onCredibilityScale<R extends { grade: number }>(rows: readonly R[]): (R & { grade: CredibilityGrade })[] {
  return rows.filter((row): row is R & { grade: CredibilityGrade } => isCredibilityGrade(row.grade));
}

/**
 * A piece of evidence's credibility: the team's rating and spread, the reader's own, and (to
 * members) each member's. Evidence on a claim the reader may not see is NOT_FOUND.
 */
export async function getEvidenceRatings(db: Db, actor: MaybeActor, input: unknown): Promise<EvidenceRatingsDto> {
  const { evidenceId } = parseInput(EvidenceRatingRefSchema, input);
  const evidence = await db.evidence.findFirst({
    where: { id: evidenceId, claim: visibleClaimsWhere(actor) },
    select: { id: true, claimId: true, removedAt: true, ratings: { select: storedSelect } },
  });
  if (!evidence) throw new AppError("NOT_FOUND", `evidenceId: no evidence "${evidenceId}"`, { field: "evidenceId" });
  const canRate = mayRate(actor, "rate:evidence") && evidence.removedAt === null;
  return {
    evidenceId,
    claimId: evidence.claimId,
    ...ratingsOf(CREDIBILITY, actor, onCredibilityScale(evidence.ratings), canRate),
  };
}

/** The team's credibility rating of every live piece of evidence on a claim (by id or slug), and the reader's own. */
export async function listClaimEvidenceRatings(
  db: Db,
  actor: MaybeActor,
  input: unknown,
): Promise<ClaimEvidenceRatingsDto> {
  const { claimId } = parseInput(ClaimEvidenceRatingsSchema, input);
  const evidence = await db.evidence.findMany({
    where: { removedAt: null, claim: { AND: [claimRefWhere(claimId), visibleClaimsWhere(actor)] } },
    select: { id: true, ratings: { select: storedSelect } },
  });
  const byEvidence: ClaimEvidenceRatingsDto["byEvidence"] = {};
  for (const item of evidence) {
    // Members' names and reasons stay on the evidence's own ratings (GET /api/evidence/{id}/ratings).
    const { team, own } = ratingsOf(CREDIBILITY, actor, onCredibilityScale(item.ratings), false);
    byEvidence[item.id] = { team, own };
  }
  return { canRate: mayRate(actor, "rate:evidence"), byEvidence };
}

// ---------------------------------------------------------------------------------------------
// For roll-ups (lines of evidence, a competing-hypotheses matrix): the team's rating of many
// sources or pieces of evidence at once, each with its weight in [0, 1] (lib/ratings/scale.ts).
// Two queries at most, counted by the database. The caller has already decided what the reader
// may see: these take ids, not a visitor's input.
// ---------------------------------------------------------------------------------------------

/**
 * The team's reliability rating of each source asked for (any version: versions share ratings),
 * keyed by the id asked for. A source nobody rated (or no source at all) has grade null and the
 * neutral weight.
 */
export async function teamSourceRatings(
  db: Db,
  sourceIds: readonly string[],
): Promise<Map<string, TeamRating<ReliabilityGrade>>> {
  const ids = [...new Set(sourceIds)];
  const sources = await db.source.findMany({ where: { id: { in: ids } }, select: { id: true, firstVersionId: true } });
  const ratedIdOf = new Map(sources.map((source) => [source.id, source.firstVersionId ?? source.id]));
  const counts = await db.sourceRating.groupBy({
    by: ["sourceId", "grade"],
    where: { sourceId: { in: [...new Set(ratedIdOf.values())] } },
    _count: { _all: true },
  });
  const gradesOf = new Map<string, ReliabilityGrade[]>();
  for (const row of counts) {
    const grades = gradesOf.get(row.sourceId) ?? [];
    for (let index = 0; index < row._count._all; index++) grades.push(row.grade);
    gradesOf.set(row.sourceId, grades);
  }
  return new Map(ids.map((id) => [id, teamRating(RELIABILITY, gradesOf.get(ratedIdOf.get(id) ?? id) ?? [])]));
}

/**
 * The team's credibility rating of each piece of evidence asked for, keyed by its id. Evidence
 * nobody rated (or no evidence at all) has grade null and the neutral weight.
 */
export async function teamEvidenceRatings(
  db: Db,
  evidenceIds: readonly string[],
): Promise<Map<string, TeamRating<CredibilityGrade>>> {
  const ids = [...new Set(evidenceIds)];
  const counts = await db.evidenceRating.groupBy({
    by: ["evidenceId", "grade"],
    where: { evidenceId: { in: ids } },
    _count: { _all: true },
  });
  const gradesOf = new Map<string, CredibilityGrade[]>();
  for (const row of counts) {
    if (!isCredibilityGrade(row.grade)) continue;
    const grades = gradesOf.get(row.evidenceId) ?? [];
    for (let index = 0; index < row._count._all; index++) grades.push(row.grade);
    gradesOf.set(row.evidenceId, grades);
  }
  return new Map(ids.map((id) => [id, teamRating(CREDIBILITY, gradesOf.get(id) ?? [])]));
}
