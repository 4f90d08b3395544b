import "server-only";
import { conceptOf, isStopWord } from "./concepts";
import { keyedWords } from "./text";
import { relatedWords } from "./wordnet";

const cache = new Map<string, ReadonlySet<string>>();

/**
 * The concepts (lib/search/concepts.ts) of the words WordNet relates to a word: "genuine" gives
 * real, authentic…; "murder" gives slay, kill, homicide… Cached per word.
 */
export function conceptsRelatedTo(word: string): ReadonlySet<string> {
  const lower = word.toLowerCase();
  const known = cache.get(lower);
  if (known) return known;
  const concepts = new Set<string>();
  for (const related of relatedWords(lower)) {
    const key = keyedWords(related)[0]?.key;
    if (key && !isStopWord(key)) concepts.add(conceptOf(key));
  }
  cache.set(lower, concepts);
  return concepts;
}
