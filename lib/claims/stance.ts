// Which way a passage bears on a claim, read from its words: explainable cues, not a model. Pure.
import { keyedWords } from "@/lib/search/text";

export type SuggestedStance = "supports" | "contradicts" | "unclear";

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
  "myth",
  "false",
  "falsely",
  "fabricated",
  "invented",
  "innocent",
  "alone",
  "lone",
  "on his own",
  "by himself",
  "acted alone",
  "on the contrary",
  "contrary to",
  "rather than",
  "instead",
  "biased",
  "speculation",
  "speculative",
  "no motive",
  "blamed",
  "no doubt",
  "little doubt",
  "without doubt",
  "beyond doubt",
  "scapegoat",
  "pretext",
];

// Phrases that look like denials but affirm: "there is little doubt that he ordered it".
const AFFIRMATIONS = new Set(["no doubt", "little doubt", "without doubt", "beyond doubt"]);

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

const DENIALS = DENIAL_PHRASES.map((phrase) => ({ phrase, keys: keys(phrase) }));
const CONTRASTS = CONTRAST_PHRASES.map((phrase) => ({ phrase, keys: keys(phrase) }));
const HEDGES = HEDGE_PHRASES.map((phrase) => ({ phrase, keys: keys(phrase) }));

type Found = { phrase: string; at: number; length: number };

/**
 * Every occurrence of the listed phrases in a text's keyed words. Where phrases overlap, the longer
 * wins ("no evidence" over "no" at the same place; "not" elsewhere in the sentence still counts).
 */
function findPhrases(words: readonly string[], phrases: typeof DENIALS): Found[] {
  const found: Found[] = [];
  for (const { phrase, keys: wanted } of phrases) {
    if (wanted.length === 0) continue;
    for (let index = 0; index + wanted.length <= words.length; index++) {
      if (wanted.every((key, offset) => words[index + offset] === key))
        found.push({ phrase, at: index, length: wanted.length });
    }
  }
  const covers = (outer: Found, inner: Found) =>
    outer !== inner &&
    outer.length > inner.length &&
    outer.at <= inner.at &&
    inner.at + inner.length <= outer.at + outer.length;
  return found.filter((item) => !found.some((other) => covers(other, item)));
}

export type StanceCues = {
  /** Denials within reach of the claim's words (or anywhere, when no positions are given). */
  denials: string[];
  contrasts: string[];
  hedges: string[];
  question: boolean;
};

// A denial bears on what is said next to it: "not" six words from the claim's words is about
// something else ("not only as an assassin", "did not hesitate" is the exception we accept).
const DENIAL_REACH = 6;

/**
 * The cues of denial, contrast, hedging and questioning in a text. With `near` (the word positions
 * of the claim's people and event in the text), a denial counts only within reach of one of them.
 */
export function stanceCues(text: string, near?: readonly number[]): StanceCues {
  const words = keys(text);
  const inReach = (at: number) => !near || near.some((position) => Math.abs(position - at) <= DENIAL_REACH);
  const opener = keys(text.slice(0, 20)).slice(0, 2).join(" ");
  const comma = text.indexOf(",");
  const concession =
    comma !== -1 && CONCESSION_OPENERS.some((word) => opener === word || opener.startsWith(`${word} `));
  // Word position where the main clause starts: cues before it belong to the concession.
  const mainClause = concession ? keys(text.slice(0, comma)).length : 0;
  const found = findPhrases(words, DENIALS).filter((item) => item.at >= mainClause && inReach(item.at));
  return {
    // "little doubt" affirms what follows: it is no denial, and the rest of the sentence still counts.
    denials: [...new Set(found.filter((item) => !AFFIRMATIONS.has(item.phrase)).map((item) => item.phrase))],
    contrasts: [...new Set(findPhrases(words, CONTRASTS).map((item) => item.phrase))],
    hedges: [...new Set(findPhrases(words, HEDGES).map((item) => item.phrase))],
    question: /\?\s*["'”’)]*\s*$/.test(text.trim()),
  };
}

export type StanceEvidence = {
  /** Cues in the passage. */
  cues: StanceCues;
  /** Whether the claim itself denies something ("Stalin did not order…", "…acted alone"). */
  claimDenies: boolean;
  /** The claim names who did what it says (the person before its verb, or after "by"). */
  hasAgent: boolean;
  /** The claim's agent is named in the passage or just before it. */
  namesAgent: boolean;
  /** Any of the claim's people is named in the passage. */
  namesPeople: boolean;
  /** Other known people the passage names next to the claim's event words, none of them the claim's people. */
  otherPeople: string[];
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
  const { cues, claimDenies, hasAgent, namesAgent, namesPeople, otherPeople, namesEvent } = evidence;
  if (cues.question) return { stance: "unclear", reason: "asks a question rather than answering it" };
  const flip = (stance: SuggestedStance): SuggestedStance =>
    !claimDenies || stance === "unclear" ? stance : stance === "supports" ? "contradicts" : "supports";
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
