import { z } from "zod";
import type { Db } from "@/lib/db";
import { AppError, invalidFromZod } from "@/lib/errors";
import { detectMentions } from "@/lib/people/detect";
import type { MaybeActor } from "@/lib/permissions";
import { findDocuments } from "@/lib/search/backend";
import { conceptOf, isStopWord, retrievalTermsOf } from "@/lib/search/concepts";
import type { QueryTerm } from "@/lib/search/query";
import type { Highlight } from "@/lib/search/snippet";
import { keyedWords } from "@/lib/search/text";
import { visibleClaimsWhere } from "./policy";

export const SuggestionsSchema = z.object({
  limit: z.coerce.number({ message: "must be a number" }).int("must be a whole number").min(1, "must be at least 1").max(50, "must be at most 50").default(10),
});

export type SuggestedEvidenceDto = {
  passage: { id: string; kind: string; sourceId: string; sourceTitle: string; start: number; end: number; text: string };
  url: string;
  /** 0–1: how well the passage matches the claim's people, event words and their closeness. */
  score: number;
  reasons: { people: string[]; terms: string[]; nearby: boolean };
  /** Offsets in the passage's text of the words that matched. */
  highlights: Highlight[];
};

type ClaimPerson = { id: string; name: string; wordKeys: Set<string> };

// Candidates read from the index before ranking here; enough for the page, bounded at any size.
const CANDIDATES_WITH_PEOPLE = 300;
const CANDIDATES_ANY = 150;
// Matches scored by the index before the candidates are taken (see lib/search/backend.ts).
const RANK_WINDOW = 2000;
// Words this close together read as one statement about the people and the event.
const NEARBY_WORDS = 12;
const MIN_PERSON_WORD = 4;

/** The words that name a person in running text: one-word spellings and surnames. */
function personWordKeys(aliases: { key: string }[]): Set<string> {
  const keys = new Set<string>();
  for (const alias of aliases) {
    const words = alias.key.split(" ").filter(Boolean);
    const last = words[words.length - 1];
    if (last && last.length >= MIN_PERSON_WORD) keys.add(last);
  }
  return keys;
}

/** The smallest run of word positions holding one position from every list. */
function smallestWindow(lists: number[][]): number {
  const events = lists.flatMap((positions, list) => positions.map((position) => ({ position, list }))).sort((a, b) => a.position - b.position);
  const counts = new Map<number, number>();
  let best = Infinity;
  for (let right = 0, left = 0; right < events.length; right++) {
    counts.set(events[right]!.list, (counts.get(events[right]!.list) ?? 0) + 1);
    while (counts.size === lists.length) {
      best = Math.min(best, events[right]!.position - events[left]!.position + 1);
      const list = events[left]!.list;
      const remaining = counts.get(list)! - 1;
      if (remaining === 0) counts.delete(list);
      else counts.set(list, remaining);
      left++;
    }
  }
  return best;
}

/**
 * The passages across all sources most likely to bear on a claim, excluding those already
 * cited: found through the claim's words (and their usual synonyms), its people under every
 * spelling, and ranked so that passages naming the same people and the same event, close
 * together, come before passages that merely share words. Each says why it was suggested.
 */
export async function suggestEvidence(db: Db, actor: MaybeActor, claimIdOrSlug: string, input: z.input<typeof SuggestionsSchema> = {}): Promise<SuggestedEvidenceDto[]> {
  const parsed = SuggestionsSchema.safeParse(input);
  if (!parsed.success) throw invalidFromZod(parsed.error);
  const claim = await db.claim.findFirst({
    where: { AND: [{ OR: [{ id: claimIdOrSlug }, { slug: claimIdOrSlug }] }, visibleClaimsWhere(actor)] },
    select: {
      id: true,
      statement: true,
      people: { select: { person: { select: { id: true, name: true, aliases: { select: { key: true, name: true } } } } } },
      evidence: { where: { removedAt: null }, select: { passage: { select: { id: true, sourceId: true, start: true, end: true } } } },
    },
  });
  if (!claim) throw new AppError("NOT_FOUND", `claimId: no claim "${claimIdOrSlug}"`, { field: "claimId" });

  // The claim's people: those linked to it and those its statement names.
  const everyone = await db.person.findMany({ select: { id: true, name: true, aliases: { select: { key: true, name: true } } } });
  const named = new Set(detectMentions(claim.statement, everyone).filter((mention) => mention.status === "attached").map((mention) => mention.personId));
  const people: ClaimPerson[] = [
    ...claim.people.map((link) => link.person),
    ...everyone.filter((person) => named.has(person.id) && !claim.people.some((link) => link.person.id === person.id)),
  ]
    .map((person) => ({ id: person.id, name: person.name, wordKeys: personWordKeys(person.aliases) }))
    .filter((person) => person.wordKeys.size > 0);
  const personWords = new Set(people.flatMap((person) => [...person.wordKeys]));
  // First names and patronymics name the person too; they are not the event.
  const everyNameWord = new Set(
    [...claim.people.map((link) => link.person), ...everyone.filter((person) => named.has(person.id))].flatMap((person) => person.aliases.flatMap((alias) => alias.key.split(" "))),
  );

  // The event: the statement's other meaningful words, as concepts.
  const concepts = [...new Set(keyedWords(claim.statement).map((word) => word.key).filter((key) => !isStopWord(key) && !everyNameWord.has(key)).map(conceptOf))];
  if (people.length === 0 && concepts.length === 0) return [];

  const peopleTerms: QueryTerm[] = [...personWords].map((key) => ({ words: [key], prefix: false, phrase: false }));
  const conceptTerms: QueryTerm[] = concepts.flatMap((concept) => retrievalTermsOf(concept).map(({ word, prefix }) => ({ words: [word], prefix, phrase: false })));
  const cited = claim.evidence.map((item) => item.passage);
  const base = {
    query: { terms: [] },
    kinds: ["passage"] as const,
    passageKinds: ["sentence"],
    claimVisibility: null,
    excludeRefIds: cited.map((passage) => passage.id),
    offset: 0,
    rankWindow: RANK_WINDOW,
  };
  const candidates = new Map<string, string>();
  if (peopleTerms.length > 0 && conceptTerms.length > 0) {
    const { hits } = await findDocuments(db, { ...base, anyOf: [peopleTerms, conceptTerms], limit: CANDIDATES_WITH_PEOPLE });
    for (const hit of hits) candidates.set(hit.refId, hit.text);
  }
  // Passages that name the people or the event but not both, when those that do are few.
  if (candidates.size < CANDIDATES_WITH_PEOPLE) {
    const { hits } = await findDocuments(db, { ...base, anyOf: [[...peopleTerms, ...conceptTerms]], limit: CANDIDATES_ANY });
    for (const hit of hits) candidates.set(hit.refId, hit.text);
  }
  if (candidates.size === 0) return [];

  const passages = await db.passage.findMany({
    where: { id: { in: [...candidates.keys()] } },
    select: { id: true, kind: true, sourceId: true, start: true, end: true, text: true, source: { select: { title: true } } },
  });
  const overlapsCited = (passage: { sourceId: string; start: number; end: number }) =>
    cited.some((item) => item.sourceId === passage.sourceId && item.start < passage.end && passage.start < item.end);

  const scored: SuggestedEvidenceDto[] = [];
  // A heading or sentence repeated in a source is suggested once.
  const seen = new Set<string>();
  for (const passage of passages) {
    if (overlapsCited(passage)) continue;
    const repeatKey = `${passage.sourceId}\u0000${passage.text}`;
    if (seen.has(repeatKey)) continue;
    seen.add(repeatKey);
    const words = keyedWords(passage.text);
    const peopleFound = new Map<string, number[]>();
    const conceptsFound = new Map<string, number[]>();
    const highlights: Highlight[] = [];
    const termSurfaces = new Set<string>();
    words.forEach((word, position) => {
      let matched = false;
      for (const person of people) {
        if (!person.wordKeys.has(word.key)) continue;
        peopleFound.set(person.id, [...(peopleFound.get(person.id) ?? []), position]);
        matched = true;
      }
      if (!matched && !isStopWord(word.key)) {
        const concept = conceptOf(word.key);
        if (concepts.includes(concept) && !everyNameWord.has(word.key)) {
          conceptsFound.set(concept, [...(conceptsFound.get(concept) ?? []), position]);
          termSurfaces.add(passage.text.slice(word.start, word.end).replace(/(?:['’]s)?['’]*$/, ""));
          matched = true;
        }
      }
      if (matched) highlights.push({ start: word.start, end: word.end });
    });
    const matchedItems = peopleFound.size + conceptsFound.size;
    if (matchedItems < Math.min(2, people.length + concepts.length)) continue;
    const peopleShare = people.length > 0 ? peopleFound.size / people.length : 0;
    const conceptShare = concepts.length > 0 ? conceptsFound.size / concepts.length : 0;
    const window = matchedItems >= 2 ? smallestWindow([...peopleFound.values(), ...conceptsFound.values()]) : Infinity;
    const nearby = window <= NEARBY_WORDS;
    const closeness = Number.isFinite(window) ? Math.min(1, matchedItems / window) : 0;
    // People weigh most: a passage about the same people and event outranks one sharing words.
    let score = 2 * peopleShare + 1.5 * conceptShare + (nearby ? 0.5 : 0) + 0.5 * closeness;
    if (people.length > 0 && peopleFound.size === 0) score *= 0.5;
    if (concepts.length > 0 && conceptsFound.size === 0) score *= 0.6;
    scored.push({
      passage: { id: passage.id, kind: passage.kind, sourceId: passage.sourceId, sourceTitle: passage.source.title, start: passage.start, end: passage.end, text: passage.text },
      url: `/sources/${passage.sourceId}?at=${passage.start}-${passage.end}#found`,
      score: Math.round((score / 4.5) * 1000) / 1000,
      reasons: { people: people.filter((person) => peopleFound.has(person.id)).map((person) => person.name), terms: [...termSurfaces], nearby },
      highlights,
    });
  }
  return scored
    .sort((a, b) => b.score - a.score || a.passage.text.length - b.passage.text.length || a.passage.id.localeCompare(b.passage.id))
    .slice(0, parsed.data.limit);
}
