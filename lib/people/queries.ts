import "server-only";
import { cachedForAnonymous } from "@/lib/cache/public-reads";
import { claimStateSelect, visibleClaimsWhere } from "@/lib/claims/policy";
import { type ClaimSummaryDto, summaryVotes } from "@/lib/claims/queries";
import type { Db } from "@/lib/db";
import { AppError, parseInput } from "@/lib/errors";
import type { MaybeActor } from "@/lib/permissions";
import { foldText } from "@/lib/text/fold";
import { aggregateVotes } from "@/lib/votes/aggregate";
import { detectMentions } from "./detect";
import { personMatchWhere } from "./match";
import { type ClaimPersonRole, peopleInOrder } from "./named";
import { nameKeyReadings } from "./names";
import { ListPeopleSchema, PeopleNamedInSchema, PersonRefSchema } from "./schemas";

export type PersonSummaryDto = {
  id: string;
  slug: string;
  name: string;
  birthDate: string | null;
  deathDate: string | null;
  aliases: string[];
  claimCount: number;
  /** The spelling that matched the search when it is not the name itself ("Dzhugashvili" for Joseph Stalin). */
  matched: string | null;
};

export type PersonDetailDto = Omit<PersonSummaryDto, "claimCount" | "matched"> & {
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

/**
 * What a typed name matches: any part of any spelling, as written (folded for case, accents and
 * punctuation) or as romanized another way. One rule, used as the query's filter and to tell which
 * spelling of a found person matched.
 */
function nameSearch(q: string) {
  const folded = foldText(q);
  const keys = folded ? nameKeyReadings(q) : [];
  return {
    where: { OR: [{ normalized: { contains: folded } }, ...keys.map((key) => ({ key: { contains: key } }))] },
    matches: (alias: { normalized: string; key: string }) =>
      alias.normalized.includes(folded) || keys.some((key) => alias.key.includes(key)),
    folded,
  };
}

/** People, optionally filtered by any spelling (folded for case, accents and punctuation), by name. */
export async function listPeople(db: Db, actor: MaybeActor, input: unknown = {}): Promise<PersonSummaryDto[]> {
  const { q, limit } = parseInput(ListPeopleSchema, input);
  const search = q ? nameSearch(q) : null;
  const people = await db.person.findMany({
    // Any part of any spelling, as written or as romanized another way: "Ezhov", "Ežov", "Jeschow"
    // (German) and "Iejov" (French) all find Yezhov.
    where: search?.folded ? { aliases: { some: search.where } } : {},
    orderBy: { name: "asc" },
    take: limit,
    select: {
      id: true,
      slug: true,
      name: true,
      birthDate: true,
      deathDate: true,
      aliases: {
        select: { name: true, isPrimary: true, normalized: true, key: true },
        orderBy: { name: "asc" },
      },
      claims: { where: { claim: visibleClaimsWhere(actor) }, select: { claimId: true } },
    },
  });
  return people.map((person) => {
    // The name itself when it matches; otherwise the first other spelling that does.
    const matching = search?.folded ? person.aliases.filter(search.matches) : [];
    const matched = matching.some((alias) => alias.isPrimary) ? null : (matching[0]?.name ?? null);
    return {
      id: person.id,
      slug: person.slug,
      name: person.name,
      birthDate: person.birthDate,
      deathDate: person.deathDate,
      aliases: person.aliases.filter((alias) => !alias.isPrimary).map((alias) => alias.name),
      claimCount: person.claims.length,
      matched: matched === person.name ? null : matched,
    };
  });
}

export type NamedPersonDto = {
  id: string;
  slug: string;
  name: string;
  /** The words of the text that name them ("Stalin", "Sergei Kirov"). */
  surface: string;
  /** The role to offer: the first person named other than in a possessive is the subject. */
  role: ClaimPersonRole;
  /** Only a surname other known people share names them: it may mean someone else. */
  ambiguous: boolean;
};

/**
 * The known people a text names under any of their spellings (lib/people/detect.ts), in the order
 * it names them, each with a suggested role (lib/people/named.ts): what the claim forms offer to
 * add while the statement is typed. Public, like the people themselves.
 */
export async function peopleNamedIn(db: Db, _actor: MaybeActor, input: unknown): Promise<NamedPersonDto[]> {
  const { text } = parseInput(PeopleNamedInSchema, input);
  // Every person's spellings, as findSimilarClaims reads them: detection needs them all at hand.
  const people = await db.person.findMany({
    select: { id: true, slug: true, name: true, aliases: { select: { name: true, key: true } } },
  });
  const byId = new Map(people.map((person) => [person.id, person]));
  return peopleInOrder(text, detectMentions(text, people)).flatMap((named) => {
    const person = byId.get(named.personId);
    return person
      ? [
          {
            id: person.id,
            slug: person.slug,
            name: person.name,
            surface: named.surface,
            role: named.role,
            ambiguous: named.ambiguous,
          },
        ]
      : [];
  });
}

/** A person by slug (or any spelling of their name), with the claims about them. */
export async function readPerson(db: Db, actor: MaybeActor, input: unknown): Promise<PersonDetailDto> {
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

/** How many of a person's latest changes the history lists. */
const HISTORY_SHOWN = 100;

/**
 * What happened to a person, newest first: creation, merges (with the removed person's own
 * earlier history) and splits. Public, like the person page.
 */
export async function listPersonHistory(db: Db, personId: string): Promise<PersonHistoryEntryDto[]> {
  const select = { id: true, action: true, data: true, createdAt: true, actor: { select: { name: true } } };
  const newestFirst = [{ createdAt: "desc" as const }, { id: "desc" as const }];
  const ids = new Set([personId]);
  const events: { id: string; action: string; data: string; createdAt: Date; actor: { name: string | null } | null }[] =
    [];
  const mergedIn = (rows: { action: string; data: string }[]) =>
    rows
      .filter((event) => event.action === "person.merge")
      .map((event) => (JSON.parse(event.data) as { merged?: { id?: string } }).merged?.id)
      .filter((id): id is string => !!id && !ids.has(id));
  // The person's own events hold its merges, whose removed people's history is part of this one:
  // one statement for a person nobody was merged into, one more per generation of merges.
  for (let frontier = [personId]; frontier.length > 0; ) {
    const batch = await db.auditEvent.findMany({
      where: { entityType: "Person", entityId: { in: frontier }, action: { startsWith: "person." } },
      orderBy: newestFirst,
      take: HISTORY_SHOWN,
      select,
    });
    events.push(...batch);
    // A full batch may have left out older merges: those are read on their own.
    const merges =
      batch.length < HISTORY_SHOWN
        ? batch
        : await db.auditEvent.findMany({
            where: { action: "person.merge", entityType: "Person", entityId: { in: frontier } },
            select: { action: true, data: true },
          });
    frontier = [...new Set(mergedIn(merges))];
    for (const id of frontier) ids.add(id);
  }
  events.sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime() || b.id.localeCompare(a.id));
  return events.slice(0, HISTORY_SHOWN).map((event) => ({
    id: event.id,
    action: event.action,
    summary: historySummary(event.action, JSON.parse(event.data) as Record<string, unknown>),
    at: event.createdAt.toISOString(),
    actorName: event.actor ? (event.actor.name ?? "a member") : null,
  }));
}

/** readPerson, remembered for anonymous readers (lib/cache/public-reads.ts). */
export const getPerson = cachedForAnonymous("getPerson", readPerson);
