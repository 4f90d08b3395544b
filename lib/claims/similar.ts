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

// Past this share of common meaning, two statements are shown as possible duplicates.
const SIMILAR_ENOUGH = 0.5;
const CANDIDATES = 100;
const NEGATION = /\b(?:not|no|never|nor|neither|nobody|none|cannot)\b|\w+n['’]t\b/i;

type Meaning = { concepts: Map<string, string>; negated: boolean };

/** What a statement says, as concepts: its people (whatever the spelling) and its other words' meanings. */
function meaningOf(text: string, people: KnownPerson[]): Meaning {
  const concepts = new Map<string, string>();
  const mentioned = detectMentions(text, people).filter((mention) => mention.status === "attached");
  const nameWords = new Set(mentioned.flatMap((mention) => keyedWords(mention.surface).map((word) => word.key)));
  for (const mention of mentioned) concepts.set(`person:${mention.personId}`, mention.surface);
  for (const word of keyedWords(text)) {
    if (nameWords.has(word.key) || isStopWord(word.key)) continue;
    const concept = conceptOf(word.key);
    if (!concepts.has(concept)) concepts.set(concept, text.slice(word.start, word.end));
  }
  return { concepts, negated: NEGATION.test(text) };
}

/**
 * Existing claims that say nearly the same thing as a text being typed ("Stalin was behind
 * the killing of Kirov" when "Stalin ordered Kirov's murder" exists): the same people under
 * any spelling, and the same meaning through common synonyms, compared as sets.
 */
export async function findSimilarClaims(db: Db, actor: MaybeActor, input: unknown): Promise<SimilarClaimDto[]> {
  const { text, limit, exclude } = parseInput(SimilarClaimsSchema, input);
  const people = await db.person.findMany({ select: { id: true, aliases: { select: { name: true, key: true } } } });
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
  const { hits } = await findDocuments(db, {
    query: { terms: [] },
    anyOf: [terms],
    kinds: ["claim"],
    claimVisibility: claimVisibilityFor(actor),
    excludeRefIds: exclude ? [exclude] : [],
    limit: CANDIDATES,
    offset: 0,
  });
  if (hits.length === 0) return [];
  const claims = await db.claim.findMany({
    // A claim merged into another is not a duplicate to warn about: its target is.
    where: {
      id: { in: hits.map((hit) => hit.refId) },
      mergedIntoId: null,
      ...(exclude ? { NOT: { OR: [{ id: exclude }, { slug: exclude }] } } : {}),
    },
    select: { id: true, slug: true, statement: true, status: true },
  });

  const results: SimilarClaimDto[] = [];
  for (const claim of claims) {
    const theirs = meaningOf(claim.statement, people);
    const shared = [...wanted.concepts.keys()].filter((concept) => theirs.concepts.has(concept));
    const union = new Set([...wanted.concepts.keys(), ...theirs.concepts.keys()]);
    // People count double: two claims about different people are different claims.
    const weight = (concept: string) => (concept.startsWith("person:") ? 2 : 1);
    const sharedWeight = shared.reduce((sum, concept) => sum + weight(concept), 0);
    const unionWeight = [...union].reduce((sum, concept) => sum + weight(concept), 0);
    const similarity = unionWeight > 0 ? sharedWeight / unionWeight : 0;
    if (similarity < SIMILAR_ENOUGH) continue;
    results.push({
      ...claim,
      similarity: Math.round(similarity * 100) / 100,
      shared: shared.map((concept) => theirs.concepts.get(concept)!),
      opposite: wanted.negated !== theirs.negated,
    });
  }
  return results.sort((a, b) => b.similarity - a.similarity || a.statement.localeCompare(b.statement)).slice(0, limit);
}
