import "server-only";
import { cachedPerReader } from "@/lib/cache/public-reads";
import { type Db, getDatabaseKind } from "@/lib/db";
import { AppError, parseInput } from "@/lib/errors";
import { detectMentions, type KnownPerson } from "@/lib/people/detect";
import { surnameKeys } from "@/lib/people/names";
import type { MaybeActor } from "@/lib/permissions";
import { type DocumentQuery, findDocuments } from "@/lib/search/backend";
import { bm25Scorer, FUSION_K, reciprocalRankFusion } from "@/lib/search/bm25";
import { conceptOf, isStopWord, retrievalTermsOf } from "@/lib/search/concepts";
import type { QueryTerm } from "@/lib/search/query";
import { conceptsRelatedTo } from "@/lib/search/related";
import type { Highlight } from "@/lib/search/snippet";
import { keyedWords, searchText } from "@/lib/search/text";
import { type NeighbourSentence, refersBack, sentenceNeighbours } from "./context";
import { visibleClaimsWhere } from "./policy";
import { claimRefWhere } from "./refs";
import { relatedForEvidence } from "./relations";
import { SuggestEvidenceSchema } from "./schemas";
import { compareStatements, mainClauseStart } from "./similar";
import { endsWithQuestion, type SuggestedStance, stanceCues, suggestStance } from "./stance";

export type SuggestedEvidenceDto = {
  passage: {
    id: string;
    kind: string;
    sourceId: string;
    sourceTitle: string;
    start: number;
    end: number;
    text: string;
  };
  url: string;
  /**
   * 0–1: how well the passage matches the claim's people, event words and their closeness. The list
   * is ordered by this fused with a ranking by the words it shares with the claim (BM25), so a passage
   * may follow one with a lower score.
   */
  score: number;
  /** Which way the passage seems to bear on the claim, read from its words; the member decides. */
  suggestedStance: SuggestedStance;
  /** Why, in words ("denies or doubts: “could not”"). */
  stanceReason: string;
  /**
   * people and terms matched, whether close together, and the related claims that already cite the
   * passage (same people, or a statement alike or opposite), with the stance it has there.
   */
  reasons: {
    people: string[];
    terms: string[];
    nearby: boolean;
    citedOn: {
      slug: string;
      statement: string;
      stance: string;
      relation: "alike" | "opposite" | "same people" | "contradicts" | "confirmed alike" | "implied by it";
    }[];
  };
  /** Offsets in the passage's text of the words that matched. */
  highlights: Highlight[];
};

type ClaimPerson = { id: string; name: string; wordKeys: Set<string> };

// Candidates read from the index and ranked here (the index's own scoring of a query of many
// synonyms costs more than this ranking); bounded at any library size.
const CANDIDATES_WITH_PEOPLE = 1500;
const CANDIDATES_ANY = 500;
// Words this close together read as one statement about the people and the event.
const NEARBY_WORDS = 12;
const MIN_PERSON_WORD = 4;
// A word WordNet relates to an event word counts for this much of the word itself: less than in
// duplicate detection (0.6), because over every sentence of a library the noise of WordNet's first
// senses ("behind": buttocks) finds more passages about something else. 0.4, 0.5 and 0.6 measured
// within one or two gold passages of each other (npm run eval); the lowest was kept for that reason.
const RELATED_WORD_CREDIT = 0.4;
// Evidence a member already cited on a related claim has been read by someone: cited on a claim
// about the same people, it ranks as a passage naming the people and the event close together
// would; on a claim worded alike or opposite, higher; on a claim a moderator confirmed as related
// (contradicts, implies, the same), above any passage found by its words alone, since a person
// judged it to bear on the question.
const CITED_ELSEWHERE_BONUS: Record<Relation, number> = {
  "same people": 1,
  alike: 2,
  opposite: 2,
  contradicts: 4.5,
  "confirmed alike": 4.5,
  "implied by it": 4.5,
};
// How many related claims' evidence is read (those sharing the most people, and statements alike).
const RELATED_CLAIMS = 20;
// A sentence that speaks of people by pronoun or role ("He arranged for Kirov to be assassinated")
// is read with the people named in the sentences of its paragraph just before it, for this much
// of a person it names itself.
const CONTEXT_PERSON_CREDIT = 0.5;
const CONTEXT_REACH = 2;
// How many candidates are read with their neighbours: of the best, those that refer back without
// naming all of the claim's people; as many below the bar that refer back; and the best whose next
// sentences may speak of the claim's people by pronoun. Bounded, so the cost is the same at any size.
const CONTEXT_POOL = 300;
const BELOW_BAR_POOL = 100;
const EXPANSION_POOL = 100;
// Reference lists and templates name people without saying anything about them.
const APPARATUS_FACTOR = 0.5;
// A question names what it asks about and states nothing about it ("So, did Stalin instigate his
// assassination?"): it counts half, as apparatus does, so it does not take the place of a passage that
// answers. 0.5 and 0.7 measured alike (npm run eval; decision 0010, sixth round).
const QUESTION_FACTOR = 0.5;
// How close (words) another person must be to the event words to be read as taking part in it.
const OTHER_PERSON_REACH = 5;
// Who else the library puts in the claim's event: for a claim that says who did something, the
// other people named next to its event words in at least RIVAL_MIN_PASSAGES candidates (the most
// named first, at most RIVALS); their passages with "alone", "sole"… are looked for too. A passage that makes one of them the only doer ("carried out by Nikolayev alone")
// fills the claim's agent for RIVAL_CREDIT of a person and is suggested as contradicting. Measured
// (npm run eval; decision 0010, seventh round): credit 0.5 and 1 gain the same contradicting
// passages, 1 costs a supporting one; "by Nikolaev" and "responsible" as signs of the doer cost
// supporting passages ("the shot was fired by Nikolaev" does not deny that Stalin ordered it).
const RIVAL_MIN_PASSAGES = 3;
const RIVALS = 3;
const RIVAL_CANDIDATES = 300;
// The passages with "alone", "sole"… and the claim's people or event words read before the rivals
// are known (in the candidates' round trip), of which those naming a rival are kept. A passage needs
// the event's words to make anyone the only doer (findSoleDoer), so asking for the claim's people or
// event words loses only one naming the event by a WordNet word alone and none of its people; the
// window is larger than RIVAL_CANDIDATES because most of these name no rival. When the window is
// full (a big library), and on SQLite, the rivals' passages are asked for by name instead.
const SOLE_DOER_CANDIDATES = 1000;
const RIVAL_CREDIT = 0.5;
// Words that make the person named within SOLE_REACH words of them the only one who did it.
const SOLE_DOER_KEYS = new Set(keyedWords("alone lone solely sole single-handedly").map((word) => word.key));
const SOLE_REACH = 3;

/** One indexed word, matched whole. */
const wordTerm = (key: string): QueryTerm => ({ words: [key], prefix: false, phrase: false });

/** What a suggestion shows of its passage. */
const passagePlace = {
  id: true,
  kind: true,
  sourceId: true,
  start: true,
  end: true,
  text: true,
  source: { select: { title: true } },
} as const;

/** The smallest run of word positions holding one position from every list. */
function smallestWindow(lists: number[][]): number {
  const events = lists
    .flatMap((positions, list) => positions.map((position) => ({ position, list })))
    .sort((a, b) => a.position - b.position);
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
export async function suggestEvidence(db: Db, actor: MaybeActor, input: unknown): Promise<SuggestedEvidenceDto[]> {
  const { claimId: claimIdOrSlug, limit } = parseInput(SuggestEvidenceSchema, input);
  // Everyone's spellings are read beside the claim: they find the people its statement names.
  const [claim, everyone] = await Promise.all([
    db.claim.findFirst({
      where: { AND: [claimRefWhere(claimIdOrSlug), visibleClaimsWhere(actor)] },
      select: {
        id: true,
        statement: true,
        people: {
          select: { person: { select: { id: true, name: true, aliases: { select: { key: true, name: true } } } } },
        },
        evidence: {
          where: { removedAt: null },
          select: { passage: { select: { id: true, sourceId: true, start: true, end: true } } },
        },
      },
    }),
    db.person.findMany({ select: { id: true, name: true, aliases: { select: { key: true, name: true } } } }),
  ]);
  if (!claim) throw new AppError("NOT_FOUND", `claimId: no claim "${claimIdOrSlug}"`, { field: "claimId" });

  // The claim's people: those linked to it and those its statement names.
  const named = new Set(
    detectMentions(claim.statement, everyone)
      .filter((mention) => mention.status === "attached")
      .map((mention) => mention.personId),
  );
  const people: ClaimPerson[] = [
    ...claim.people.map((link) => link.person),
    ...everyone.filter((person) => named.has(person.id) && !claim.people.some((link) => link.person.id === person.id)),
  ]
    .map((person) => ({ id: person.id, name: person.name, wordKeys: surnameKeys(person.aliases, MIN_PERSON_WORD) }))
    .filter((person) => person.wordKeys.size > 0);
  const personWords = new Set(people.flatMap((person) => [...person.wordKeys]));
  // First names and patronymics name the person too; they are not the event.
  const everyNameWord = new Set(
    [...claim.people.map((link) => link.person), ...everyone.filter((person) => named.has(person.id))].flatMap(
      (person) => person.aliases.flatMap((alias) => alias.key.split(" ")),
    ),
  );

  // The event: the statement's other meaningful words, as concepts.
  const eventWords = keyedWords(claim.statement).filter(
    (word) => !isStopWord(word.key) && !everyNameWord.has(word.key),
  );
  const concepts = [...new Set(eventWords.map((word) => conceptOf(word.key)))];
  if (people.length === 0 && concepts.length === 0) return [];
  // Words WordNet relates to the event words ("assassination" for "murder", "instigated" for
  // "ordered"), each standing for the concept it is related to, for part of its weight in scoring.
  const relatedTo = new Map<string, string>();
  for (const word of eventWords) {
    const concept = conceptOf(word.key);
    for (const related of conceptsRelatedTo(claim.statement.slice(word.start, word.end))) {
      if (concepts.includes(related) || relatedTo.has(related) || personWords.has(related)) continue;
      relatedTo.set(related, concept);
    }
  }

  const peopleTerms = [...personWords].map(wordTerm);
  // Retrieval uses the event words and their listed synonyms only: with the WordNet words (often
  // twenty a word) in the index query, suggestions over a million passages took 640 ms (npm run
  // bench); they still count when scoring the passages found, which costs nothing there.
  const conceptTerms: QueryTerm[] = concepts.flatMap((concept) =>
    retrievalTermsOf(concept).map(({ word, prefix }) => ({ words: [word], prefix, phrase: false })),
  );
  const cited = claim.evidence.map((item) => item.passage);
  const base = {
    query: { terms: [] },
    kinds: ["passage"] as const,
    passageKinds: ["sentence"],
    claimVisibility: null,
    excludeRefIds: cited.map((passage) => passage.id),
    offset: 0,
    ranked: false,
  };
  // Who the claim says did it ("Stalin" in "Stalin ordered Kirov's murder"): then a passage making
  // someone else the only doer speaks against it (see RIVALS).
  const agent = claimAgent(claim.statement, people, concepts);
  const eitherTerms = [...peopleTerms, ...conceptTerms];
  const soleTerms = [...SOLE_DOER_KEYS].map(wordTerm);
  // Everything the candidates come from is read at once, in one round trip (issue 12): the passages
  // naming the people and the event; those naming either, used when the first are few; the passages
  // that may make someone else the only doer (naming "alone", "sole"… with the claim's people or
  // event), kept below for the rivals the candidates show; and the passages already cited on related
  // claims (the same people, or a statement alike or opposite). Whether the second and third are
  // needed is known only from the first, so on PostgreSQL, where each read waits for the network,
  // they are read in case. On SQLite a read is a function call on the one connection, and reading in
  // case only adds its work (over a million passages, 113 ms where the sequential reads before this
  // change took 84): the second is read when needed, and the rivals' passages by name (below); both
  // databases find the same passages.
  const speculate = getDatabaseKind() === "postgres";
  const bothTerms = peopleTerms.length > 0 && conceptTerms.length > 0;
  const eitherQuery: DocumentQuery = {
    ...base,
    anyOf: [eitherTerms],
    limit: CANDIDATES_ANY,
    rankWindow: CANDIDATES_ANY,
  };
  const [withPeople, withEitherRead, soleDoerRead, citedElsewhere] = await Promise.all([
    bothTerms
      ? findDocuments(db, {
          ...base,
          anyOf: [peopleTerms, conceptTerms],
          limit: CANDIDATES_WITH_PEOPLE,
          rankWindow: CANDIDATES_WITH_PEOPLE,
        })
      : null,
    speculate || !bothTerms ? findDocuments(db, eitherQuery) : null,
    speculate && agent
      ? findDocuments(db, {
          ...base,
          anyOf: [soleTerms, eitherTerms],
          limit: SOLE_DOER_CANDIDATES,
          rankWindow: SOLE_DOER_CANDIDATES,
        })
      : null,
    citedOnRelatedClaims(
      db,
      actor,
      claim,
      everyone,
      cited.map((passage) => passage.id),
    ),
  ]);
  const candidates = new Map<string, { sourceId: string; text: string; folded: string }>();
  const add = (hits: { refId: string; sourceId: string | null; text: string; folded: string }[]) => {
    for (const hit of hits)
      candidates.set(hit.refId, { sourceId: hit.sourceId ?? "", text: hit.text, folded: hit.folded });
  };
  if (withPeople) add(withPeople.hits);
  // Passages that name the people or the event but not both, when those that do are few.
  if (candidates.size < CANDIDATES_WITH_PEOPLE) add((withEitherRead ?? (await findDocuments(db, eitherQuery))).hits);
  for (const [passageId, entry] of citedElsewhere) {
    if (!candidates.has(passageId)) candidates.set(passageId, entry.candidate);
  }
  if (candidates.size === 0) return [];

  // Every other known person by the words running text names them with, to tell when a passage
  // puts someone else in the claim's event; and who the claim says did it. With them, how many known
  // people each of the claim's name words stands for ("Richard" for Richard III and for Richard, Duke
  // of York): a word several people share names each of them only in part.
  const claimPeopleIds = new Set(people.map((person) => person.id));
  const othersByWord = new Map<string, string[]>();
  const keysOfOther = new Map<string, Set<string>>();
  const sharedBy = new Map<string, number>();
  for (const person of everyone) {
    const isClaims = claimPeopleIds.has(person.id);
    for (const key of surnameKeys(person.aliases, MIN_PERSON_WORD)) {
      if (personWords.has(key)) sharedBy.set(key, (sharedBy.get(key) ?? 0) + 1);
      if (isClaims || personWords.has(key) || everyNameWord.has(key)) continue;
      othersByWord.set(key, [...(othersByWord.get(key) ?? []), person.name]);
      keysOfOther.set(person.name, (keysOfOther.get(person.name) ?? new Set()).add(key));
    }
  }
  const claimDenies = stanceCues(claim.statement).denials.length > 0;

  /** Which of the claim's people and concepts a word stands for (each word worked out once: candidates repeat words). */
  const matched = new Map<string, { personIds: string[]; concept: string | null; related: boolean }>();
  const matchWord = (key: string): { personIds: string[]; concept: string | null; related: boolean } => {
    let found = matched.get(key);
    if (!found) {
      found = matchWordOnce(key);
      matched.set(key, found);
    }
    return found;
  };
  const matchWordOnce = (key: string): { personIds: string[]; concept: string | null; related: boolean } => {
    const personIds = people.filter((person) => person.wordKeys.has(key)).map((person) => person.id);
    if (personIds.length > 0 || isStopWord(key) || everyNameWord.has(key))
      return { personIds, concept: null, related: false };
    const concept = conceptOf(key);
    if (concepts.includes(concept)) return { personIds, concept, related: false };
    const relatedConcept = relatedTo.get(concept);
    return { personIds, concept: relatedConcept ?? null, related: relatedConcept !== undefined };
  };

  // Who else the candidates put next to the claim's event words, when the claim says who did it; their
  // passages with the event or the claim's other people are candidates too (see RIVALS).
  const rivalByKey = new Map<string, string>();
  if (agent) {
    const namedNearEvent = new Map<string, number>();
    for (const candidate of candidates.values()) {
      const words = candidate.folded.split(" ");
      const eventPositions: number[] = [];
      words.forEach((key, position) => {
        if (matchWord(key).concept) eventPositions.push(position);
      });
      if (eventPositions.length === 0) continue;
      const names = new Set<string>();
      words.forEach((key, position) => {
        const others = othersByWord.get(key);
        if (!others || !eventPositions.some((at) => Math.abs(at - position) <= OTHER_PERSON_REACH)) return;
        for (const name of others) names.add(name);
      });
      for (const name of names) namedNearEvent.set(name, (namedNearEvent.get(name) ?? 0) + 1);
    }
    const rivals = [...namedNearEvent]
      .filter(([, count]) => count >= RIVAL_MIN_PASSAGES)
      .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
      .slice(0, RIVALS);
    for (const [name] of rivals) for (const key of keysOfOther.get(name) ?? []) rivalByKey.set(key, name);
    // Only the passages that can make one of them the only doer: naming them, "alone", "sole"…, and the
    // claim's people or event words. On PostgreSQL they are among those read in case, unless that
    // read's window was full (a big library), when the rivals' passages could lie beyond it; then,
    // and always on SQLite, which reads nothing in case, they are asked for by name.
    if (rivalByKey.size > 0) {
      if (soleDoerRead && soleDoerRead.total < SOLE_DOER_CANDIDATES) {
        add(
          soleDoerRead.hits
            .filter((hit) => {
              const words = hit.folded.split(" ");
              return words.some((key) => rivalByKey.has(key)) && words.some((key) => SOLE_DOER_KEYS.has(key));
            })
            .slice(0, RIVAL_CANDIDATES),
        );
      } else {
        add(
          (
            await findDocuments(db, {
              ...base,
              anyOf: [[...rivalByKey.keys()].map(wordTerm), soleTerms, eitherTerms],
              limit: RIVAL_CANDIDATES,
              rankWindow: RIVAL_CANDIDATES,
            })
          ).hits,
        );
      }
    }
  }

  // Every candidate is scored from its indexed words (already keyed, in order), which is cheap.
  type Scored = {
    id: string;
    sourceId: string;
    text: string;
    score: number;
    /** The score before it is capped for display: passages a person judged rank by their words too. */
    rank: number;
    people: Set<string>;
    nearby: boolean;
    readStance: () => { stance: SuggestedStance; reason: string };
    citedOn: SuggestedEvidenceDto["reasons"]["citedOn"];
    /** Its indexed words, for the ranking by words (see inOrder). */
    folded: string;
    /** Suggested for a reason other than its words: cited on a related claim, or another person made the only doer. */
    notByWords: boolean;
    /** What its form takes off in both rankings: a question or apparatus states nothing. */
    formFactor: number;
    /** Cited on a claim a moderator confirmed as related: shown before anything found otherwise. */
    judged: boolean;
  };
  type Candidate = { sourceId: string; text: string; folded: string };
  /** A candidate's score and reasons, read with the sentences just before it when given; null below the bar. */
  const scoreCandidate = (id: string, candidate: Candidate, before?: readonly NeighbourSentence[]): Scored | null => {
    const peopleFound = new Map<string, number[]>();
    // Per person, the most a word naming them counts for (1 unless the word is shared; see sharedBy).
    const nameCredit = new Map<string, number>();
    const conceptsFound = new Map<string, number[]>();
    // Per concept, whether the passage has the word itself (1) or only a related one.
    const conceptCredit = new Map<string, number>();
    // The candidate's indexed words, split once for the scoring, the other doer and the stance below.
    const words = candidate.folded.split(" ");
    words.forEach((key, position) => {
      const { personIds, concept, related } = matchWord(key);
      for (const personId of personIds) {
        peopleFound.set(personId, [...(peopleFound.get(personId) ?? []), position]);
        nameCredit.set(personId, Math.max(nameCredit.get(personId) ?? 0, 1 / (sharedBy.get(key) ?? 1)));
      }
      if (!concept) return;
      conceptsFound.set(concept, [...(conceptsFound.get(concept) ?? []), position]);
      conceptCredit.set(concept, Math.max(conceptCredit.get(concept) ?? 0, related ? RELATED_WORD_CREDIT : 1));
    });
    // People the sentence speaks of by pronoun or role, named in its paragraph just before it (also
    // those it names only by a word many people share, which counts for less).
    const peopleCredit = new Map<string, number>(nameCredit);
    const creditOf = (personId: string) => peopleCredit.get(personId) ?? 0;
    if (before && people.some((person) => creditOf(person.id) < CONTEXT_PERSON_CREDIT)) {
      for (const earlier of before) {
        for (const key of earlier.folded.split(" ")) {
          for (const person of people) {
            if (creditOf(person.id) >= CONTEXT_PERSON_CREDIT || !person.wordKeys.has(key)) continue;
            peopleCredit.set(person.id, CONTEXT_PERSON_CREDIT);
            // The person stands where the sentence refers to someone: its first pronoun, or its start.
            if (!peopleFound.has(person.id)) peopleFound.set(person.id, [referencePosition(candidate.folded)]);
          }
        }
      }
    }
    // Someone else made the only doer of the claim's event, where the claim names its agent ("by
    // Nikolayev alone" against "Stalin ordered Kirov's murder"): they fill the agent's place.
    const otherDoer =
      agent && rivalByKey.size > 0 && !peopleFound.has(agent)
        ? findSoleDoer(words, rivalByKey, [...conceptsFound.values()].flat())
        : undefined;
    const bearsOnEvent = conceptsFound.size > 0 || [...peopleFound.keys()].some((personId) => personId !== agent);
    const doer = otherDoer && bearsOnEvent ? otherDoer : undefined;
    if (doer && agent) peopleCredit.set(agent, RIVAL_CREDIT);
    const matchedItems = peopleFound.size + conceptsFound.size + (doer ? 1 : 0);
    const elsewhere = citedElsewhere.get(id);
    if (!elsewhere && matchedItems < Math.min(2, people.length + concepts.length)) return null;
    const peopleShare =
      people.length > 0 ? [...peopleCredit.values()].reduce((sum, credit) => sum + credit, 0) / people.length : 0;
    const creditSum = [...conceptCredit.values()].reduce((sum, credit) => sum + credit, 0);
    const conceptShare = concepts.length > 0 ? creditSum / concepts.length : 0;
    const window =
      matchedItems >= 2
        ? smallestWindow([...peopleFound.values(), ...conceptsFound.values(), ...(doer ? [[doer.position]] : [])])
        : Infinity;
    // The stance is read only for the passages shown (reading cues costs more than scoring).
    const readStance = (): { stance: SuggestedStance; reason: string } => {
      // A stance a member already gave the passage on a claim alike (or, reversed, on an opposite
      // one) says more than the cues in its words.
      if (elsewhere?.stance) return elsewhere.stance;
      // Someone else named next to the event words ("carried out by Nikolayev alone").
      const eventPositions = [...conceptsFound.values()].flat();
      const others = new Set<string>();
      words.forEach((key, position) => {
        if (!eventPositions.some((at) => Math.abs(at - position) <= OTHER_PERSON_REACH)) return;
        for (const other of othersByWord.get(key) ?? []) others.add(other);
      });
      return suggestStance({
        cues: stanceCues(
          candidate.text,
          [...peopleFound.values(), ...conceptsFound.values()].flat(),
          [...conceptsFound.values()].flat(),
        ),
        claimDenies,
        hasAgent: agent !== null,
        namesAgent: agent !== null && peopleFound.has(agent),
        namesPeople: peopleFound.size > 0,
        otherPeople: [...others],
        otherDoer: doer && { name: doer.name, cue: doer.cue },
        namesEvent: conceptsFound.size > 0,
      });
    };
    const nearby = window <= NEARBY_WORDS;
    const closeness = Number.isFinite(window) ? Math.min(1, matchedItems / window) : 0;
    // People weigh most: a passage about the same people and event outranks one sharing words.
    let score = 2 * peopleShare + 1.5 * conceptShare + (nearby ? 0.5 : 0) + 0.5 * closeness;
    if (people.length > 0 && peopleFound.size === 0 && !doer) score *= 0.5;
    if (concepts.length > 0 && conceptsFound.size === 0) score *= 0.6;
    if (elsewhere) score += Math.max(...elsewhere.citedOn.map((item) => CITED_ELSEWHERE_BONUS[item.relation]));
    const formFactor =
      (looksLikeApparatus(candidate.text) ? APPARATUS_FACTOR : 1) *
      (endsWithQuestion(candidate.text) ? QUESTION_FACTOR : 1);
    score *= formFactor;
    return {
      id,
      sourceId: candidate.sourceId,
      text: candidate.text,
      score: Math.round((Math.min(score, 4.5) / 4.5) * 1000) / 1000,
      rank: score,
      people: new Set(peopleFound.keys()),
      nearby,
      readStance,
      citedOn: elsewhere?.citedOn ?? [],
      folded: candidate.folded,
      notByWords: Boolean(elsewhere || doer),
      formFactor,
      judged: elsewhere?.citedOn.some((item) => DECLARED.has(item.relation)) ?? false,
    };
  };
  const byRank = (a: Scored, b: Scored) => b.rank - a.rank || a.text.length - b.text.length || a.id.localeCompare(b.id);

  // The order shown fuses the ranking above with the passages' ranking by the words they share with
  // the claim alone: BM25 over the candidates (their statistics, so the words every candidate has,
  // such as the subject's name, weigh little), words as concepts (stems and listed synonyms), by
  // reciprocal rank (k = 60, the paper's). The ranking above weighs people and closeness by hand,
  // and on texts it was not tuned on it did worse than BM25 alone (decision 0010, eighth round); BM25
  // alone misses what shares few words. A passage suggested for a reason other than its words (cited
  // on a related claim, another person made the only doer) takes the same place in both rankings; a
  // question or apparatus counts half in both. Evidence cited on a claim a moderator confirmed as
  // related still comes first: a person judged that it bears on the question.
  const conceptCache = new Map<string, string>();
  const termsOf = (folded: string): string[] =>
    folded
      .split(" ")
      .filter((key) => key !== "" && !isStopWord(key))
      .map((key) => {
        let concept = conceptCache.get(key);
        if (concept === undefined) {
          concept = conceptOf(key);
          conceptCache.set(key, concept);
        }
        return concept;
      });
  const candidateTerms = new Map([...candidates].map(([id, candidate]) => [id, termsOf(candidate.folded)]));
  const wordScore = bm25Scorer(
    candidateTerms.values(),
    termsOf(
      keyedWords(claim.statement)
        .map((word) => word.key)
        .join(" "),
    ),
  );
  const wordScores = new Map<string, number>();
  const wordScoreOf = (item: Scored): number => {
    let score = wordScores.get(item.id);
    if (score === undefined) {
      score = wordScore(candidateTerms.get(item.id) ?? termsOf(item.folded)) * item.formFactor;
      wordScores.set(item.id, score);
    }
    return score;
  };
  const inOrder = (items: Iterable<Scored>): Scored[] => {
    const byScore = [...items].sort(byRank);
    const byWords = byScore
      .filter((item) => !item.notByWords)
      .sort((a, b) => wordScoreOf(b) - wordScoreOf(a) || byRank(a, b));
    const fused = reciprocalRankFusion([byScore.map((item) => item.id), byWords.map((item) => item.id)]);
    byScore.forEach((item, index) => {
      if (item.notByWords) fused.set(item.id, fused.get(item.id)! + 1 / (FUSION_K + index + 1));
    });
    return byScore.sort(
      (a, b) => Number(b.judged) - Number(a.judged) || fused.get(b.id)! - fused.get(a.id)! || byRank(a, b),
    );
  };

  const scoredById = new Map<string, Scored>();
  // Sentences below the bar that speak of someone by pronoun or role: their paragraph may name the claim's people.
  const referring: string[] = [];
  const seen = new Set<string>();
  for (const [id, candidate] of candidates) {
    // A heading or sentence repeated in a source is suggested once.
    const repeatKey = `${candidate.sourceId}\u0000${candidate.text}`;
    if (seen.has(repeatKey)) continue;
    seen.add(repeatKey);
    const item = scoreCandidate(id, candidate);
    if (item) scoredById.set(id, item);
    else if (referring.length < BELOW_BAR_POOL && refersBack(candidate.text)) referring.push(id);
  }

  // The best candidates, and those below the bar that refer back, read again with the sentences of
  // their paragraph just before them; a sentence right after a good one that names the claim's
  // people and speaks of them only by pronoun ("He arranged for Kirov to be assassinated") joins.
  // Only the best few hundred are read in context, so the cost stays bounded at any library size.
  const ranked = inOrder(scoredById.values());
  const rereading = [
    ...ranked
      .slice(0, CONTEXT_POOL)
      .filter((item) => item.people.size < people.length && refersBack(item.text))
      .map((item) => item.id),
    ...referring,
  ];
  const best = ranked.slice(0, EXPANSION_POOL).filter((item) =>
    candidates
      .get(item.id)!
      .folded.split(" ")
      .some((key) => personWords.has(key)),
  );
  // The passages likely to end among the shown are known now, before the reading in context: the
  // first `shown`, with room for those the passages read again pass (a new score moves a passage in
  // both rankings, so it can move others by more than one place: twice `shown` plus as many as are read
  // again), the ones read again, and the sentences the context adds (read with their neighbours). On
  // PostgreSQL they are read with the neighbours, in the same round trip, and any other passage that
  // ends among the shown is read after; on SQLite only the shown are read, after.
  const shown = limit + cited.length;
  const placesRead = speculate
    ? db.passage.findMany({
        where: {
          id: {
            in: [...new Set([...ranked.slice(0, 2 * shown + rereading.length).map((item) => item.id), ...rereading])],
          },
        },
        select: passagePlace,
      })
    : Promise.resolve([]);
  // Marked as handled now: a failed neighbour read ends the request first, and this must not then go unheard.
  placesRead.catch(() => {});
  const neighbours = await sentenceNeighbours(
    db,
    [...new Set([...rereading, ...best.map((item) => item.id)])],
    CONTEXT_REACH,
  );
  const places = new Map((await placesRead).map((passage) => [passage.id, passage]));
  for (const id of rereading) {
    const before = neighbours.get(id)?.before ?? [];
    if (before.length === 0) continue;
    const item = scoreCandidate(id, candidates.get(id)!, before);
    if (item) scoredById.set(id, item);
  }
  const excluded = new Set(cited.map((passage) => passage.id));
  for (const item of best) {
    const candidate = candidates.get(item.id)!;
    const around = neighbours.get(item.id);
    if (!around) continue;
    around.after.forEach((next, index) => {
      if (candidates.has(next.id) || scoredById.has(next.id) || excluded.has(next.id) || !refersBack(next.text)) return;
      const self: NeighbourSentence = { id: item.id, ...candidate };
      const before = [...around.after.slice(0, index).reverse(), self, ...around.before].slice(0, CONTEXT_REACH);
      const added = scoreCandidate(next.id, next, before);
      if (!added) return;
      scoredById.set(next.id, added);
      places.set(next.id, {
        id: next.id,
        kind: "sentence",
        sourceId: next.sourceId,
        start: next.start,
        end: next.end,
        text: next.text,
        source: { title: next.sourceTitle },
      });
    });
  }
  const scored = inOrder(scoredById.values());

  // The best ones in full: where they are (dropping any that overlaps a cited passage), and the words to mark.
  const top = scored.slice(0, shown);
  // On PostgreSQL every one of them was read above (see `placesRead`).
  const unread = top.filter((item) => !places.has(item.id)).map((item) => item.id);
  if (unread.length > 0) {
    for (const passage of await db.passage.findMany({ where: { id: { in: unread } }, select: passagePlace }))
      places.set(passage.id, passage);
  }
  const passages = places;
  const overlapsCited = (passage: { sourceId: string; start: number; end: number }) =>
    cited.some((item) => item.sourceId === passage.sourceId && item.start < passage.end && passage.start < item.end);
  const results: SuggestedEvidenceDto[] = [];
  for (const item of top) {
    const passage = passages.get(item.id);
    if (!passage || overlapsCited(passage)) continue;
    const read = item.readStance();
    const highlights: Highlight[] = [];
    const terms = new Set<string>();
    for (const word of keyedWords(passage.text)) {
      const { personIds, concept } = matchWord(word.key);
      if (personIds.length === 0 && !concept) continue;
      highlights.push({ start: word.start, end: word.end });
      if (concept) terms.add(passage.text.slice(word.start, word.end).replace(/(?:['’]s)?['’]*$/, ""));
    }
    results.push({
      passage: {
        id: passage.id,
        kind: passage.kind,
        sourceId: passage.sourceId,
        sourceTitle: passage.source.title,
        start: passage.start,
        end: passage.end,
        text: passage.text,
      },
      url: `/sources/${passage.sourceId}?at=${passage.start}-${passage.end}#found`,
      score: item.score,
      suggestedStance: read.stance,
      stanceReason: read.reason,
      reasons: {
        people: people.filter((person) => item.people.has(person.id)).map((person) => person.name),
        terms: [...terms],
        nearby: item.nearby,
        citedOn: item.citedOn,
      },
      highlights,
    });
    if (results.length === limit) break;
  }
  return results;
}

/**
 * The first of `rivals` (word key → name) the words make the only doer: named within SOLE_REACH
 * words of "alone", "lone", "solely"…, with one of the event's words (at `eventPositions`) near
 * either ("the terrorist act … was planned and carried out by Nikolayev alone"). Its position and
 * the word that says so.
 */
function findSoleDoer(
  words: readonly string[],
  rivals: ReadonlyMap<string, string>,
  eventPositions: readonly number[],
): { name: string; position: number; cue: string } | undefined {
  const eventNear = (position: number) =>
    eventPositions.some((at) => at !== position && Math.abs(at - position) <= OTHER_PERSON_REACH);
  for (let position = 0; position < words.length; position++) {
    const name = rivals.get(words[position]!);
    if (!name) continue;
    for (let at = Math.max(0, position - SOLE_REACH); at <= Math.min(words.length - 1, position + SOLE_REACH); at++) {
      if (SOLE_DOER_KEYS.has(words[at]!) && (eventNear(position) || eventNear(at)))
        return { name, position, cue: words[at]! };
    }
  }
  return undefined;
}

const PRONOUN_KEYS = new Set(keyedWords("he she him his her they them their both two").map((word) => word.key));

/** The word position at which an indexed sentence first refers to someone by pronoun (0 if none). */
function referencePosition(folded: string): number {
  const at = folded.split(" ").findIndex((key) => PRONOUN_KEYS.has(key));
  return at === -1 ? 0 : at;
}

/**
 * Reference lists, templates and bibliography lines ("* Petrov, N. “The First Chairman…”",
 * "{{DEFAULTSORT:Serov, Ivan …"): lines of a source's apparatus rather than its prose.
 */
export function looksLikeApparatus(text: string): boolean {
  const trimmed = text.trim();
  return (
    /\{\{|\}\}|\[\[|\]\]|\bISBN\b|\bpp?\.\s*\d/.test(trimmed) ||
    /^[*#;|]/.test(trimmed) ||
    /^(?:References|Bibliography|Further reading|External links|See also|Notes|Sources)\s*(?:\n|$)/i.test(trimmed)
  );
}

/**
 * The person the claim says did something: named before its first event word, or after "by" in
 * a passive statement ("Kirov was killed by Nikolaev"). Null when the statement has no such person.
 */
function claimAgent(statement: string, people: ClaimPerson[], concepts: string[]): string | null {
  const words = keyedWords(statement).map((word) => word.key);
  const personAt = (position: number) => people.find((person) => person.wordKeys.has(words[position] ?? ""))?.id;
  const by = words.indexOf(keyedWords("by")[0]!.key);
  if (by !== -1) {
    for (let position = by + 1; position < Math.min(words.length, by + 4); position++) {
      const person = personAt(position);
      if (person) return person;
    }
  }
  // A statement that opens with a clause of time or cause ("After Stalin died, Serov turned on Beria")
  // names its agent in the main clause, after the comma.
  const mainStart = mainClauseStart(statement);
  const firstEvent = words.findIndex((key, position) => position >= mainStart && concepts.includes(conceptOf(key)));
  for (let position = mainStart; position < (firstEvent === -1 ? words.length : firstEvent); position++) {
    const person = personAt(position);
    if (person) return person;
  }
  return null;
}

type CitedElsewhere = {
  candidate: { sourceId: string; text: string; folded: string };
  citedOn: SuggestedEvidenceDto["reasons"]["citedOn"];
  /** The stance carried over from a claim alike or opposite; none from a claim about the same people only. */
  stance?: { stance: SuggestedStance; reason: string };
};

/**
 * The passages cited on claims related to this one: claims about the same people (a statement alike
 * or opposite always shares them), compared with this one as duplicate detection compares them, and
 * claims a moderator related to it. One round trip: the relations, and both kinds of claims with
 * their evidence, at once.
 */
async function citedOnRelatedClaims(
  db: Db,
  actor: MaybeActor,
  claim: { id: string; statement: string; people: { person: { id: string } }[] },
  everyone: KnownPerson[],
  excludePassageIds: string[],
): Promise<Map<string, CitedElsewhere>> {
  // Claims a moderator has related to this one (contradicts, implies, duplicate of) come first;
  // then claims about the same people, compared as duplicate detection compares statements.
  const personIds = claim.people.map((link) => link.person.id);
  const eligible = [visibleClaimsWhere(actor), { id: { not: claim.id }, mergedIntoId: null, evidenceCount: { gt: 0 } }];
  const byEvidence = [{ evidenceCount: "desc" as const }, { id: "asc" as const }];
  // Each claim with its evidence in the same statement (PostgreSQL joins them, decision 0026).
  const select = {
    id: true,
    slug: true,
    statement: true,
    evidence: {
      where: { removedAt: null, passageId: { notIn: excludePassageIds } },
      orderBy: { id: "asc" as const },
      select: { stance: true, passage: { select: { id: true, sourceId: true, text: true } } },
    },
  };
  // The relations, the claims they relate and the claims about the same people, read at once.
  const [confirmed, relatedByModerators, samePeople] = await Promise.all([
    relatedForEvidence(db, claim.id),
    db.claim.findMany({
      where: {
        AND: [
          ...eligible,
          {
            OR: [
              { relationsFrom: { some: { toClaimId: claim.id, status: "confirmed" } } },
              { relationsTo: { some: { fromClaimId: claim.id, status: "confirmed" } } },
            ],
          },
        ],
      },
      orderBy: byEvidence,
      select,
    }),
    personIds.length > 0
      ? db.claim.findMany({
          where: {
            AND: [
              ...eligible,
              { people: { some: { personId: { in: personIds } } } },
              // The related ones are read above: these are the others, so they do not take their places.
              { relationsFrom: { none: { toClaimId: claim.id, status: "confirmed" } } },
              { relationsTo: { none: { fromClaimId: claim.id, status: "confirmed" } } },
            ],
          },
          orderBy: byEvidence,
          take: RELATED_CLAIMS,
          select,
        })
      : [],
  ]);
  const related = [...relatedByModerators, ...samePeople];
  const relation = new Map<string, Relation>();
  for (const other of related) {
    const declared = confirmed.get(other.id);
    if (declared) {
      relation.set(
        other.id,
        declared.bearing === "reversed"
          ? "contradicts"
          : declared.bearing === "same"
            ? "confirmed alike"
            : "implied by it",
      );
      continue;
    }
    const compared = compareStatements(claim.statement, other.statement, everyone);
    relation.set(other.id, compared ? (compared.opposite ? "opposite" : "alike") : "same people");
  }
  if (relation.size === 0) return new Map();
  const evidence = related.flatMap((other) => other.evidence.map((item) => ({ ...item, claim: other })));
  const found = new Map<string, CitedElsewhere>();
  for (const item of evidence) {
    const how = relation.get(item.claim.id)!;
    const entry = found.get(item.passage.id) ?? {
      candidate: { sourceId: item.passage.sourceId, text: item.passage.text, folded: searchText(item.passage.text) },
      citedOn: [],
    };
    entry.citedOn.push({ slug: item.claim.slug, statement: item.claim.statement, stance: item.stance, relation: how });
    const carried = carriedStance(how, item.stance);
    // A relation a moderator confirmed outranks one read from the wording.
    if (carried && (!entry.stance || DECLARED.has(how))) {
      const cited = item.stance === "supports" ? "supporting" : "contradicting";
      entry.stance = {
        stance: carried,
        reason: `cited as ${cited} on ${RELATION_WORDS[how]} “${item.claim.statement}”`,
      };
    }
    found.set(item.passage.id, entry);
  }
  return found;
}

type Relation = SuggestedEvidenceDto["reasons"]["citedOn"][number]["relation"];
const DECLARED = new Set<Relation>(["contradicts", "confirmed alike", "implied by it"]);
const RELATION_WORDS: Record<Relation, string> = {
  alike: "a claim alike",
  opposite: "the opposite claim",
  "same people": "a claim about the same people",
  contradicts: "a claim this one contradicts (confirmed)",
  "confirmed alike": "a claim confirmed as the same or implying this one",
  "implied by it": "a claim this one implies (confirmed)",
};

/** The stance evidence cited on a related claim takes here, or none when the relation says nothing of it. */
function carriedStance(how: Relation, stance: string): SuggestedStance | undefined {
  if (stance === "context" || how === "same people") return undefined;
  if (how === "alike" || how === "confirmed alike") return stance as SuggestedStance;
  // What refutes a consequence refutes the claim; what supports it does not prove the claim.
  if (how === "implied by it") return stance === "contradicts" ? "contradicts" : undefined;
  return stance === "supports" ? "contradicts" : "supports";
}

const rememberedSuggestions = cachedPerReader(
  "suggestEvidence",
  (db: Db, actor: MaybeActor, claimIdOrSlug: string, limit: number) =>
    suggestEvidence(db, actor, { claimId: claimIdOrSlug, limit }),
);

/**
 * The suggestions as the API serves them: remembered for each reader until the next acknowledged
 * write, on any instance (decision 0024), since ranking them reads across the whole library. The
 * input is checked first, so a refused request keeps nothing and two spellings of one limit share
 * one answer. Scripts, the benchmark and the evaluation call suggestEvidence, which always ranks.
 */
export async function readSuggestedEvidence(
  db: Db,
  actor: MaybeActor,
  input: unknown,
): Promise<SuggestedEvidenceDto[]> {
  const { claimId, limit } = parseInput(SuggestEvidenceSchema, input);
  return rememberedSuggestions(db, actor, claimId, limit);
}
