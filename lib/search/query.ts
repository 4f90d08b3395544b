import { nameKeyReadings } from "@/lib/people/names";
import { isStopWord } from "./concepts";
import { searchText } from "./text";

/** One part of a search: a word (optionally a prefix, "stal*") or a quoted phrase. */
export type QueryTerm = { words: string[]; prefix: boolean; phrase: boolean };
export type ParsedQuery = { terms: QueryTerm[] };

const MAX_TERMS = 16;

/**
 * Parses what a reader types: words (all must match), "quoted phrases" (in that order),
 * and prefixes ending in *. Everything is reduced like the indexed text (lib/search/text.ts),
 * so "Kádár" finds "Kadar", "Urząd" finds "Urzad" and "Nikolayev" finds "Nikolaev".
 */
export function parseQuery(input: string): ParsedQuery {
  const terms: QueryTerm[] = [];
  const pattern = /"([^"]*)"|(\S+)/g;
  for (const match of input.matchAll(pattern)) {
    if (terms.length >= MAX_TERMS) break;
    if (match[1] !== undefined) {
      const words = searchText(match[1]).split(" ").filter(Boolean);
      if (words.length > 0) terms.push({ words, prefix: false, phrase: words.length > 1 });
      continue;
    }
    const raw = match[2]!;
    const prefix = raw.endsWith("*");
    const words = searchText(raw, { lastWordIsPrefix: prefix }).split(" ").filter(Boolean);
    if (words.length === 0) continue;
    // "Kirov's" folds to one word; "U.S.S.R." or "anti-Soviet" to several, kept together as a phrase.
    terms.push({ words, prefix: prefix && words[words.length - 1]!.length >= 2, phrase: words.length > 1 });
  }
  return { terms };
}

/**
 * A capitalised word of the query read in every romanization a historian meets (lib/people/names.ts
 * nameKeyReadings): German "Jeschow" is Yezhov, French "Iejov" too. Such a word becomes a group of
 * alternatives (any reading matches), the way a person filter is. Only capitalised words outside
 * quotes: names are written so, and a common word read as German would match unrelated text.
 */
export function withNameReadings(input: string, query: ParsedQuery): { query: ParsedQuery; anyOf: QueryTerm[][] } {
  const unquoted = input.replace(/"[^"]*"/g, " ");
  const anyOf: QueryTerm[][] = [];
  let terms = query.terms;
  for (const [word] of unquoted.matchAll(
    /(?<![\p{L}\p{N}*])\p{Lu}[\p{Ll}\p{M}]{2,}(?=(?:['’]s)?(?![\p{L}\p{N}*'’-]))/gu,
  )) {
    const readings = nameKeyReadings(word);
    if (readings.length < 2) continue;
    const own = searchText(word);
    const index = terms.findIndex((term) => !term.phrase && !term.prefix && term.words.join(" ") === own);
    if (index === -1) continue;
    terms = terms.filter((_, at) => at !== index);
    anyOf.push(readings.map((key) => ({ words: [key], prefix: false, phrase: false })));
  }
  return { query: { terms }, anyOf };
}

export function isEmptyQuery(query: ParsedQuery): boolean {
  return query.terms.length === 0;
}

/**
 * A phrase holding common words ("the assassination of Kirov") is looked up in the index by its
 * other words at their distances, and checked whole against the folded text (phrasesToCheck): the
 * position lists of "the" and "of" span most of a library, and reading them costs more than the page.
 * Returns the meaningful words with their positions in the phrase, or null for a phrase kept whole.
 */
function relaxedPhrase(term: QueryTerm): { word: string; at: number }[] | null {
  if (!term.phrase) return null;
  const meaningful = term.words.map((word, at) => ({ word, at })).filter(({ word }) => !isStopWord(word));
  if (meaningful.length === 0 || meaningful.length === term.words.length) return null;
  return meaningful;
}

/** The query's phrases that the index matches word by word only (see relaxedPhrase), to check in the text. */
export function phrasesToCheck(query: ParsedQuery): string[] {
  return query.terms.filter((term) => relaxedPhrase(term) !== null).map((term) => term.words.join(" "));
}

/**
 * FTS5 MATCH syntax: each term quoted (so no word is read as an operator), prefixes with *, the
 * words matched in the text column only; kinds and a source as column filters, which FTS5
 * intersects with the words inside the index (for the small kinds: passages are most of it).
 */
export function toFts5(
  query: ParsedQuery,
  anyOf: QueryTerm[][] = [],
  columns: { kinds?: readonly string[]; sourceId?: string } = {},
): string {
  const quote = (term: QueryTerm) => `"${term.words.join(" ").replace(/"/g, '""')}"${term.prefix ? "*" : ""}`;
  const parts = query.terms.map((term) => {
    const relaxed = relaxedPhrase(term);
    if (!relaxed) return quote(term);
    if (relaxed.length === 1) return quote({ words: [relaxed[0]!.word], prefix: false, phrase: false });
    // Close together (FTS5 counts NEAR distances loosely across three or more words; the text check is exact).
    return `NEAR(${relaxed.map(({ word }) => quote({ words: [word], prefix: false, phrase: false })).join(" ")}, ${term.words.length})`;
  });
  for (const group of anyOf) if (group.length > 0) parts.push(`(${group.map(quote).join(" OR ")})`);
  const filters = parts.length > 0 ? [`folded : (${parts.join(" AND ")})`] : [];
  if (columns.kinds && columns.kinds.length > 0)
    filters.push(`kind : (${columns.kinds.map((kind) => `"${kind}"`).join(" OR ")})`);
  if (columns.sourceId) filters.push(`sourceId : "${columns.sourceId.replace(/"/g, '""')}"`);
  return filters.join(" AND ");
}

/** PostgreSQL to_tsquery syntax over the 'simple' configuration: & for all, <-> for phrases, :* for prefixes. */
export function toTsquery(query: ParsedQuery, anyOf: QueryTerm[][] = []): string {
  const lexeme = (word: string) => word.replace(/[^\p{L}\p{N}]/gu, "");
  const term = (item: QueryTerm) => {
    const words = item.words.map(lexeme).filter(Boolean);
    const last = words.length - 1;
    const parts = words.map((word, index) => `'${word}'${item.prefix && index === last ? ":*" : ""}`);
    return parts.length > 1 ? `(${parts.join(" <-> ")})` : (parts[0] ?? "");
  };
  const parts = query.terms
    .map((item) => {
      const relaxed = relaxedPhrase(item);
      if (!relaxed) return term(item);
      const words = relaxed.map(({ word, at }) => ({ lexeme: lexeme(word), at })).filter(({ lexeme }) => lexeme);
      // Each word at its distance from the one before, as in the phrase: 'asasination' <2> 'kirov'.
      return `(${words.map(({ lexeme, at }, index) => (index === 0 ? `'${lexeme}'` : `<${at - words[index - 1]!.at}> '${lexeme}'`)).join(" ")})`;
    })
    .filter(Boolean);
  for (const group of anyOf) {
    const options = group.map(term).filter(Boolean);
    if (options.length > 0) parts.push(`(${options.join(" | ")})`);
  }
  return parts.join(" & ");
}

/** The whole query as one folded phrase, for ranking exact-phrase matches first. */
export function phraseOf(query: ParsedQuery): string | undefined {
  const words = query.terms.flatMap((term) => term.words);
  return words.length > 1 ? words.join(" ") : undefined;
}
