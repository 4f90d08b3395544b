import "server-only";
import { cachedForAnonymous } from "@/lib/cache/public-reads";
import type { Db } from "@/lib/db";
import { AppError, parseInput } from "@/lib/errors";
import { linesOfEvidence, type SideTally } from "@/lib/evidence/lines";
import type { Prisma } from "@/lib/generated/sqlite/client";
import { personMatchWhere } from "@/lib/people/match";
import type { MaybeActor } from "@/lib/permissions";
import { type CitationDto, citationSelect, formatCitation, toCitation } from "@/lib/sources/citation";
import { foldText } from "@/lib/text/fold";
import { aggregateVotes, countOnly, type VoteAggregate } from "@/lib/votes/aggregate";
import {
  type ClaimAbilities,
  type ClaimState,
  claimAbilities,
  claimStateSelect,
  figuresVisibleWhere,
  visibleClaimsWhere,
} from "./policy";
import { claimRefWhere } from "./refs";
import { ClaimRefSchema, ListClaimsSchema } from "./schemas";

export type StanceName = "supports" | "contradicts" | "context";

export type ClaimSummaryDto = {
  id: string;
  slug: string;
  statement: string;
  status: string;
  updatedAt: string;
  people: { slug: string; name: string; role: string }[];
  evidenceCounts: Record<StanceName, number>;
  /**
   * Independent lines of evidence for and against: pieces of evidence that derive from one origin
   * (a witness's account, a document) count once (lib/evidence/lines.ts). evidenceCounts has the passages.
   */
  lines: { supports: number; contradicts: number };
  /**
   * median and contested are null/false with figuresHidden when the actor may vote on the
   * claim and has not yet (lib/claims/policy.ts, seeFigures); the count is always given. count is
   * the votes on the current wording; awaitingConfirmation those cast on an earlier one, in no figure.
   */
  votes: {
    count: number;
    median: number | null;
    contested: boolean;
    figuresHidden: boolean;
    awaitingConfirmation: number;
  };
};

export type ClaimListDto = {
  items: ClaimSummaryDto[];
  page: number;
  pageSize: number;
  total: number;
  totalPages: number;
};

/** Where pieces of evidence derive from, shared by every claim citing them (docs/decisions/0020-lines-of-evidence.md). */
export type OriginDto = { id: string; name: string; note: string | null };

/**
 * A claim's evidence as lines, per side: each origin with its pieces, each piece with no origin
 * alone, in the order the evidence was cited; `lines` counts them, `passages` the pieces.
 */
export type ClaimLinesDto = Record<
  StanceName,
  SideTally & { groups: { origin: OriginDto | null; evidenceIds: string[] }[] }
>;

export type EvidenceDto = {
  id: string;
  stance: StanceName;
  /** The origin this evidence derives from, if a member grouped it under one. */
  origin: OriginDto | null;
  note: string | null;
  pinpoint: string | null;
  addedBy: { id: string; name: string | null } | null;
  createdAt: string;
  passage: { id: string; kind: string; start: number; end: number; text: string; prefix: string; suffix: string };
  // The rest of the paragraph around the passage (up to 600 characters each side), for "show context".
  context: { before: string; after: string };
  /** The source paragraph (counted from 1) that holds the passage, as readers cite a place; null when none does. */
  paragraphNumber: number | null;
  source: CitationDto;
  citation: string;
  /** Set when the passage's source has a newer version the citation has not moved to (lib/sources/versions.ts). */
  olderVersion: {
    versionNumber: number;
    newer: { sourceId: string; versionNumber: number };
    // waiting: a moderator confirms the re-anchored words; lost: the words are not in the newer version.
    state: "waiting" | "lost";
    reason: string | null;
  } | null;
};

export type ClaimDetailDto = {
  id: string;
  slug: string;
  statement: string;
  status: string;
  locked: boolean;
  version: number;
  /** Set when a moderator merged this claim into another as a duplicate. */
  mergedInto: { slug: string; statement: string } | null;
  author: { id: string; name: string | null } | null;
  createdAt: string;
  updatedAt: string;
  people: { id: string; slug: string; name: string; role: string }[];
  evidence: EvidenceDto[];
  /** The evidence as independent lines per side. */
  lines: ClaimLinesDto;
  /**
   * The aggregate of the votes on the current wording; every figure but the count is emptied when
   * figuresHidden (see ClaimSummaryDto.votes). awaitingConfirmation: votes cast on an earlier
   * wording, waiting for their voters to confirm them, in none of the figures.
   */
  votes: VoteAggregate & { figuresHidden: boolean; awaitingConfirmation: number };
  /** What the actor may do to this claim, and why not (lib/claims/policy.ts). */
  abilities: ClaimAbilities;
};

const summarySelect = {
  ...claimStateSelect,
  id: true,
  slug: true,
  statement: true,
  status: true,
  updatedAt: true,
  supportsCount: true,
  contradictsCount: true,
  contextCount: true,
  supportsLines: true,
  contradictsLines: true,
  voteCount: true,
  voteMedian: true,
  contested: true,
  votesAwaitingConfirmation: true,
  people: { select: { role: true, person: { select: { slug: true, name: true } } }, orderBy: { role: "asc" } },
} satisfies Prisma.ClaimSelect;

/**
 * The ids among `claimIds` the actor has a vote on the current wording of, in one query: whether
 * they may see the team's figures depends on it.
 */
export async function claimsVotedOn(db: Db, actor: MaybeActor, claimIds: string[]): Promise<Set<string>> {
  if (actor?.kind !== "user" || claimIds.length === 0) return new Set();
  const votes = await db.confidenceVote.findMany({
    where: { userId: actor.id, claimId: { in: claimIds }, onEarlierWording: false },
    select: { claimId: true },
  });
  return new Set(votes.map((vote) => vote.claimId));
}

/** A list's vote figures as the actor may see them (the count always; the rest only with seeFigures). */
export function summaryVotes(
  actor: MaybeActor,
  claim: ClaimState & { id: string },
  votedOn: ReadonlySet<string>,
  figures: { count: number; median: number | null; contested: boolean; awaitingConfirmation: number },
): ClaimSummaryDto["votes"] {
  const { seeFigures } = claimAbilities(actor, claim, { hasVoted: votedOn.has(claim.id) });
  const { count, awaitingConfirmation } = figures;
  return seeFigures
    ? { count, median: figures.median, contested: figures.contested, figuresHidden: false, awaitingConfirmation }
    : { count, median: null, contested: false, figuresHidden: true, awaitingConfirmation };
}

function hideFigures(aggregate: VoteAggregate): VoteAggregate {
  return countOnly(aggregate.count, []);
}

function toSummary(
  claim: Prisma.ClaimGetPayload<{ select: typeof summarySelect }>,
  actor: MaybeActor,
  votedOn: ReadonlySet<string>,
): ClaimSummaryDto {
  return {
    id: claim.id,
    slug: claim.slug,
    statement: claim.statement,
    status: claim.status,
    updatedAt: claim.updatedAt.toISOString(),
    people: claim.people.map((link) => ({ slug: link.person.slug, name: link.person.name, role: link.role })),
    evidenceCounts: { supports: claim.supportsCount, contradicts: claim.contradictsCount, context: claim.contextCount },
    lines: { supports: claim.supportsLines, contradicts: claim.contradictsLines },
    votes: summaryVotes(actor, claim, votedOn, {
      count: claim.voteCount,
      median: claim.voteMedian,
      contested: claim.contested,
      awaitingConfirmation: claim.votesAwaitingConfirmation,
    }),
  };
}

const ORDER: Record<typeof import("./schemas").CLAIM_SORTS[number], Prisma.ClaimOrderByWithRelationInput[]> = {
  recent: [{ updatedAt: "desc" }, { id: "asc" }],
  contested: [{ voteIqr: { sort: "desc", nulls: "last" } }, { voteCount: "desc" }, { id: "asc" }],
  least_evidence: [{ evidenceCount: "asc" }, { updatedAt: "desc" }, { id: "asc" }],
  confidence_desc: [{ voteMedian: { sort: "desc", nulls: "last" } }, { voteCount: "desc" }, { id: "asc" }],
  confidence_asc: [{ voteMedian: { sort: "asc", nulls: "last" } }, { voteCount: "desc" }, { id: "asc" }],
};

const FIGURE_SORTS: ReadonlySet<string> = new Set(["contested", "confidence_desc", "confidence_asc"]);

async function readClaimList(db: Db, actor: MaybeActor, input: unknown = {}): Promise<ClaimListDto> {
  const { q, person, status, page, pageSize, contested, noContradicting, minConfidence, maxConfidence, sort } =
    parseInput(ListClaimsSchema, input);
  if (minConfidence !== undefined && maxConfidence !== undefined && minConfidence > maxConfidence) {
    throw new AppError("INVALID", "minConfidence: must not be above maxConfidence", { field: "minConfidence" });
  }

  const conditions: Prisma.ClaimWhereInput[] = [visibleClaimsWhere(actor)];
  if (status) conditions.push({ status });
  if (q) {
    for (const term of foldText(q).split(" ").filter(Boolean).slice(0, 12)) {
      conditions.push({ statementNormalized: { contains: term } });
    }
  }
  if (person) conditions.push({ people: { some: { person: personMatchWhere(person) } } });
  if (contested) conditions.push({ contested: true });
  if (noContradicting) conditions.push({ contradictsCount: 0 });
  if (minConfidence !== undefined) conditions.push({ voteMedian: { gte: minConfidence } });
  if (maxConfidence !== undefined) conditions.push({ voteMedian: { lte: maxConfidence } });
  // Filtering or sorting by the team's figures would reveal them: for a member who has not voted,
  // such a list holds only the claims whose figures they may see.
  const byFigures = contested || minConfidence !== undefined || maxConfidence !== undefined || FIGURE_SORTS.has(sort);
  const figuresVisible = byFigures ? figuresVisibleWhere(actor) : null;
  if (figuresVisible) conditions.push(figuresVisible);
  const where: Prisma.ClaimWhereInput = { AND: conditions };

  const [total, claims] = await Promise.all([
    db.claim.count({ where }),
    db.claim.findMany({
      where,
      orderBy: ORDER[sort],
      skip: (page - 1) * pageSize,
      take: pageSize,
      select: summarySelect,
    }),
  ]);
  const votedOn = await claimsVotedOn(
    db,
    actor,
    claims.map((claim) => claim.id),
  );
  const items = claims.map((claim) => toSummary(claim, actor, votedOn));
  return { items, page, pageSize, total, totalPages: Math.max(1, Math.ceil(total / pageSize)) };
}

/**
 * Independent lines and passages for and against of the visible claims among `claimIds` (the
 * stored counts), for lists that read their claims elsewhere (a person's page).
 */
export async function listClaimLines(
  db: Db,
  actor: MaybeActor,
  claimIds: readonly string[],
): Promise<Map<string, { supports: SideTally; contradicts: SideTally }>> {
  if (claimIds.length === 0) return new Map();
  const claims = await db.claim.findMany({
    where: { AND: [{ id: { in: [...claimIds] } }, visibleClaimsWhere(actor)] },
    select: { id: true, supportsLines: true, supportsCount: true, contradictsLines: true, contradictsCount: true },
  });
  return new Map(
    claims.map((claim) => [
      claim.id,
      {
        supports: { lines: claim.supportsLines, passages: claim.supportsCount },
        contradicts: { lines: claim.contradictsLines, passages: claim.contradictsCount },
      },
    ]),
  );
}

/** A piece of evidence as the claim's own statement reads it: all but where its paragraph puts it. */
export type EvidenceCoreDto = Omit<EvidenceDto, "context" | "paragraphNumber">;

/**
 * A claim as one statement reads it: everything of ClaimDetailDto but each piece of evidence's
 * paragraph (its context and number), which takes a second statement (completeClaim). A page that
 * reads more about the claim starts those reads with the paragraphs' rather than after them.
 */
export type ClaimCoreDto = Omit<ClaimDetailDto, "evidence"> & { evidence: EvidenceCoreDto[] };

/**
 * A claim by id or slug, as this actor may see it, in one statement: its people, evidence (passage,
 * offsets, citation), vote aggregate and abilities (readClaim adds the paragraphs). `wording` is the
 * claim's current wording, which votes and their history are counted on.
 */
export async function readClaimCore(
  db: Db,
  actor: MaybeActor,
  input: unknown,
): Promise<{ claim: ClaimCoreDto; wording: number }> {
  const { claimId: idOrSlug } = parseInput(ClaimRefSchema, input);
  const claim = await db.claim.findFirst({
    where: { AND: [claimRefWhere(idOrSlug), visibleClaimsWhere(actor)] },
    select: {
      ...claimStateSelect,
      id: true,
      slug: true,
      statement: true,
      version: true,
      wording: true,
      mergedInto: { select: { slug: true, statement: true } },
      createdAt: true,
      updatedAt: true,
      author: { select: { id: true, name: true } },
      people: {
        select: { role: true, person: { select: { id: true, slug: true, name: true } } },
        orderBy: [{ role: "asc" }, { person: { name: "asc" } }],
      },
      evidence: {
        where: { removedAt: null },
        orderBy: [{ createdAt: "asc" }, { id: "asc" }],
        select: {
          id: true,
          stance: true,
          note: true,
          pinpoint: true,
          createdAt: true,
          origin: { select: { id: true, name: true, note: true } },
          addedBy: { select: { id: true, name: true } },
          passage: {
            select: {
              id: true,
              kind: true,
              start: true,
              end: true,
              text: true,
              prefix: true,
              suffix: true,
              source: { select: { ...citationSelect, versionNumber: true, supersededAt: true } },
            },
          },
          reanchors: {
            where: { status: { in: ["pending", "orphaned", "rejected"] } },
            orderBy: [{ createdAt: "desc" }, { id: "desc" }],
            take: 1,
            select: { status: true, reason: true, toSource: { select: { id: true, versionNumber: true } } },
          },
        },
      },
      // Whose votes, too: whether the actor has voted decides whether they see the figures.
      votes: { select: { value: true, userId: true, onEarlierWording: true } },
    },
  });
  if (!claim) throw new AppError("NOT_FOUND", `No claim "${idOrSlug}".`);
  const own = actor?.kind === "user" ? claim.votes.find((vote) => vote.userId === actor.id) : undefined;
  const abilities = claimAbilities(actor, claim, {
    hasVoted: own !== undefined && !own.onEarlierWording,
    onEarlierWording: own?.onEarlierWording ?? false,
  });
  // The figures are the current wording's; votes on an earlier one wait for their voters.
  const current = claim.votes.filter((vote) => !vote.onEarlierWording);
  const votes = aggregateVotes(current.map((vote) => vote.value));
  const awaitingConfirmation = claim.votes.length - current.length;
  const evidence = claim.evidence.map((item) => ({ ...item, originId: item.origin?.id ?? null }));
  return {
    wording: claim.wording,
    claim: {
      id: claim.id,
      slug: claim.slug,
      statement: claim.statement,
      status: claim.status,
      locked: claim.lockedAt !== null,
      version: claim.version,
      mergedInto: claim.mergedInto,
      author: claim.author,
      createdAt: claim.createdAt.toISOString(),
      updatedAt: claim.updatedAt.toISOString(),
      people: claim.people.map((link) => ({ ...link.person, role: link.role })),
      evidence: claim.evidence.map((item) => {
        const { source, ...passage } = item.passage;
        const citation = toCitation(source);
        const reanchor = source.supersededAt ? item.reanchors[0] : undefined;
        return {
          id: item.id,
          stance: item.stance,
          origin: item.origin,
          note: item.note,
          pinpoint: item.pinpoint,
          addedBy: item.addedBy,
          createdAt: item.createdAt.toISOString(),
          passage,
          source: citation,
          citation: formatCitation(citation, item.pinpoint),
          olderVersion: reanchor
            ? {
                versionNumber: source.versionNumber,
                newer: { sourceId: reanchor.toSource.id, versionNumber: reanchor.toSource.versionNumber },
                state: reanchor.status === "pending" ? ("waiting" as const) : ("lost" as const),
                reason: reanchor.reason,
              }
            : null,
        };
      }),
      lines: linesOfEvidence(evidence),
      votes: abilities.seeFigures
        ? { ...votes, figuresHidden: false, awaitingConfirmation }
        : { ...hideFigures(votes), figuresHidden: true, awaitingConfirmation },
      abilities,
    },
  };
}

/**
 * The claim of readClaimCore with the paragraph around each piece of evidence: the rest of the
 * paragraph on each side (up to 600 characters, for "show context") and its number, in one
 * statement that reads only the paragraphs holding a passage, never a whole source text.
 */
export async function completeClaim(db: Db, claim: ClaimCoreDto): Promise<ClaimDetailDto> {
  const paragraphs = claim.evidence.length
    ? await db.passage.findMany({
        where: {
          kind: "paragraph",
          OR: claim.evidence.map((item) => ({
            sourceId: item.source.sourceId,
            start: { lte: item.passage.start },
            end: { gte: item.passage.end },
          })),
        },
        select: { sourceId: true, start: true, end: true, text: true, ordinal: true },
      })
    : [];
  const paragraphOf = (sourceId: string, start: number, end: number) =>
    paragraphs.find((entry) => entry.sourceId === sourceId && entry.start <= start && entry.end >= end);
  const contextOf = (sourceId: string, start: number, end: number) => {
    const paragraph = paragraphOf(sourceId, start, end);
    if (!paragraph) return { before: "", after: "" };
    const before = paragraph.text.slice(0, start - paragraph.start);
    const after = paragraph.text.slice(end - paragraph.start);
    return {
      before: before.length > 600 ? `…${before.slice(-600)}` : before,
      after: after.length > 600 ? `${after.slice(0, 600)}…` : after,
    };
  };
  return {
    ...claim,
    evidence: claim.evidence.map((item) => {
      const { sourceId } = item.source;
      const { start, end } = item.passage;
      const paragraph = paragraphOf(sourceId, start, end);
      return {
        ...item,
        context: contextOf(sourceId, start, end),
        paragraphNumber: paragraph ? paragraph.ordinal + 1 : null,
      };
    }),
  };
}

/**
 * A claim by id or slug, with its people, evidence (passage, offsets, citation, context) and vote
 * aggregate, read now (getClaim is the same, remembered for anonymous readers).
 */
export async function readClaim(db: Db, actor: MaybeActor, input: unknown): Promise<ClaimDetailDto> {
  const { claim } = await readClaimCore(db, actor, input);
  return completeClaim(db, claim);
}

/** How many of the most recently changed claims about a claim's people are ranked for "related". */
const RELATED_CANDIDATES = 50;
/** Claims sharing two of its people are looked for among the pairs of its first few people. */
const RELATED_PAIR_PEOPLE = 6;

/**
 * Other visible claims about the same people, those sharing the most people first, then the most
 * recently changed. Ranked among the 50 claims about any of them most recently changed and the 50
 * most recent sharing at least two of them (of its first six people), both read at once: one round
 * trip, however many claims a person has. `personIds`: the claim's people, when the caller has read
 * them (else they are read first).
 */
export async function listRelatedClaims(
  db: Db,
  actor: MaybeActor,
  claimId: string,
  options: { personIds?: string[]; limit?: number } = {},
): Promise<ClaimSummaryDto[]> {
  const limit = options.limit ?? 10;
  const personIds =
    options.personIds ??
    (await db.claimPerson.findMany({ where: { claimId }, select: { personId: true } })).map((link) => link.personId);
  if (personIds.length === 0) return [];
  const select = {
    ...summarySelect,
    people: {
      select: { role: true, personId: true, person: { select: { slug: true, name: true } } },
      orderBy: { role: "asc" },
    },
    // Whether the reader voted on the current wording decides whether they see its figures.
    votes: {
      where: { userId: actor?.kind === "user" ? actor.id : "", onEarlierWording: false },
      select: { id: true },
      take: 1,
    },
  } satisfies Prisma.ClaimSelect;
  const others = { AND: [visibleClaimsWhere(actor), { id: { not: claimId } }] };
  const recent = [{ updatedAt: "desc" }, { id: "asc" }] satisfies Prisma.ClaimOrderByWithRelationInput[];
  const paired = personIds.slice(0, RELATED_PAIR_PEOPLE);
  const pairs = paired.flatMap((first, index) =>
    paired.slice(index + 1).map((second) => ({
      AND: [{ people: { some: { personId: first } } }, { people: { some: { personId: second } } }],
    })),
  );
  const [any, sharingTwo] = await Promise.all([
    db.claim.findMany({
      where: { AND: [others, { people: { some: { personId: { in: personIds } } } }] },
      orderBy: recent,
      take: RELATED_CANDIDATES,
      select,
    }),
    pairs.length
      ? db.claim.findMany({
          where: { AND: [others, { OR: pairs }] },
          orderBy: recent,
          take: RELATED_CANDIDATES,
          select,
        })
      : [],
  ]);
  const wanted = new Set(personIds);
  const candidates = new Map([...sharingTwo, ...any].map((claim) => [claim.id, claim]));
  const shared = (claim: (typeof any)[number]) => claim.people.filter((link) => wanted.has(link.personId)).length;
  const ranked = [...candidates.values()].sort(
    (a, b) => shared(b) - shared(a) || b.updatedAt.getTime() - a.updatedAt.getTime() || a.id.localeCompare(b.id),
  );
  const votedOn = new Set(ranked.filter((claim) => claim.votes.length > 0).map((claim) => claim.id));
  return ranked.slice(0, limit).map((claim) => toSummary(claim, actor, votedOn));
}

/** readClaim, remembered for anonymous readers (lib/cache/public-reads.ts). */
export const getClaim = cachedForAnonymous("getClaim", readClaim);

/** readClaimList, remembered for anonymous readers (lib/cache/public-reads.ts). */
export const listClaims = cachedForAnonymous("listClaims", readClaimList);
