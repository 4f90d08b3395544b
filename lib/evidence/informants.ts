// Who a passage says its information comes from ("According to Orlov, …", "Nikolayev claimed …",
// "in Orlov's account", "as Barmine recalled"), and which of a claim's passages therefore may share
// one origin (docs/decisions/0020-lines-of-evidence.md). Offered to members as suggestions, never
// applied by themselves: a cue says who is quoted, not that two passages are one line.
//
// Names are found by their shape, not from a list: capitalised words (with initials and particles
// such as "von" or "de") next to a reporting cue. Known people (lib/people/detect.ts) join the
// spellings of one person ("Alexander Orlov", "Orlov", "Aleksandr Orlov"); a name nobody knows yet
// joins the passages that give it the same surname (lib/people/names.ts keys, so "Nikolaev" and
// "Nikolayev" are one). Pure: no database.

import { detectMentions, type KnownPerson } from "@/lib/people/detect";
import { nameKey } from "@/lib/people/names";

/** How a passage names its informant; the first three frame the whole passage as someone's account. */
export type InformantCue = "according to" | "account of" | "as recalled" | "reporting verb";

export type Informant = {
  /** The name as written, without a possessive ("Alexander Orlov"). */
  name: string;
  /** Where the name is in the text. */
  start: number;
  end: number;
  cue: InformantCue;
  /** The words that make it a report ("According to Alexander Orlov", "Nikolayev claimed"). */
  phrase: string;
};

// ---------------------------------------------------------------------------------------------
// Names and cues
// ---------------------------------------------------------------------------------------------

// A capitalised word (an apostrophe inside only before a capital, as in O'Brien, so "Orlov's" stops
// at the possessive), or an initial with its full stop.
const NAME_WORD = String.raw`(?:\p{Lu}(?:[\p{L}\p{M}-]|['’](?=\p{Lu}))*[\p{L}\p{M}]|\p{Lu}\.)`;
const PARTICLE = "(?:von|van|der|den|de|del|della|di|da|du|la|le|bin|ibn|al|ten|ter|zu)";
// Up to five words: "Lavrentiy Pavlovich Beria", "A. M. Larina", "Ludwig van Beethoven".
// Only at the start of a word: a match tried from inside a long word would read it again and again.
const NAME = String.raw`(?<![\p{L}\p{M}\p{N}'’.-])${NAME_WORD}(?:[ \t]+(?:${PARTICLE}[ \t]+)?${NAME_WORD}){0,4}`;
const POSSESSIVE = "['’]s?";

/** What an account is called: "in Orlov's memoirs", "the testimony of Zaporozhets". */
const ACCOUNT_NOUNS = [
  "account",
  "accounts",
  "memoir",
  "memoirs",
  "reminiscences",
  "recollection",
  "recollections",
  "testimony",
  "testimonies",
  "deposition",
  "confession",
  "confessions",
  "interrogation",
  "interrogations",
  "interview",
  "interviews",
  "version",
  "story",
  "telling",
  "narrative",
  "report",
  "reports",
  "diary",
  "diaries",
  "letter",
  "letters",
  "book",
  "books",
  "autobiography",
  "statement",
  "statements",
  "affidavit",
  "allegation",
  "allegations",
  "claim",
  "claims",
];
const ACCOUNT = `(?:${ACCOUNT_NOUNS.join("|")})`;
// "Orlov's own account", "Orlov's later memoirs".
const ACCOUNT_ADJECTIVE = String.raw`(?:(?:own|later|earlier|first|second-hand|secondhand|published|unpublished|secret|famous|posthumous|sworn)[ \t]+)?`;

/** Verbs of saying, writing and remembering, as a report names who made it. */
const REPORTING_VERBS = [
  "claim",
  "say",
  "said",
  "write",
  "wrote",
  "recall",
  "remember",
  "testify",
  "testified",
  "report",
  "state",
  "assert",
  "allege",
  "maintain",
  "insist",
  "believe",
  "argue",
  "note",
  "relate",
  "describe",
  "admit",
  "confess",
  "recount",
  "remark",
  "conclude",
  "suggest",
  "explain",
  "declare",
  "contend",
  "swear",
  "swore",
  "sworn",
  "concede",
  "acknowledge",
  "mention",
  "observe",
  "aver",
];
// Every form a reporting verb takes after a name: claimed, claims, has claimed, is claiming.
const VERB_FORMS = REPORTING_VERBS.flatMap((verb) => {
  if (!/^[a-z]+$/.test(verb) || ["said", "wrote", "testified", "swore", "sworn"].includes(verb)) return [verb];
  const stem = verb.endsWith("e") ? verb.slice(0, -1) : verb;
  const third = verb.endsWith("y") && !/[aeiou]y$/.test(verb) ? `${verb.slice(0, -1)}ies` : `${verb}s`;
  const past = verb.endsWith("y") && !/[aeiou]y$/.test(verb) ? `${verb.slice(0, -1)}ied` : `${stem}ed`;
  return [verb, third, past, `${stem}ing`];
});
const VERB = `(?:${[...new Set(VERB_FORMS)].sort((a, b) => b.length - a.length).join("|")}|is sure|was sure|is convinced|was convinced|put it)`;
// "Orlov later claimed", "Orlov has always maintained", "Orlov, who defected in 1938, claimed".
const AUXILIARY = String.raw`(?:(?:has|had|have|would|was|is|also|later|then|once|first|always|never|himself|herself|repeatedly|privately|publicly|\p{Ll}+ly)[ \t]+){0,2}`;
const APPOSITION = String.raw`(?:,[ \t][^,;.!?\n]{1,80}?,)?`;

// Each cue, with the name in group 1 (and, for "according to", what follows it in group 2).
const ACCORDING_TO = new RegExp(
  String.raw`\b[Aa]ccording[ \t]+to[ \t]+(?:(?:the|a|an|his|her)[ \t]+${ACCOUNT_ADJECTIVE}${ACCOUNT}[ \t]+(?:of|by)[ \t]+)?(?:the[ \t]+)?(${NAME})(${POSSESSIVE}[ \t]+${ACCOUNT_ADJECTIVE}${ACCOUNT}\b|[ \t]+and[ \t]+${NAME_WORD}|(?=[,.;:)!?”"'’\]]|[ \t]*$|[ \t]+\p{Lu}|[ \t]+(?:that|who|whom|in|on|at|writing|speaking)\b))`,
  "gu",
);
const ACCOUNT_OF = new RegExp(
  String.raw`(?:\b(?:${ACCOUNT})[ \t]+(?:of|by)[ \t]+(${NAME})\b(?!${POSSESSIVE})|(${NAME})${POSSESSIVE}[ \t]+${ACCOUNT_ADJECTIVE}${ACCOUNT}\b)`,
  "gu",
);
const AS_RECALLED = new RegExp(String.raw`\b[Aa]s[ \t]+(${NAME})[ \t]+${AUXILIARY}${VERB}\b`, "gu");
const NAME_THEN_VERB = new RegExp(String.raw`(${NAME})${APPOSITION}[ \t]+${AUXILIARY}${VERB}\b`, "gu");
// After a quotation: "…,” recalled Orlov.
const VERB_THEN_NAME = new RegExp(String.raw`[,”"'’][ \t]*${VERB}[ \t]+(${NAME})\b`, "gu");

/**
 * Capitalised words that begin sentences or name no one: a name is what is left once these are
 * taken off its front ("In December Orlov claimed" is Orlov's; "Historians claimed" is nobody's).
 */
const NOT_NAMES = new Set(
  (
    "a an the this that these those he she it they we i you one his her its their our my your " +
    "some many most more other others several few both all each every such any no none nobody everyone someone anyone " +
    "in on at by for from to of with after before when while although though however but and or yet so then there here " +
    "also as if since because later earlier still thus hence indeed finally first second third today yesterday " +
    "historians historian scholars scholar critics critic witnesses witness sources source reports report documents " +
    "document officials official researchers writers authors author newspapers newspaper soviet russian western american " +
    "british german french polish ukrainian communist bolshevik party court state government police commission " +
    "committee prosecutor prosecution defence defense investigators investigator memoirs memoir account accounts " +
    "january february march april may june july august september october november december " +
    "monday tuesday wednesday thursday friday saturday sunday mr mrs ms dr sir"
  ).split(" "),
);

const hasLetters = (word: string) => /\p{L}{2}/u.test(word);

/** The name once leading words that name nobody are gone, or null when nothing is left. */
function cleanName(raw: string): { name: string; offset: number } | null {
  const words = [...raw.matchAll(/\S+/gu)];
  let first = 0;
  // An initial ("A.") is not the article "A".
  while (first < words.length && NOT_NAMES.has(words[first]![0].toLowerCase())) first++;
  const kept = words.slice(first);
  // A particle cannot start a name that is left; initials alone ("A. B.") name nobody.
  while (kept.length > 0 && new RegExp(`^${PARTICLE}$`, "u").test(kept[0]![0])) kept.shift();
  if (kept.length === 0 || !kept.some((word) => hasLetters(word[0]))) return null;
  const last = kept[kept.length - 1]![0];
  // The surname is what passages share: it must be a word, not an initial.
  if (!hasLetters(last) || last.replace(/\.$/, "").length < 3) return null;
  if (NOT_NAMES.has(last.toLowerCase())) return null;
  const start = kept[0]!.index;
  const end = last.length + kept[kept.length - 1]!.index;
  return { name: raw.slice(start, end), offset: start };
}

const CUES: { pattern: RegExp; cue: InformantCue }[] = [
  { pattern: ACCORDING_TO, cue: "according to" },
  { pattern: ACCOUNT_OF, cue: "account of" },
  { pattern: AS_RECALLED, cue: "as recalled" },
  { pattern: VERB_THEN_NAME, cue: "reporting verb" },
  { pattern: NAME_THEN_VERB, cue: "reporting verb" },
];

/** Framing cues come first: in "Nikolayev claimed, according to Orlov, …" the account is Orlov's. */
const CUE_RANK: Record<InformantCue, number> = {
  "according to": 0,
  "account of": 1,
  "as recalled": 2,
  "reporting verb": 3,
};

/**
 * Everyone a text names as the source of what it says, each once per place, framing cues
 * ("according to", "X's account", "as X recalled") before reporting verbs ("X claimed"), then in
 * the order they appear.
 */
export function findInformants(text: string): Informant[] {
  const found: Informant[] = [];
  for (const { pattern, cue } of CUES) {
    for (const match of text.matchAll(pattern)) {
      const group = match[1] !== undefined ? 1 : 2;
      const raw = match[group];
      if (raw === undefined) continue;
      const cleaned = cleanName(raw);
      if (!cleaned) continue;
      const start = match.index + match[0].indexOf(raw) + cleaned.offset;
      const end = start + cleaned.name.length;
      if (found.some((other) => other.start < end && start < other.end)) continue;
      found.push({ name: cleaned.name, start, end, cue, phrase: match[0].replace(/^[,”"'’][ \t]*/u, "").trim() });
    }
  }
  return found.sort((a, b) => CUE_RANK[a.cue] - CUE_RANK[b.cue] || a.start - b.start);
}

// ---------------------------------------------------------------------------------------------
// Who an informant is, and which passages share one
// ---------------------------------------------------------------------------------------------

/** A person the app knows, with the name shown for them. */
export type KnownInformant = KnownPerson & { name: string };

type Identity = { key: string; label: string; surname: string; personId: string | null };

function surnameOf(name: string): string {
  const words = nameKey(name).split(" ").filter(Boolean);
  return words[words.length - 1] ?? "";
}

/**
 * Who a name is: a known person when it ends in one of their spellings (and only one person's),
 * else whoever carries that surname. "Sergei Kirov Museum" is not Kirov: the name must end with him.
 */
function identify(name: string, people: readonly KnownInformant[]): Identity {
  const surname = surnameOf(name);
  const key = nameKey(name);
  const attached = detectMentions(name, [...people]).filter((mention) => mention.status === "attached");
  const candidates = new Set(
    attached
      .map((mention) => people.find((person) => person.id === mention.personId)!)
      .filter((person) =>
        person.aliases.some((alias) => {
          const aliasKey = alias.key.trim();
          return aliasKey !== "" && (key === aliasKey || key.endsWith(` ${aliasKey}`));
        }),
      ),
  );
  if (candidates.size === 1) {
    const person = [...candidates][0]!;
    return { key: `person:${person.id}`, label: person.name, surname, personId: person.id };
  }
  return { key: `name:${surname}`, label: name, surname, personId: null };
}

/** A piece of a claim's evidence, as the suggestion reads it. */
export type OriginCandidate = {
  evidenceId: string;
  text: string;
  originId: string | null;
  /**
   * The words just before the passage in its paragraph. A passage that names nobody continues an
   * account begun there ("According to Orlov, Stalin ordered Yagoda … Yagoda ordered Zaporozhets …"):
   * it joins a suggestion that other passages start, never starts one.
   */
  before?: string;
};

export type OriginSuggestion = {
  /** Who the passages name as their informant: a known person's name, else the fullest spelling seen. */
  informant: string;
  personId: string | null;
  /** The passages, in the order given; each with the words that name the informant. */
  passages: { evidenceId: string; phrase: string; fromContext: boolean }[];
  evidenceIds: string[];
  /** An origin some of them already belong to (the one holding most of them), which the others may join. */
  originId: string | null;
  /** What to call a new origin for them. */
  suggestedName: string;
};

/** The last sentence of the words before a passage, where an account it continues would begin. */
function lastSentence(text: string): string {
  const trimmed = text.trimEnd();
  const cut = Math.max(trimmed.lastIndexOf(". "), trimmed.lastIndexOf("! "), trimmed.lastIndexOf("? "));
  return cut >= 0 ? trimmed.slice(cut + 2) : trimmed;
}

/**
 * The groupings to offer on a claim: passages that name the same informant ("according to Orlov",
 * "Orlov claimed", "in Orlov's account"), two or more of them, unless they already all belong to
 * one origin. A passage's informant is its first framing cue, else its first reporting verb. Most
 * passages first.
 */
export function suggestOrigins(
  candidates: readonly OriginCandidate[],
  people: readonly KnownInformant[] = [],
): OriginSuggestion[] {
  type Entry = { candidate: OriginCandidate; identity: Identity; phrase: string; fromContext: boolean };
  const own: Entry[] = [];
  const continuing: Entry[] = [];
  for (const candidate of candidates) {
    const [informant] = findInformants(candidate.text);
    if (informant) {
      own.push({ candidate, identity: identify(informant.name, people), phrase: informant.phrase, fromContext: false });
      continue;
    }
    const framing = candidate.before
      ? findInformants(lastSentence(candidate.before)).find((found) => found.cue !== "reporting verb")
      : undefined;
    if (framing) {
      continuing.push({
        candidate,
        identity: identify(framing.name, people),
        phrase: framing.phrase,
        fromContext: true,
      });
    }
  }

  // A surname nobody's full name claimed joins the one known person who carries it ("Orlov" with
  // "Alexander Orlov"), when exactly one does among these passages.
  const personKeys = new Map<string, Set<string>>();
  for (const entry of [...own, ...continuing]) {
    if (entry.identity.personId) {
      const keys = personKeys.get(entry.identity.surname) ?? new Set<string>();
      keys.add(entry.identity.key);
      personKeys.set(entry.identity.surname, keys);
    }
  }
  const keyOf = (identity: Identity) => {
    if (identity.personId) return identity.key;
    const people = personKeys.get(identity.surname);
    return people?.size === 1 ? [...people][0]! : identity.key;
  };

  const groups = new Map<string, Entry[]>();
  for (const entry of own) {
    const key = keyOf(entry.identity);
    groups.set(key, [...(groups.get(key) ?? []), entry]);
  }
  for (const entry of continuing) {
    const key = keyOf(entry.identity);
    const group = groups.get(key);
    if (group) group.push(entry);
  }

  const order = new Map(candidates.map((candidate, index) => [candidate.evidenceId, index]));
  const suggestions: OriginSuggestion[] = [];
  for (const entries of groups.values()) {
    if (entries.length < 2) continue;
    entries.sort((a, b) => order.get(a.candidate.evidenceId)! - order.get(b.candidate.evidenceId)!);
    const origins = entries.map((entry) => entry.candidate.originId);
    if (origins[0] !== null && origins.every((originId) => originId === origins[0])) continue;
    const counts = new Map<string, number>();
    for (const originId of origins) if (originId !== null) counts.set(originId, (counts.get(originId) ?? 0) + 1);
    const originId = [...counts.entries()].sort((a, b) => b[1] - a[1])[0]?.[0] ?? null;
    const known = entries.find((entry) => entry.identity.personId)?.identity;
    // The fullest spelling the passages give, for a name nobody knows yet: "Alexander Orlov" over "Orlov".
    const informant =
      known?.label ??
      entries
        .map((entry) => entry.identity.label)
        .sort((a, b) => b.split(/\s+/).length - a.split(/\s+/).length || b.length - a.length)[0]!;
    suggestions.push({
      informant,
      personId: known?.personId ?? null,
      passages: entries.map((entry) => ({
        evidenceId: entry.candidate.evidenceId,
        phrase: entry.phrase,
        fromContext: entry.fromContext,
      })),
      evidenceIds: entries.map((entry) => entry.candidate.evidenceId),
      originId,
      suggestedName: `${informant}'s account`,
    });
  }
  return suggestions.sort(
    (a, b) => b.evidenceIds.length - a.evidenceIds.length || a.informant.localeCompare(b.informant),
  );
}
