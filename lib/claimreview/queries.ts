import "server-only";
import { claimAbilities, claimStateSelect } from "@/lib/claims/policy";
import { type ClaimCoreDto, type ClaimDetailDto, claimsVotedOn, getClaim } from "@/lib/claims/queries";
import { ClaimRefSchema } from "@/lib/claims/schemas";
import type { Db } from "@/lib/db";
import { publicUrl } from "@/lib/env";
import { AppError, parseInput } from "@/lib/errors";
import type { Prisma } from "@/lib/generated/sqlite/client";
import type { MaybeActor } from "@/lib/permissions";
import { getPublisher, type Publisher } from "@/lib/settings/publisher";
import { citationSelect, toCitation } from "@/lib/sources/citation";
import { buildClaimReview, type ClaimReviewDocument, type ClaimReviewItem } from "./build";

/** Only published claims are fact checks; drafts, pending, archived and merged claims have none. */
function isPublished(claim: { status: string; mergedInto?: unknown; mergedIntoId?: string | null }): boolean {
  return claim.status === "published" && !claim.mergedInto && !claim.mergedIntoId;
}

// A revision's `after` is the JSON of the fields it changed; a status set to published reads like
// this (JSON.stringify writes no spaces, and inside a JSON string the quotes would be escaped).
const PUBLISHES = '"status":"published"';

/**
 * When each claim was first published: the earliest applied revision that set its status to
 * published (its creation, for a moderator's claim; the review, for a contributor's). One query.
 */
async function firstPublishedAt(db: Db, claimIds: string[]): Promise<Map<string, string>> {
  if (claimIds.length === 0) return new Map();
  const rows = await db.revision.groupBy({
    by: ["claimId"],
    where: { claimId: { in: claimIds }, status: "approved", after: { contains: PUBLISHES } },
    _min: { reviewedAt: true, createdAt: true },
  });
  const result = new Map<string, string>();
  for (const row of rows) {
    const at = row._min.reviewedAt ?? row._min.createdAt;
    if (row.claimId && at) result.set(row.claimId, at.toISOString());
  }
  return result;
}

function fromDetail(claim: ClaimCoreDto): ClaimReviewItem {
  return {
    id: claim.id,
    slug: claim.slug,
    statement: claim.statement,
    updatedAt: claim.updatedAt,
    people: claim.people.map(({ slug, name, role }) => ({ slug, name, role })),
    votes: {
      count: claim.votes.count,
      median: claim.votes.median,
      iqr: claim.votes.iqr,
      contested: claim.votes.contested,
      figuresHidden: claim.votes.figuresHidden,
    },
    evidence: claim.evidence.map((item) => ({
      stance: item.stance,
      passage: { text: item.passage.text },
      source: item.source,
    })),
  };
}

/**
 * The ClaimReview of a claim already read for this reader (lib/claims/queries.ts readClaimCore or
 * getClaim, so its figures are those this reader may see), or null when it is not published.
 */
export async function claimReviewOf(db: Db, claim: ClaimCoreDto): Promise<ClaimReviewDocument | null> {
  if (!isPublished(claim)) return null;
  const [publisher, published] = await Promise.all([getPublisher(db), firstPublishedAt(db, [claim.id])]);
  return buildClaimReview(fromDetail(claim), {
    origin: publicUrl(),
    publisher,
    datePublished: published.get(claim.id) ?? claim.createdAt,
  });
}

/** GET /api/claims/{id}/claimreview: a published claim's ClaimReview; anything else is not found. */
export async function getClaimReview(db: Db, actor: MaybeActor, input: unknown): Promise<ClaimReviewDocument> {
  const { claimId } = parseInput(ClaimRefSchema, input);
  let claim: ClaimDetailDto | null = null;
  try {
    claim = await getClaim(db, actor, { claimId });
  } catch (error) {
    if (!(error instanceof AppError && error.code === "NOT_FOUND")) throw error;
  }
  const review = claim ? await claimReviewOf(db, claim) : null;
  if (!review) throw new AppError("NOT_FOUND", `No published claim "${claimId}".`);
  return review;
}

const feedSelect = {
  ...claimStateSelect,
  id: true,
  slug: true,
  statement: true,
  createdAt: true,
  updatedAt: true,
  voteCount: true,
  voteMedian: true,
  voteIqr: true,
  contested: true,
  people: {
    select: { role: true, person: { select: { slug: true, name: true } } },
    orderBy: [{ role: "asc" }, { person: { name: "asc" } }],
  },
  evidence: {
    where: { removedAt: null },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    select: { stance: true, passage: { select: { text: true, source: { select: citationSelect } } } },
  },
} satisfies Prisma.ClaimSelect;

type FeedRow = Prisma.ClaimGetPayload<{ select: typeof feedSelect }>;

function fromRow(claim: FeedRow, actor: MaybeActor, votedOn: ReadonlySet<string>): ClaimReviewItem {
  // The figures stored on the claim are the vote aggregate's (lib/claims/stats.ts), kept current in
  // every vote's transaction; who may see them is the claim page's rule.
  const { seeFigures } = claimAbilities(actor, claim, { hasVoted: votedOn.has(claim.id) });
  return {
    id: claim.id,
    slug: claim.slug,
    statement: claim.statement,
    updatedAt: claim.updatedAt.toISOString(),
    people: claim.people.map((link) => ({ slug: link.person.slug, name: link.person.name, role: link.role })),
    votes: seeFigures
      ? {
          count: claim.voteCount,
          median: claim.voteMedian,
          iqr: claim.voteIqr,
          contested: claim.contested,
          figuresHidden: false,
        }
      : { count: claim.voteCount, median: null, iqr: null, contested: false, figuresHidden: true },
    evidence: claim.evidence.map((item) => ({
      stance: item.stance,
      passage: { text: item.passage.text },
      source: toCitation(item.passage.source),
    })),
  };
}

export const FEED_PAGE_SIZE = 100;

/**
 * Every published claim's ClaimReview, in id order, read a page at a time (keyset on the id) so a
 * feed of any size holds one page in memory: GET /api/claimreview.jsonl streams it line by line.
 */
export async function* claimReviewFeed(
  db: Db,
  actor: MaybeActor,
  options: { pageSize?: number } = {},
): AsyncGenerator<ClaimReviewDocument> {
  const pageSize = options.pageSize ?? FEED_PAGE_SIZE;
  const origin = publicUrl();
  let publisher: Publisher | undefined;
  let after: string | undefined;
  for (;;) {
    const claims = await db.claim.findMany({
      where: { status: "published", mergedIntoId: null, ...(after ? { id: { gt: after } } : {}) },
      orderBy: { id: "asc" },
      take: pageSize,
      select: feedSelect,
    });
    if (claims.length === 0) return;
    const ids = claims.map((claim) => claim.id);
    const [votedOn, published] = await Promise.all([claimsVotedOn(db, actor, ids), firstPublishedAt(db, ids)]);
    publisher ??= await getPublisher(db);
    for (const claim of claims) {
      yield buildClaimReview(fromRow(claim, actor, votedOn), {
        origin,
        publisher,
        datePublished: published.get(claim.id) ?? claim.createdAt.toISOString(),
      });
    }
    if (claims.length < pageSize) return;
    after = ids[ids.length - 1];
  }
}
