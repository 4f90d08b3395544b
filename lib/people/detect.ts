import { keyedWords } from "@/lib/search/text";

export type KnownPerson = { id: string; aliases: { name: string; key: string }[] };
export type DetectedMention = { personId: string; surface: string; count: number; status: "attached" | "ambiguous" };

// Single-word spellings this short ("Li", "Mo") match too much by accident.
const MIN_SINGLE_WORD_KEY = 4;
const MAX_NAME_WORDS = 6;

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

function addTo<K, V>(map: Map<K, Set<V>>, key: K, value: V) {
  const set = map.get(key) ?? new Set<V>();
  set.add(value);
  map.set(key, set);
}

/**
 * Finds every person named in a text under any of their spellings, transliteration variants
 * included (the spelling-independent keys of lib/people/names.ts). Full names ("Sergei Kirov",
 * "Sergey Kirov") attach to their person. A surname alone ("Kirov") attaches when only one
 * known person has it, or when only one of those who share it is named in full in the same
 * text; otherwise it is reported as ambiguous against every candidate, for a human to settle.
 */
export function detectMentions(text: string, people: KnownPerson[]): DetectedMention[] {
  const fullNames = new Map<string, Set<string>>();
  const singleWords = new Map<string, Set<string>>();
  let longest = 1;
  for (const person of people) {
    for (const alias of person.aliases) {
      const words = alias.key.split(" ").filter(Boolean);
      if (words.length === 0) continue;
      if (words.length === 1) {
        if (words[0]!.length >= MIN_SINGLE_WORD_KEY) addTo(singleWords, words[0]!, person.id);
        continue;
      }
      longest = Math.max(longest, Math.min(words.length, MAX_NAME_WORDS));
      addTo(fullNames, words.join(" "), person.id);
      // The surname of a full name stands for the person too ("Kirov" for "Sergei Kirov").
      const surname = words[words.length - 1]!;
      if (surname.length >= MIN_SINGLE_WORD_KEY) addTo(singleWords, surname, person.id);
    }
  }

  const words: Word[] = keyedWords(text);
  // Only words separated by spaces (or a hyphen) form a name: not "Kirov. Sergei".
  const joinsPrevious = words.map(
    (word, index) => index > 0 && /^[\s-]+$/.test(text.slice(words[index - 1]!.end, word.start)),
  );
  const full: { personIds: Set<string>; surface: string }[] = [];
  const single: { personIds: Set<string>; surface: string }[] = [];
  for (let index = 0; index < words.length; ) {
    let matched = 0;
    let joined = 1;
    while (joined < longest && index + joined < words.length && joinsPrevious[index + joined]) joined++;
    for (let length = joined; length >= 2; length--) {
      const run = words.slice(index, index + length);
      const personIds = fullNames.get(run.map((word) => word.key).join(" "));
      if (personIds) {
        full.push({
          personIds,
          surface: withoutTrailingQuotes(text.slice(run[0]!.start, run[run.length - 1]!.end)),
        });
        matched = length;
        break;
      }
    }
    if (matched > 0) {
      index += matched;
      continue;
    }
    const word = words[index]!;
    const surface = text.slice(word.start, word.end);
    const personIds = singleWords.get(word.key);
    if (personIds && looksLikeName(surface)) single.push({ personIds, surface: withoutTrailingQuotes(surface) });
    index++;
  }

  const namedInFull = new Set(
    full.filter((mention) => mention.personIds.size === 1).flatMap((mention) => [...mention.personIds]),
  );
  const counts = new Map<string, DetectedMention>();
  const count = (personId: string, surface: string, status: DetectedMention["status"]) => {
    const key = `${personId}\u0000${surface}\u0000${status}`;
    const existing = counts.get(key);
    if (existing) existing.count++;
    else counts.set(key, { personId, surface, count: 1, status });
  };
  for (const mention of [...full, ...single]) {
    if (mention.personIds.size === 1) {
      count([...mention.personIds][0]!, mention.surface, "attached");
      continue;
    }
    const namedHere = [...mention.personIds].filter((personId) => namedInFull.has(personId));
    if (namedHere.length === 1) count(namedHere[0]!, mention.surface, "attached");
    else for (const personId of mention.personIds) count(personId, mention.surface, "ambiguous");
  }
  return [...counts.values()].sort((a, b) => b.count - a.count || a.surface.localeCompare(b.surface));
}
