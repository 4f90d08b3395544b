import type { Db } from "@/lib/db";
import { AppError, invalidFromZod } from "@/lib/errors";
import type { Prisma } from "@/lib/generated/sqlite/client";
import type { MaybeActor } from "@/lib/permissions";
import { citationSelect, formatCitation, toCitation, type CitationDto } from "@/lib/sources/citation";
import { foldText } from "@/lib/text/fold";
import { aggregateVotes, type VoteAggregate } from "@/lib/votes/aggregate";
import { visibleClaimsWhere } from "./policy";
import { ListClaimsSchema, type ListClaimsInput } from "./schemas";

export type StanceName = "supports" | "contradicts" | "context";

export type ClaimSummaryDto = {
  id: string;
  slug: string;
  statement: string;
  status: string;
  updatedAt: string;
  people: { slug: string; name: string; role: string }[];
  evidenceCounts: Record<StanceName, number>;
  votes: { count: number; median: number | null; contested: boolean };
};

export type ClaimListDto = { items: ClaimSummaryDto[]; page: number; pageSize: number; total: number; totalPages: number };

export type EvidenceDto = {
  id: string;
  stance: StanceName;
  note: string | null;
  pinpoint: string | null;
  addedBy: { id: string; name: string | null } | null;
  createdAt: string;
  passage: { id: string; kind: string; start: number; end: number; text: string; prefix: string; suffix: string };
  source: CitationDto;
  citation: string;
};

export type ClaimDetailDto = {
  id: string;
  slug: string;
  statement: string;
  status: string;
  locked: boolean;
  version: number;
  author: { id: string; name: string | null } | null;
  createdAt: string;
  updatedAt: string;
  people: { id: string; slug: string; name: string; role: string }[];
  evidence: EvidenceDto[];
  votes: VoteAggregate;
};

/** The person filter accepts a slug or any spelling of any alias. */
export function personMatchWhere(person: string): Prisma.PersonWhereInput {
  const folded = foldText(person);
  return { OR: [{ slug: person.toLowerCase() }, ...(folded ? [{ aliases: { some: { normalized: folded } } }] : [])] };
}

export async function listClaims(db: Db, actor: MaybeActor, input: ListClaimsInput = {}): Promise<ClaimListDto> {
  const parsed = ListClaimsSchema.safeParse(input);
  if (!parsed.success) throw invalidFromZod(parsed.error);
  const { q, person, status, page, pageSize } = parsed.data;

  const conditions: Prisma.ClaimWhereInput[] = [visibleClaimsWhere(actor)];
  if (status) conditions.push({ status });
  if (q) {
    for (const term of foldText(q).split(" ").filter(Boolean).slice(0, 12)) {
      conditions.push({ statementNormalized: { contains: term } });
    }
  }
  if (person) conditions.push({ people: { some: { person: personMatchWhere(person) } } });
  const where: Prisma.ClaimWhereInput = { AND: conditions };

  const [total, claims] = await Promise.all([
    db.claim.count({ where }),
    db.claim.findMany({
      where,
      orderBy: [{ updatedAt: "desc" }, { id: "asc" }],
      skip: (page - 1) * pageSize,
      take: pageSize,
      select: {
        id: true,
        slug: true,
        statement: true,
        status: true,
        updatedAt: true,
        people: { select: { role: true, person: { select: { slug: true, name: true } } }, orderBy: { role: "asc" } },
      },
    }),
  ]);
  const ids = claims.map((claim) => claim.id);
  const [stanceCounts, votes] = await Promise.all([
    ids.length ? db.evidence.groupBy({ by: ["claimId", "stance"], where: { claimId: { in: ids }, removedAt: null }, _count: { _all: true } }) : [],
    ids.length ? db.confidenceVote.findMany({ where: { claimId: { in: ids } }, select: { claimId: true, value: true } }) : [],
  ]);

  const items = claims.map((claim): ClaimSummaryDto => {
    const evidenceCounts: Record<StanceName, number> = { supports: 0, contradicts: 0, context: 0 };
    for (const row of stanceCounts) if (row.claimId === claim.id) evidenceCounts[row.stance] = row._count._all;
    const aggregate = aggregateVotes(votes.filter((vote) => vote.claimId === claim.id).map((vote) => vote.value));
    return {
      id: claim.id,
      slug: claim.slug,
      statement: claim.statement,
      status: claim.status,
      updatedAt: claim.updatedAt.toISOString(),
      people: claim.people.map((link) => ({ slug: link.person.slug, name: link.person.name, role: link.role })),
      evidenceCounts,
      votes: { count: aggregate.count, median: aggregate.median, contested: aggregate.contested },
    };
  });
  return { items, page, pageSize, total, totalPages: Math.max(1, Math.ceil(total / pageSize)) };
}

/** A claim by id or slug, with its people, evidence (passage, offsets, citation) and vote aggregate. */
export async function getClaim(db: Db, actor: MaybeActor, idOrSlug: string): Promise<ClaimDetailDto> {
  const claim = await db.claim.findFirst({
    where: { AND: [{ OR: [{ id: idOrSlug }, { slug: idOrSlug }] }, visibleClaimsWhere(actor)] },
    select: {
      id: true,
      slug: true,
      statement: true,
      status: true,
      lockedAt: true,
      version: true,
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
              source: { select: citationSelect },
            },
          },
        },
      },
      votes: { select: { value: true } },
    },
  });
  if (!claim) throw new AppError("NOT_FOUND", `No claim "${idOrSlug}".`);
  return {
    id: claim.id,
    slug: claim.slug,
    statement: claim.statement,
    status: claim.status,
    locked: claim.lockedAt !== null,
    version: claim.version,
    author: claim.author,
    createdAt: claim.createdAt.toISOString(),
    updatedAt: claim.updatedAt.toISOString(),
    people: claim.people.map((link) => ({ ...link.person, role: link.role })),
    evidence: claim.evidence.map((item) => {
      const { source, ...passage } = item.passage;
      const citation = toCitation(source);
      return {
        id: item.id,
        stance: item.stance,
        note: item.note,
        pinpoint: item.pinpoint,
        addedBy: item.addedBy,
        createdAt: item.createdAt.toISOString(),
        passage,
        source: citation,
        citation: formatCitation(citation, item.pinpoint),
      };
    }),
    votes: aggregateVotes(claim.votes.map((vote) => vote.value)),
  };
}
