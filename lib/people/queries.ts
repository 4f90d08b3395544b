import "server-only";
import { claimStateSelect, visibleClaimsWhere } from "@/lib/claims/policy";
import { type ClaimSummaryDto, summaryVotes } from "@/lib/claims/queries";
import type { Db } from "@/lib/db";
import { AppError, parseInput } from "@/lib/errors";
import type { MaybeActor } from "@/lib/permissions";
import { foldText } from "@/lib/text/fold";
import { aggregateVotes } from "@/lib/votes/aggregate";
import { personMatchWhere } from "./match";
import { nameKeyReadings } from "./names";
import { ListPeopleSchema, PersonRefSchema } from "./schemas";

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
    votes: ClaimSummaryDto["votes"];
  }[];
};

/** People, optionally filtered by any spelling (folded for case, accents and punctuation). */
export async function listPeople(db: Db, actor: MaybeActor, input: unknown = {}): Promise<PersonSummaryDto[]> {
  const { q } = parseInput(ListPeopleSchema, input);
  const folded = q ? foldText(q) : "";
  const keys = q ? nameKeyReadings(q) : [];
  const people = await db.person.findMany({
    // Any part of any spelling, as written or as romanized another way: "Ezhov", "Ežov", "Jeschow"
    // (German) and "Iejov" (French) all find Yezhov.
    where: folded
      ? {
          aliases: {
            some: { OR: [{ normalized: { contains: folded } }, ...keys.map((key) => ({ key: { contains: key } }))] },
          },
        }
      : {},
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
export async function getPerson(db: Db, actor: MaybeActor, input: unknown): Promise<PersonDetailDto> {
  const { slug: slugOrName } = parseInput(PersonRefSchema, input);
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
          claim: {
            select: {
              ...claimStateSelect,
              id: true,
              slug: true,
              statement: true,
              votes: { select: { value: true, userId: true, onEarlierWording: true } },
            },
          },
        },
      },
    },
  });
  if (!person) throw new AppError("NOT_FOUND", `No person "${slugOrName}".`);
  const userId = actor?.kind === "user" ? actor.id : null;
  const votedOn = new Set(
    person.claims
      .filter(({ claim }) => claim.votes.some((vote) => vote.userId === userId && !vote.onEarlierWording))
      .map(({ claim }) => claim.id),
  );
  return {
    id: person.id,
    slug: person.slug,
    name: person.name,
    description: person.description,
    birthDate: person.birthDate,
    deathDate: person.deathDate,
    aliases: person.aliases.filter((alias) => !alias.isPrimary).map((alias) => alias.name),
    claims: person.claims.map(({ role, claim }) => {
      // The current wording's votes, as on the claim page; those on an earlier one wait apart.
      const current = claim.votes.filter((vote) => !vote.onEarlierWording);
      const aggregate = {
        ...aggregateVotes(current.map((vote) => vote.value)),
        awaitingConfirmation: claim.votes.length - current.length,
      };
      return {
        id: claim.id,
        slug: claim.slug,
        statement: claim.statement,
        status: claim.status,
        role,
        votes: summaryVotes(actor, claim, votedOn, aggregate),
      };
    }),
  };
}

export type PersonHistoryEntryDto = {
  id: string;
  action: string;
  summary: string;
  at: string;
  actorName: string | null;
};

function historySummary(action: string, data: Record<string, unknown>): string {
  const merged = data.merged as
    | { name?: string; aliases?: string[]; claims?: unknown[]; mentions?: unknown[] }
    | undefined;
  switch (action) {
    case "person.create":
      return `Created with the spellings ${((data.aliases as string[] | undefined) ?? []).join(", ")}`;
    case "person.merge":
      return `Merged in ${merged?.name ?? "a duplicate"} (${merged?.aliases?.length ?? 0} spellings, ${merged?.claims?.length ?? 0} claims, ${merged?.mentions?.length ?? 0} mentions)`;
    case "person.split": {
      const from = data.from as { name?: string } | undefined;
      const to = data.to as { name?: string } | undefined;
      return `Spelling “${String(data.alias)}” split off from ${from?.name ?? "?"} as ${to?.name ?? "?"}`;
    }
    case "person.suggestion.accept":
      return `Added from a suggested name (“${String(data.name)}”)`;
    default:
      return action;
  }
}

/**
 * What happened to a person, newest first: creation, merges (with the removed person's own
 * earlier history) and splits. Public, like the person page.
 */
export async function listPersonHistory(db: Db, personId: string): Promise<PersonHistoryEntryDto[]> {
  const ids = new Set([personId]);
  // Follow merges back: the removed person's history is part of this one.
  for (let frontier = [personId]; frontier.length > 0; ) {
    const merges = await db.auditEvent.findMany({
      where: { action: "person.merge", entityType: "Person", entityId: { in: frontier } },
      select: { data: true },
    });
    frontier = merges
      .map((event) => (JSON.parse(event.data) as { merged?: { id?: string } }).merged?.id)
      .filter((id): id is string => !!id && !ids.has(id));
    for (const id of frontier) ids.add(id);
  }
  const events = await db.auditEvent.findMany({
    where: { entityType: "Person", entityId: { in: [...ids] }, action: { startsWith: "person." } },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: 100,
    select: { id: true, action: true, data: true, createdAt: true, actor: { select: { name: true, email: true } } },
  });
  return events.map((event) => ({
    id: event.id,
    action: event.action,
    summary: historySummary(event.action, JSON.parse(event.data) as Record<string, unknown>),
    at: event.createdAt.toISOString(),
    actorName: event.actor ? (event.actor.name ?? "a member") : null,
  }));
}
