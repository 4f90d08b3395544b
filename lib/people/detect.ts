import { eachKeyedWord } from "@/lib/search/text";
import { runSteps, type Steps } from "@/lib/steps";
import { isWhiteSpace } from "@/lib/text/scan";

export type KnownPerson = { id: string; aliases: readonly { name: string; key: string }[] };
export type DetectedMention = { personId: string; surface: string; count: number; status: "attached" | "ambiguous" };

// Single-word spellings this short ("Li", "Mo") match too much by accident.
const MIN_SINGLE_WORD_KEY = 4;
const MAX_NAME_WORDS = 6;
// Words read between two steps of detectInSteps: a millisecond or two.
const STEP_WORDS = 5000;

const isQuote = (char: string | undefined) => char === "'" || char === "’";

/**
 * A possessive or wiki markup ("Stalin's", "Ivan Serov''") is not part of the spelling. Removes what
 * /(?:['’]s)?['’]*$/ matches, read from the end: that expression, tried from each quote of a long run
 * inside a word ("Ki''…''rov" keys as "kirov"), read the rest of the run again every time.
 */
function withoutTrailingQuotes(surface: string): string {
  let end = surface.length;
  while (end > 0 && isQuote(surface[end - 1])) end--;
  if (end >= 2 && surface[end - 1] === "s" && isQuote(surface[end - 2])) end -= 2;
  return surface.slice(0, end);
}

type Word = { start: number; end: number; key: string };

/** Whether a word is written with a capital, or in a script without case (where any word may be a name). */
function looksLikeName(text: string): boolean {
  const first = text[0] ?? "";
  return first !== first.toLowerCase() || first === first.toUpperCase();
}

/** A node of the trie of full names: one edge per word key, the people whose full name ends here. */
type NameNode = { next: Map<string, NameNode>; personIds?: Set<string> };

/**
 * Everything detection needs to know about the known people, built once for any number of texts:
 * a trie over the word keys of every full name (one walk from each word of a text finds the
 * longest name starting there, whatever the number of people or spellings) and the surnames and
 * single-word spellings that stand for people on their own.
 */
export type MentionMatcher = {
  /** The mentions in a text (see detectMentions). */
  detect(text: string): DetectedMention[];
  /** detect, in steps of a few thousand words (lib/steps.ts). */
  detectInSteps(text: string): Steps<DetectedMention[]>;
  /** Whether a text names a known person (full name, or a surname only they have). */
  namesSomeone(text: string): boolean;
};

export function mentionMatcher(people: readonly KnownPerson[]): MentionMatcher {
  const root: NameNode = { next: new Map() };
  const singleWords = new Map<string, Set<string>>();
  const addSingle = (key: string, personId: string) => {
    const set = singleWords.get(key);
    if (set) set.add(personId);
    else singleWords.set(key, new Set([personId]));
  };
  for (const person of people) {
    for (const alias of person.aliases) {
      const words = alias.key.split(" ").filter(Boolean);
      if (words.length === 0) continue;
      if (words.length === 1) {
        if (words[0]!.length >= MIN_SINGLE_WORD_KEY) addSingle(words[0]!, person.id);
        continue;
      }
      // A spelling of more words than a name is looked for in is never found in full (as before the trie).
      if (words.length <= MAX_NAME_WORDS) {
        let node = root;
        for (const word of words) {
          let child = node.next.get(word);
          if (!child) {
            child = { next: new Map() };
            node.next.set(word, child);
          }
          node = child;
        }
        node.personIds ??= new Set();
        node.personIds.add(person.id);
      }
      // The surname of a full name stands for the person too ("Kirov" for "Sergei Kirov").
      const surname = words[words.length - 1]!;
      if (surname.length >= MIN_SINGLE_WORD_KEY) addSingle(surname, person.id);
    }
  }
  const detectInSteps = (text: string) => findMentions(text, eachKeyedWord(text), root, singleWords);
  const detect = (text: string) => runSteps(detectInSteps(text));
  return {
    detect,
    detectInSteps,
    namesSomeone: (text) => detect(text).some((mention) => mention.status === "attached"),
  };
}

/** Whether only white space and hyphens (at least one character) lie between two words: "Sergei Kirov", not "Kirov. Sergei". */
function joined(text: string, previousEnd: number, start: number): boolean {
  if (start <= previousEnd) return false;
  for (let index = previousEnd; index < start; index++) {
    const code = text.charCodeAt(index);
    if (code !== 0x2d && !isWhiteSpace(code)) return false;
  }
  return true;
}

/**
 * Finds every person named in a text under any of their spellings, transliteration variants
 * included (the spelling-independent keys of lib/people/names.ts). Full names ("Sergei Kirov",
 * "Sergey Kirov") attach to their person. A surname alone ("Kirov") attaches when only one
 * known person has it, or when only one of those who share it is named in full in the same
 * text; otherwise it is reported as ambiguous against every candidate, for a human to settle.
 * For many texts, build a mentionMatcher once.
 */
export function detectMentions(text: string, people: readonly KnownPerson[]): DetectedMention[] {
  return mentionMatcher(people).detect(text);
}

type Found = { personIds: Set<string>; surface: string };

// One pass over the words: from each word, the trie is walked along the words that follow it
// (joined by spaces or hyphens, at most MAX_NAME_WORDS), and the longest full name found there
// wins; a word that starts none is looked up as a surname or single-word spelling. The words
// come one at a time; only the few a walk looks ahead at are held.
function* findMentions(
  text: string,
  wordStream: Iterator<Word>,
  root: NameNode,
  singleWords: ReadonlyMap<string, Set<string>>,
): Steps<DetectedMention[]> {
  const full: Found[] = [];
  const single: Found[] = [];
  const ahead: Word[] = [];
  let exhausted = false;
  // The word `offset` places ahead of the current one, read from the stream when first needed.
  const peek = (offset: number): Word | undefined => {
    while (ahead.length <= offset && !exhausted) {
      const next = wordStream.next();
      if (next.done) exhausted = true;
      else ahead.push(next.value);
    }
    return ahead[offset];
  };
  for (let first = peek(0), read = 0; first !== undefined; first = peek(0), read++) {
    if (read % STEP_WORDS === STEP_WORDS - 1) yield;
    let matched = 0;
    let matchedIds: Set<string> | undefined;
    let node = root.next.get(first.key);
    for (let length = 2; node && length <= MAX_NAME_WORDS; length++) {
      const word = peek(length - 1);
      if (!word || !joined(text, ahead[length - 2]!.end, word.start)) break;
      node = node.next.get(word.key);
      if (node?.personIds) {
        matched = length;
        matchedIds = node.personIds;
      }
    }
    if (matchedIds) {
      full.push({
        personIds: matchedIds,
        surface: withoutTrailingQuotes(text.slice(first.start, ahead[matched - 1]!.end)),
      });
      ahead.splice(0, matched);
      continue;
    }
    const personIds = singleWords.get(first.key);
    if (personIds) {
      const surface = text.slice(first.start, first.end);
      if (looksLikeName(surface)) single.push({ personIds, surface: withoutTrailingQuotes(surface) });
    }
    ahead.shift();
  }

  const namedInFull = new Set<string>();
  for (const mention of full) if (mention.personIds.size === 1) for (const id of mention.personIds) namedInFull.add(id);
  const counts = new Map<string, DetectedMention>();
  const count = (personId: string, surface: string, status: DetectedMention["status"]) => {
    const key = `${personId}\u0000${surface}\u0000${status}`;
    const existing = counts.get(key);
    if (existing) existing.count++;
    else counts.set(key, { personId, surface, count: 1, status });
  };
  for (const list of [full, single]) {
    for (const mention of list) {
      if (mention.personIds.size === 1) {
        for (const personId of mention.personIds) count(personId, mention.surface, "attached");
        continue;
      }
      const namedHere = [...mention.personIds].filter((personId) => namedInFull.has(personId));
      if (namedHere.length === 1) count(namedHere[0]!, mention.surface, "attached");
      else for (const personId of mention.personIds) count(personId, mention.surface, "ambiguous");
    }
  }
  return [...counts.values()].sort((a, b) => b.count - a.count || a.surface.localeCompare(b.surface));
}
