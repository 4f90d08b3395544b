import "server-only";
import type { Db } from "@/lib/db";
import { parseInput } from "@/lib/errors";
import { detectMentions, type KnownPerson } from "@/lib/people/detect";
import { surnameKeys } from "@/lib/people/names";
import type { MaybeActor } from "@/lib/permissions";
import { findDocuments } from "@/lib/search/backend";
import { conceptOf, isStopWord, retrievalTermsOf } from "@/lib/search/concepts";
import { claimVisibilityFor } from "@/lib/search/queries";
import type { QueryTerm } from "@/lib/search/query";
import { conceptsRelatedTo } from "@/lib/search/related";
import { keyedWords } from "@/lib/search/text";
import { SimilarClaimsSchema } from "./schemas";

export type SimilarClaimDto = {
  id: string;
  slug: string;
  statement: string;
  status: string;
  /** 0–1: the share of people and meanings the two statements have in common. */
  similarity: number;
  shared: string[];
  /** One of the two denies what the other says ("did not order"): the same question, answered the other way. */
  opposite: boolean;
};

// Past this share of common meaning (Dice's coefficient), two statements are shown as possible duplicates.
const SIMILAR_ENOUGH = 0.5;
// A word WordNet relates to one of the other statement's counts for this much of a shared word:
// related is weaker evidence of the same meaning than the same word.
const RELATED_WORD_CREDIT = 0.6;
const CANDIDATES = 100;
const NEGATION = /\b(?:not|no|never|nor|neither|nobody|none|cannot)\b|\w+n['’]t\b/i;
// A negation that sets an alternative aside affirms the rest ("died a natural death and not at the
// NKVD's hands", "rather than", "instead of"), and one inside "with no…" describes ("a lone gunman
// with no accomplices"): neither denies what the statement says.
const ALTERNATIVE_SET_ASIDE =
  /(?:,\s*|\b(?:and|but)\s+)not\b[^,;.]*|\b(?:rather than|instead of|as opposed to|not only)\b[^,;.]*|\bwith no\b/gi;

/** Whether a statement denies what it says, negations that set an alternative aside apart. */
function deniesItself(text: string): boolean {
  return NEGATION.test(text.replace(ALTERNATIVE_SET_ASIDE, " "));
}

// "Kirov was killed…", "Kirov had been shot…": the person the statement opens with underwent what it says.
const BE = new Set(
  ["is", "are", "was", "were", "been", "being", "be", "had", "has", "have", "got"].map(
    (word) => keyedWords(word)[0]!.key,
  ),
);
const IRREGULAR_PARTICIPLES = new Set(
  "shot slain hit struck put held led sent caught brought found told beaten thrown set made kept left lost taken given seen sold bought".split(
    " ",
  ),
);
const isParticiple = (word: string) => /(?:ed|en)$/i.test(word) || IRREGULAR_PARTICIPLES.has(word.toLowerCase());
const BY = keyedWords("by")[0]!.key;

type Meaning = {
  concepts: Map<string, string>;
  negated: boolean;
  /** The person named before the statement's first other word of meaning: who the statement says acted. */
  agent: string | null;
};

/** What a statement says, as concepts: its people (whatever the spelling) and its other words' meanings. */
function meaningOf(text: string, people: KnownPerson[]): Meaning {
  const concepts = new Map<string, string>();
  const mentioned = detectMentions(text, people).filter((mention) => mention.status === "attached");
  const nameWords = new Set(mentioned.flatMap((mention) => keyedWords(mention.surface).map((word) => word.key)));
  for (const mention of mentioned) concepts.set(`person:${mention.personId}`, mention.surface);
  const surnames = new Map(
    mentioned.map((mention) => [keyedWords(mention.surface).at(-1)?.key ?? "", `person:${mention.personId}`]),
  );
  const words = keyedWords(text);
  for (const word of words) {
    if (nameWords.has(word.key) || isStopWord(word.key)) continue;
    const concept = conceptOf(word.key);
    if (!concepts.has(concept)) concepts.set(concept, text.slice(word.start, word.end));
  }
  // Who acted: a person the statement opens with ("Stalin ordered…"), unless another follows with
  // "and" or "or" ("Stalin and Kirov were friends" names no one as acting on the other).
  // A possessive ("Trotsky's son…", "Sedov's death…") names whose thing the statement is about,
  // not who acted; in the passive ("Kirov was killed by…") the actor follows "by", if named.
  let agent: string | null = null;
  const mainStart = mainClauseStart(text);
  let opening = mainStart;
  while (opening < words.length && nameWords.has(words[opening]!.key)) opening++;
  const joined = words[opening]?.key;
  const surface = (at: number) => (words[at] ? text.slice(words[at]!.start, words[at]!.end) : "");
  const possessive = opening > 0 && /['’]s?$/.test(surface(opening - 1));
  const passive =
    joined !== undefined &&
    BE.has(joined) &&
    (isParticiple(surface(opening + 1)) ||
      (BE.has(words[opening + 1]?.key ?? "") && isParticiple(surface(opening + 2))));
  if (passive) {
    const by = words.findIndex((word, at) => at > opening && word.key === BY);
    if (by !== -1) agent = surnames.get(words[by + 1]?.key ?? "") ?? surnames.get(words[by + 2]?.key ?? "") ?? null;
  } else if (opening > mainStart && !possessive && joined !== AND && joined !== OR) {
    agent = surnames.get(words[opening - 1]!.key) ?? null;
  }
  return { concepts, negated: deniesItself(text), agent };
}

// Words that open a clause of time or cause before the main one ("After Stalin died, Serov turned on…").
const SUBORDINATE_OPENERS = new Set(
  keyedWords("after before when while once since until although though because if as").map((word) => word.key),
);

/**
 * The position (in keyed words) where a statement's main clause starts: after the comma of an
 * opening clause of time or cause ("After Stalin died, Serov turned on his patron Beria": 3), else 0.
 * The main clause names who acted.
 */
export function mainClauseStart(statement: string): number {
  const words = keyedWords(statement);
  if (!SUBORDINATE_OPENERS.has(words[0]?.key ?? "")) return 0;
  const comma = statement.indexOf(",");
  return comma === -1 ? 0 : words.filter((word) => word.end <= comma).length;
}

const AND = keyedWords("and")[0]!.key;
const OR = keyedWords("or")[0]!.key;

// People count double: two claims about different people are different claims.
const weight = (concept: string) => (concept.startsWith("person:") ? 2 : 1);
const total = (concepts: Iterable<string>) => [...concepts].reduce((sum, concept) => sum + weight(concept), 0);

/** How alike two statements' meanings are, or null when they make different claims or share too little. */
function compareMeanings(
  wanted: Meaning,
  theirs: Meaning,
): { similarity: number; shared: string[]; opposite: boolean } | null {
  // Another claim, not a duplicate: someone else acting ("Yezhov arranged the killing" against
  // "Yagoda arranged it", or the roles swapped: "Kirov ordered Stalin's murder"), or each naming
  // someone the other does not ("Stalin and Zinoviev were friends" against "Kirov and Stalin").
  const otherAgent = wanted.agent !== null && theirs.agent !== null && wanted.agent !== theirs.agent;
  const peopleOnlyIn = (a: Meaning, b: Meaning) =>
    [...a.concepts.keys()].some((concept) => concept.startsWith("person:") && !b.concepts.has(concept));
  if (otherAgent || (peopleOnlyIn(wanted, theirs) && peopleOnlyIn(theirs, wanted))) return null;
  const shared = [...wanted.concepts.keys()].filter((concept) => theirs.concepts.has(concept));
  // Words WordNet relates ("genuine" and "real", "crash" and "accident") count, for less than the same word.
  const unmatchedTheirs = [...theirs.concepts.keys()].filter((concept) => !wanted.concepts.has(concept));
  let relatedWeight = 0;
  const related: string[] = [];
  for (const [concept, surface] of wanted.concepts) {
    if (concept.startsWith("person:") || theirs.concepts.has(concept)) continue;
    const partner = unmatchedTheirs.find(
      (other) =>
        !other.startsWith("person:") &&
        (conceptsRelatedTo(surface).has(other) || conceptsRelatedTo(theirs.concepts.get(other)!).has(concept)),
    );
    if (!partner) continue;
    unmatchedTheirs.splice(unmatchedTheirs.indexOf(partner), 1);
    relatedWeight += RELATED_WORD_CREDIT;
    related.push(theirs.concepts.get(partner)!);
  }
  // Dice's coefficient: what the two share against what each says (Jaccard's union punished a
  // paraphrase for every word it adds).
  const sharedWeight = total(shared) + relatedWeight;
  const similarity = (2 * sharedWeight) / (total(wanted.concepts.keys()) + total(theirs.concepts.keys()));
  if (similarity < SIMILAR_ENOUGH) return null;
  return {
    similarity: Math.round(similarity * 100) / 100,
    shared: [...shared.map((concept) => theirs.concepts.get(concept)!), ...related],
    opposite: wanted.negated !== theirs.negated,
  };
}

/**
 * Whether two statements say nearly the same thing (or its opposite), as findSimilarClaims judges
 * it, without a search: for comparing a claim with claims already at hand.
 */
export function compareStatements(
  statement: string,
  other: string,
  people: KnownPerson[],
): { similarity: number; shared: string[]; opposite: boolean } | null {
  return compareMeanings(meaningOf(statement, people), meaningOf(other, people));
}

export type KnownPersonRow = { id: string; aliases: { name: string; key: string }[] };

/** Every person with the spellings of their name, to find them in a statement (meaningOf). */
export async function readKnownPeople(db: Db): Promise<KnownPersonRow[]> {
  return db.person.findMany({ select: { id: true, aliases: { select: { name: true, key: true } } } });
}

/**
 * Existing claims that say nearly the same thing as a text being typed ("Stalin was behind
 * the killing of Kirov" when "Stalin ordered Kirov's murder" exists): the same people under
 * any spelling, and the same meaning through common synonyms, compared as sets.
 */
export async function findSimilarClaims(
  db: Db,
  actor: MaybeActor,
  input: unknown,
  known: { people?: Promise<KnownPersonRow[]> } = {},
): Promise<SimilarClaimDto[]> {
  const { text, limit, exclude } = parseInput(SimilarClaimsSchema, input);
  const people = await (known.people ?? readKnownPeople(db));
  const wanted = meaningOf(text, people);
  if (wanted.concepts.size === 0) return [];

  // Candidates: claims naming any of the same people (a duplicate always does), or, for a
  // statement naming nobody, claims sharing any meaning's words.
  const terms: QueryTerm[] = [];
  const personIds = [...wanted.concepts.keys()].filter((concept) => concept.startsWith("person:"));
  for (const concept of personIds) {
    const person = people.find((candidate) => `person:${candidate.id}` === concept);
    for (const surname of surnameKeys(person?.aliases ?? [], 3))
      terms.push({ words: [surname], prefix: false, phrase: false });
  }
  if (personIds.length === 0) {
    for (const concept of wanted.concepts.keys()) {
      for (const { word, prefix } of retrievalTermsOf(concept)) terms.push({ words: [word], prefix, phrase: false });
    }
  }
  // Each candidate's claim is read in the search's own statement (its details).
  const { hits } = await findDocuments(db, {
    query: { terms: [] },
    anyOf: [terms],
    kinds: ["claim"],
    claimVisibility: claimVisibilityFor(actor),
    excludeRefIds: exclude ? [exclude] : [],
    details: true,
    limit: CANDIDATES,
    offset: 0,
  });
  const claims = hits.flatMap((hit) => {
    const details = hit.details;
    // A claim merged into another is not a duplicate to warn about: its target is.
    if (details?.kind !== "claim" || details.mergedIntoId !== null) return [];
    if (exclude && (hit.refId === exclude || details.slug === exclude)) return [];
    return [{ id: hit.refId, slug: details.slug, statement: details.statement, status: details.status }];
  });

  const results: SimilarClaimDto[] = [];
  for (const claim of claims) {
    const relation = compareMeanings(wanted, meaningOf(claim.statement, people));
    if (!relation) continue;
    results.push({ ...claim, ...relation });
  }
  return results.sort((a, b) => b.similarity - a.similarity || a.statement.localeCompare(b.statement)).slice(0, limit);
}
