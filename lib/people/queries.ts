import { visibleClaimsWhere } from "@/lib/claims/policy";
import { personMatchWhere } from "./match";
import { nameKey } from "./names";
import type { Db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import type { MaybeActor } from "@/lib/permissions";
import { foldText } from "@/lib/text/fold";
import { aggregateVotes } from "@/lib/votes/aggregate";

export type PersonSummaryDto = {
  id: string;
  slug: string;
  name: string;
  birthDate: string | null;
  deathDate: string | null;
  aliases: string[];
  claimCount: number;
};

export type PersonDetailDto = Omit<PersonSummaryDto, "claimCount"> & {
  description: string | null;
  claims: {
    id: string;
    slug: string;
    statement: string;
    status: string;
    role: string;
    votes: { count: number; median: number | null; contested: boolean };
  }[];
};

/** People, optionally filtered by any spelling (folded for case, accents and punctuation). */
export async function listPeople(db: Db, actor: MaybeActor, options: { q?: string } = {}): Promise<PersonSummaryDto[]> {
  const folded = options.q ? foldText(options.q) : "";
  const key = options.q ? nameKey(options.q) : "";
  const people = await db.person.findMany({
    // Any part of any spelling, as written or as transliterated differently ("Ezhov" finds Yezhov).
    where: folded ? { aliases: { some: { OR: [{ normalized: { contains: folded } }, ...(key ? [{ key: { contains: key } }] : [])] } } } : {},
    orderBy: { name: "asc" },
    take: 500,
    select: {
      id: true,
      slug: true,
      name: true,
      birthDate: true,
      deathDate: true,
      aliases: { select: { name: true, isPrimary: true }, orderBy: { name: "asc" } },
      claims: { where: { claim: visibleClaimsWhere(actor) }, select: { claimId: true } },
    },
  });
  return people.map((person) => ({
    id: person.id,
    slug: person.slug,
    name: person.name,
    birthDate: person.birthDate,
    deathDate: person.deathDate,
    aliases: person.aliases.filter((alias) => !alias.isPrimary).map((alias) => alias.name),
    claimCount: person.claims.length,
  }));
}

/** A person by slug (or any spelling of their name), with the claims about them. */
export async function getPerson(db: Db, actor: MaybeActor, slugOrName: string): Promise<PersonDetailDto> {
  const person = await db.person.findFirst({
    where: personMatchWhere(slugOrName),
    orderBy: { slug: "asc" },
    select: {
      id: true,
      slug: true,
      name: true,
      description: true,
      birthDate: true,
      deathDate: true,
      aliases: { select: { name: true, isPrimary: true }, orderBy: { name: "asc" } },
      claims: {
        where: { claim: visibleClaimsWhere(actor) },
        orderBy: { claim: { updatedAt: "desc" } },
        select: {
          role: true,
          claim: { select: { id: true, slug: true, statement: true, status: true, votes: { select: { value: true } } } },
        },
      },
    },
  });
  if (!person) throw new AppError("NOT_FOUND", `No person "${slugOrName}".`);
  return {
    id: person.id,
    slug: person.slug,
    name: person.name,
    description: person.description,
    birthDate: person.birthDate,
    deathDate: person.deathDate,
    aliases: person.aliases.filter((alias) => !alias.isPrimary).map((alias) => alias.name),
    claims: person.claims.map(({ role, claim }) => {
      const aggregate = aggregateVotes(claim.votes.map((vote) => vote.value));
      return {
        id: claim.id,
        slug: claim.slug,
        statement: claim.statement,
        status: claim.status,
        role,
        votes: { count: aggregate.count, median: aggregate.median, contested: aggregate.contested },
      };
    }),
  };
}
