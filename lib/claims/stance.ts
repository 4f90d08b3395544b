// Which way a passage bears on a claim, read from its words: explainable cues, not a model. Pure.
import { keyedWords } from "@/lib/search/text";
import { isWhiteSpace } from "@/lib/text/scan";

export type SuggestedStance = "supports" | "contradicts" | "unclear";

// Phrases that look like denials but affirm.
const AFFIRMATION_PHRASES = [
  // "there is little doubt that he ordered it"
  "no doubt",
  "little doubt",
  "without doubt",
  "beyond doubt",
  // Idioms that contain "not" and affirm: "not only…but", "not long before", "not least".
  "not only",
  "not long",
  "not least",
  "not until",
  // They say what a thing is ("nothing more than propaganda", "no less than a betrayal"), not that it is not.
  "nothing more than",
  "nothing but",
  "no more than",
  "little more than",
  "nothing less than",
  "no less than",
];

// Words and phrases by which a text denies, doubts or counters what it reports. Matched as
// whole folded phrases, so "no evidence" matches "No evidence" and "no  evidence".
const DENIAL_PHRASES = [
  "not",
  "no",
  "never",
  "neither",
  "nor",
  "nobody",
  "none",
  "nothing",
  "cannot",
  "could not",
  "did not",
  "does not",
  "was not",
  "were not",
  "has not",
  "have not",
  "had not",
  // Negation without "not" ("so far from intending to", "hardly", "by no means").
  "far from",
  "hardly",
  "scarcely",
  "by no means",
  "in no way",
  "anything but",
  "no evidence",
  "no proof",
  "not proven",
  "never been proven",
  "unproven",
  "denied",
  "denies",
  "deny",
  "rejected",
  "rejects",
  "refuted",
  "disproved",
  "disputed",
  "disputes",
  "doubt",
  "doubts",
  "doubted",
  "doubtful",
  "unlikely",
  "implausible",
  "improbable",
  "untrue",
  "falsehood",
  "unfounded",
  "groundless",
  "baseless",
  "slander",
  "slandered",
  "calumny",
  "myth",
  "false",
  "falsely",
  "fabricated",
  "invented",
  // Not what it seemed: a claim that something was staged says the account of it is false. "Staged"
  // only in the passive: workers who "staged a strike" did strike.
  "was staged",
  "were staged",
  "been staged",
  "is staged",
  "are staged",
  "faked",
  "fake",
  "hoax",
  // "nothing more than Tudor propaganda": what a writer calls propaganda, it doubts.
  "propaganda",
  "sham",
  "trumped up",
  "concocted",
  "innocent",
  // Not "alone", "lone", "on his own": that one person acted alone denies nothing by itself ("King Richard,
  // alone, was killed fighting manfully"); someone else made the only doer of the claim's event is read
  // against the claim's agent in suggestions (findSoleDoer). Measured: stance right 82 -> 84 % on the
  // sample gold set and 58 -> 60 % on the held-out one (decision 0010, eighth round).
  "on the contrary",
  "contrary to",
  "rather than",
  "instead",
  "biased",
  "speculation",
  "speculative",
  "no motive",
  "blamed",
  "scapegoat",
  // The writer keeps its distance from what it reports ("supposedly by falling from a truck").
  "supposedly",
  "ostensibly",
  "purportedly",
  "so called",
  // Matched as phrases so that their words are not read as denials; see AFFIRMATIONS.
  ...AFFIRMATION_PHRASES,
];

const AFFIRMATIONS = new Set(AFFIRMATION_PHRASES);

// "No motive for anyone but Stalin", "nobody except him": a denial of everyone else affirms the one
// excepted. The exception follows within a few words, in the same clause.
const EXCEPTIONS = ["but", "except", "save", "other than"].map((phrase) => keys(phrase).join(" "));
const EXCEPTION_REACH = 4;

// A sentence that opens with a concession ("While there is no direct evidence…, there is little
// doubt that…") says its own view in the main clause, after the first comma.
const CONCESSION_OPENERS = ["while", "although", "though", "even though", "whilst", "despite"].map((phrase) =>
  keys(phrase).join(" "),
);

// Words by which a text softens or turns what it says; weaker than a denial.
const CONTRAST_PHRASES = ["however", "but", "although", "though", "yet", "nevertheless", "whereas", "while", "despite"];

// A question asks; the sentences that answer it bear on the claim, the question itself does not.
const HEDGE_PHRASES = ["perhaps", "maybe", "possibly", "might", "may have", "it is said", "allegedly", "rumoured"];

function keys(phrase: string): string[] {
  return keyedWords(phrase).map((word) => word.key);
}

type Phrase = { phrase: string; keys: string[] };
// Phrases by their first word, so a text is read once rather than once per phrase.
type PhraseIndex = Map<string, Phrase[]>;

function phraseIndex(phrases: readonly string[]): PhraseIndex {
  const index: PhraseIndex = new Map();
  for (const phrase of phrases) {
    const wanted = keys(phrase);
    if (wanted.length === 0) continue;
    index.set(wanted[0]!, [...(index.get(wanted[0]!) ?? []), { phrase, keys: wanted }]);
  }
  return index;
}

const DENIALS = phraseIndex(DENIAL_PHRASES);
const CONTRASTS = phraseIndex(CONTRAST_PHRASES);
const HEDGES = phraseIndex(HEDGE_PHRASES);

type Found = { phrase: string; at: number; length: number };

/**
 * Every occurrence of the listed phrases in a text's keyed words. Where phrases overlap, the longer
 * wins ("no evidence" over "no" at the same place; "not" elsewhere in the sentence still counts).
 */
function findPhrases(words: readonly string[], phrases: PhraseIndex): Found[] {
  const found: Found[] = [];
  words.forEach((word, at) => {
    for (const { phrase, keys: wanted } of phrases.get(word) ?? []) {
      if (at + wanted.length <= words.length && wanted.every((key, offset) => words[at + offset] === key))
        found.push({ phrase, at, length: wanted.length });
    }
  });
  const covers = (outer: Found, inner: Found) =>
    outer !== inner &&
    outer.length > inner.length &&
    outer.at <= inner.at &&
    inner.at + inner.length <= outer.at + outer.length;
  // Only a phrase starting at most one phrase length before an item can cover it: `found` is in
  // the order of positions, so those are the few around the item (comparing every other item, in a
  // text of thousands of "not", made this quadratic).
  const longest = found.reduce((most, item) => Math.max(most, item.length), 0);
  let first = 0;
  let last = 0;
  return found.filter((item) => {
    while (found[first]!.at <= item.at - longest) first++;
    while (last + 1 < found.length && found[last + 1]!.at <= item.at) last++;
    for (let other = first; other <= last; other++) if (covers(found[other]!, item)) return false;
    return true;
  });
}

/** Whether a word position is within `reach` of one of `positions`: sorted once, then found by halving. */
function withinReachOf(positions: readonly number[], reach: number): (at: number) => boolean {
  const sorted = positions.filter(Number.isFinite).sort((a, b) => a - b);
  return (at) => {
    let low = 0;
    let high = sorted.length;
    while (low < high) {
      const middle = (low + high) >> 1;
      if (sorted[middle]! < at - reach) low = middle + 1;
      else high = middle;
    }
    return low < sorted.length && sorted[low]! <= at + reach;
  };
}

const CLOSING_MARKS = new Set(['"', "'", "”", "’", ")"]);

/**
 * Whether a text ends with a question mark, closing quotes or brackets and spaces aside: what
 * /\?\s*["'”’)]*\s*$/ finds, read from the end (that expression, tried after each "?", read a
 * long run of spaces again for every split of it).
 */
export function endsWithQuestion(text: string): boolean {
  let end = text.length;
  while (end > 0 && isWhiteSpace(text.charCodeAt(end - 1))) end--;
  while (end > 0 && CLOSING_MARKS.has(text[end - 1]!)) end--;
  while (end > 0 && isWhiteSpace(text.charCodeAt(end - 1))) end--;
  return text[end - 1] === "?";
}

export type StanceCues = {
  /** Denials within reach of the claim's words (or anywhere, when no positions are given). */
  denials: string[];
  contrasts: string[];
  hedges: string[];
  question: boolean;
};

// "Not as tight as was normal", "not so strong as before": a comparison, within a few words.
const AS_KEY = keys("as")[0]!;
const NOT_KEY = keys("not")[0]!;
const COMPARISON_OPENERS = new Set(keys("as so"));
const COMPARISON_REACH = 3;

// A denial bears on its own part of a sentence: in "Stalin could not have ordered it because the two
// were close friends" the friendship is asserted. With the positions of the claim's event words, a
// denial counts only in a part holding one of them (or anywhere when the text has none).
const SCOPE_BREAKS = new Set(keys("because but although though whereas"));

// A denial bears on what is said next to it: "not" six words from the claim's words is about
// something else ("not only as an assassin", "did not hesitate" is the exception we accept).
const DENIAL_REACH = 6;

/**
 * The cues of denial, contrast, hedging and questioning in a text. With `near` (the word positions
 * of the claim's people and event in the text), a denial counts only within reach of one of them;
 * with `event` (those of its event words), only in a part of the sentence holding one (SCOPE_BREAKS).
 */
export function stanceCues(text: string, near?: readonly number[], event?: readonly number[]): StanceCues {
  const keyed = keyedWords(text);
  const words = keyed.map((word) => word.key);
  const nearOne = near ? withinReachOf(near, DENIAL_REACH) : undefined;
  // Which part of the sentence each word is in, parts split by "because", "but", "although"…
  const part: number[] = [];
  words.forEach((key, at) => {
    part.push((part[at - 1] ?? 0) + (at > 0 && SCOPE_BREAKS.has(key) ? 1 : 0));
  });
  const eventParts = new Set((event ?? []).filter((at) => at >= 0 && at < part.length).map((at) => part[at]));
  const inReach = (at: number) => (!nearOne || nearOne(at)) && (eventParts.size === 0 || eventParts.has(part[at]));
  const opener = keys(text.slice(0, 20)).slice(0, 2).join(" ");
  const comma = text.indexOf(",");
  const concession =
    comma !== -1 && CONCESSION_OPENERS.some((word) => opener === word || opener.startsWith(`${word} `));
  // Word position where the main clause starts, after the words before the comma: cues before it
  // belong to the concession.
  const afterComma = concession ? keyed.findIndex((word) => word.end > comma) : 0;
  const mainClause = afterComma === -1 ? keyed.length : afterComma;
  const clauseBreaks = new Set(
    keyed.flatMap((word, at) => (at > 0 && /[,;:]\s*$/.test(text.slice(keyed[at - 1]!.end, word.start)) ? [at] : [])),
  );
  /** Whether the denial at `item` is "no … but X": it excludes everyone but X. */
  const excepts = (item: Found) => {
    for (let at = item.at + item.length; at <= item.at + item.length + EXCEPTION_REACH && at < words.length; at++) {
      if (clauseBreaks.has(at)) return false;
      if (EXCEPTIONS.some((phrase) => phrase === words[at] || phrase === `${words[at]} ${words[at + 1] ?? ""}`))
        return true;
    }
    return false;
  };
  /** Whether the denial at `item` is a comparison, "not as tight as", "not so strong as": it says less, not no. */
  const compares = (item: Found) => {
    const next = item.at + item.length;
    if (words[next - 1] !== NOT_KEY || !COMPARISON_OPENERS.has(words[next] ?? "")) return false;
    return words.slice(next + 2, next + 2 + COMPARISON_REACH).includes(AS_KEY);
  };
  /** Whether `item` is "so-called" before a name ("the so-called Serov Instructions"): a title, not distance. */
  const names = (item: Found) => {
    const next = keyed[item.at + item.length];
    return item.phrase === "so called" && next !== undefined && /^\p{Lu}/u.test(text.slice(next.start, next.end));
  };
  const found = findPhrases(words, DENIALS).filter(
    (item) =>
      item.at >= mainClause &&
      inReach(item.at) &&
      !compares(item) &&
      !names(item) &&
      (AFFIRMATIONS.has(item.phrase) || !excepts(item)),
  );
  return {
    // "little doubt" affirms what follows: it is no denial, and the rest of the sentence still counts.
    denials: [...new Set(found.filter((item) => !AFFIRMATIONS.has(item.phrase)).map((item) => item.phrase))],
    contrasts: [...new Set(findPhrases(words, CONTRASTS).map((item) => item.phrase))],
    hedges: [...new Set(findPhrases(words, HEDGES).map((item) => item.phrase))],
    question: endsWithQuestion(text),
  };
}

export type StanceEvidence = {
  /** Cues in the passage. */
  cues: StanceCues;
  /** Whether the claim itself denies something ("Stalin did not order…", "…was staged"). */
  claimDenies: boolean;
  /** The claim names who did what it says (the person before its verb, or after "by"). */
  hasAgent: boolean;
  /** The claim's agent is named in the passage or just before it. */
  namesAgent: boolean;
  /** Any of the claim's people is named in the passage. */
  namesPeople: boolean;
  /** Other known people the passage names next to the claim's event words, none of them the claim's people. */
  otherPeople: string[];
  /** Someone else the passage makes the doer ("by Nikolayev", "Nikolayev alone"), with the word that says so. */
  otherDoer?: { name: string; cue: string };
  /** The passage names the claim's event (one of its concept words). */
  namesEvent: boolean;
};

/**
 * The suggested stance and the reason in words. A passage that denies or doubts the claim's event,
 * or puts another person where the claim puts its agent, is suggested as contradicting; one that
 * names the agent and the event plainly, as supporting; anything else, or a question, as unclear.
 * A claim that itself denies flips the reading.
 */
export function suggestStance(evidence: StanceEvidence): { stance: SuggestedStance; reason: string } {
  const { cues, claimDenies, hasAgent, namesAgent, namesPeople, otherPeople, otherDoer, namesEvent } = evidence;
  if (cues.question) return { stance: "unclear", reason: "asks a question rather than answering it" };
  const flip = (stance: SuggestedStance): SuggestedStance =>
    !claimDenies || stance === "unclear" ? stance : stance === "supports" ? "contradicts" : "supports";
  // Someone else as the only doer ("carried out by Nikolayev alone"), unless the passage also denies
  // something else ("Nikolayev did not act alone").
  if (hasAgent && otherDoer && !namesAgent && cues.denials.every((phrase) => phrase === otherDoer.cue)) {
    return { stance: flip("contradicts"), reason: `names another perpetrator: ${otherDoer.name} “${otherDoer.cue}”` };
  }
  if (cues.denials.length > 0) {
    const words = cues.denials
      .slice(0, 2)
      .map((phrase) => `“${phrase}”`)
      .join(", ");
    return {
      stance: flip("contradicts"),
      reason: claimDenies ? `denies as the claim does: ${words}` : `denies or doubts: ${words}`,
    };
  }
  if (hasAgent && otherPeople.length > 0 && !namesAgent && namesEvent) {
    return {
      stance: flip("contradicts"),
      reason: `names someone else in the event: ${otherPeople.slice(0, 2).join(", ")}`,
    };
  }
  if ((namesAgent || (!hasAgent && namesPeople)) && namesEvent) {
    if (cues.hedges.length > 0) return { stance: "unclear", reason: `hedges: “${cues.hedges[0]}”` };
    return { stance: flip("supports"), reason: "names the claim's people and event without denying them" };
  }
  return { stance: "unclear", reason: "bears on the claim's people or event; read it to judge" };
}
