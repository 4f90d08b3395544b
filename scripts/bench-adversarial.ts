// npm run bench:adversarial [-- --size BYTES] [--only PARSER] [--input INPUT]: every parser and
// scanner that reads user text, on inputs built to trip super-linear algorithms (runs of
// initials, of brackets, of emphasis markers, entity-like runs, one huge word, ...). Each must
// read a 1 MB input in under a second (issue 16); the run exits 1 when one does not.
// Needs no database: everything measured here is pure.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { stanceCues } from "@/lib/claims/stance";
import { isAppError } from "@/lib/errors";
import { detectMentions, type KnownPerson } from "@/lib/people/detect";
import { nameKey } from "@/lib/people/names";
import { detectNameSuggestions } from "@/lib/people/suggestions";
import { parseQuery } from "@/lib/search/query";
import { makeSnippet } from "@/lib/search/snippet";
import { keyedWords, searchText, searchTextFolder } from "@/lib/search/text";
import { cleanSource, normalizeText } from "@/lib/sources/clean";
import { decodeEntities } from "@/lib/sources/entities";
import { stripGlosses } from "@/lib/sources/glosses";
import { highlightParagraphs, type Mark } from "@/lib/sources/highlight";
import { htmlToText } from "@/lib/sources/html";
import { prepareSource } from "@/lib/sources/import";
import { markdownToText } from "@/lib/sources/markdown";
import { segmentText, splitParagraphs } from "@/lib/sources/segment";
import { foldText } from "@/lib/text/fold";
import { parseMarkdown } from "@/lib/text/markdown";

const LIMIT_MS = 1000;
// A short run first, so the timed run measures compiled code rather than the JIT warming up.
const WARM_UP_CHARACTERS = 4096;

const { values } = parseArgs({
  options: {
    size: { type: "string", default: String(1024 * 1024) },
    only: { type: "string" },
    input: { type: "string" },
  },
});
const size = Number(values.size);
if (!Number.isInteger(size) || size < 16) {
  console.error("--size must be a whole number of characters, at least 16");
  process.exit(2);
}

/** `unit` repeated to exactly `length` characters. */
function repeatTo(unit: string, length: number): string {
  return unit.repeat(Math.ceil(length / unit.length)).slice(0, length);
}

/** `depth` openers, a word, and `depth` closers: nesting as deep as the size allows. */
function nested(open: string, word: string, close: string, length: number): string {
  const depth = Math.max(1, Math.floor((length - word.length) / (open.length + close.length)));
  return open.repeat(depth) + word + close.repeat(depth);
}

/** Different short words, one after another: nothing a cache of repeated words can help with. */
function distinctWords(length: number): string {
  const words: string[] = [];
  let total = 0;
  for (let count = 0; total < length; count++) {
    const word = count.toString(26).replace(/[0-9]/g, (digit) => "qrstuvwxyz"[Number(digit)]!);
    words.push(word);
    total += word.length + 1;
  }
  return words.join(" ").slice(0, length);
}

const corpusDirectory = join(import.meta.dirname, "..", "prisma", "sample", "corpus");
const corpus = ["kirov-assassination.txt", "serov.txt", "spigelglas.txt"]
  .map((file) => readFileSync(join(corpusDirectory, file), "utf8"))
  .join("\n\n");

type Input = { name: string; build: (length: number) => string };

const INPUTS: Input[] = [
  // Ordinary text, for scale: what a real import costs at this size.
  { name: "prose (sample corpus)", build: (length) => repeatTo(`${corpus}\n\n`, length) },
  // The same as one paragraph, as a scraper that drops line breaks leaves it.
  { name: "prose in one paragraph", build: (length) => repeatTo(`${corpus.replace(/\s+/g, " ")} `, length) },
  { name: "initials 'A. A. A.'", build: (length) => repeatTo("A. ", length) },
  { name: "initials 'A.A.A.'", build: (length) => repeatTo("A.", length) },
  // An acronym the sentence segmenter breaks inside: a letter of a caseless script after the dot.
  { name: "acronym 'A.א.A.א.'", build: (length) => repeatTo("A.א.", length) },
  { name: "abbreviations 'Mr. Dr. etc.'", build: (length) => repeatTo("Mr. Dr. St. etc. Dec. ", length) },
  { name: "'[' run", build: (length) => repeatTo("[", length) },
  { name: "'](' run", build: (length) => repeatTo("](", length) },
  { name: "'![' run", build: (length) => repeatTo("![", length) },
  { name: "'[a](' run", build: (length) => repeatTo("[a](", length) },
  { name: "'[a][' run", build: (length) => repeatTo("[a][", length) },
  { name: "nested links", build: (length) => nested("[", "a", "](https://e.org/x)", length) },
  { name: "'*' run", build: (length) => repeatTo("*", length) },
  { name: "'_' run", build: (length) => repeatTo("_", length) },
  { name: "' **a' openers", build: (length) => repeatTo(" **a", length) },
  { name: "' __a' openers", build: (length) => repeatTo(" __a", length) },
  { name: "' ~~a' openers", build: (length) => repeatTo(" ~~a", length) },
  { name: "' *a' openers", build: (length) => repeatTo(" *a", length) },
  { name: "'`' run", build: (length) => repeatTo("`", length) },
  { name: "'``a' run", build: (length) => repeatTo("``a", length) },
  { name: "'&amp;' run", build: (length) => repeatTo("&amp;", length) },
  { name: "'&#' run", build: (length) => repeatTo("&#", length) },
  { name: "'&#x' run", build: (length) => repeatTo("&#x", length) },
  { name: "'&' + long letters", build: (length) => `&${"a".repeat(length - 1)}` },
  { name: "'&rsquos…' names", build: (length) => repeatTo("&rsquoabcdefghijklmnopqrstuvwxy ", length) },
  { name: "nested parentheses", build: (length) => nested("(", "a", ")", length) },
  { name: "nested quotes", build: (length) => nested('("“‘«[', "a", ']»’”")', length) },
  { name: "one huge word", build: (length) => "a".repeat(length) },
  { name: "one huge name-like word", build: (length) => repeatTo("Khrouchtchev", length) },
  { name: "blank lines", build: (length) => repeatTo("\n", length) },
  { name: "blank lines with spaces", build: (length) => repeatTo("\n \t", length) },
  { name: "one-word lines", build: (length) => repeatTo("Kirov\n", length) },
  {
    name: "gloss-like lines",
    build: (length) => repeatTo("met\nKirov\nSergei Kirov (1886) was a Bolshevik...\n", length),
  },
  { name: "punctuation '.!?…,;:'", build: (length) => repeatTo(".!?…,;:", length) },
  // Sentences with neither a letter nor a full stop anywhere: the terminator of another script.
  { name: "'1984。' run", build: (length) => repeatTo("1984。", length) },
  { name: "dots", build: (length) => repeatTo(".", length) },
  { name: "dashes", build: (length) => repeatTo("-", length) },
  { name: "spaces, then a word", build: (length) => `${" ".repeat(length - 1)}x` },
  { name: "heading, spaces, word", build: (length) => `# a${" ".repeat(length - 4)}b` },
  { name: "'<' run", build: (length) => repeatTo("<", length) },
  { name: "'<script' run", build: (length) => repeatTo("<script", length) },
  { name: "'<!--' run", build: (length) => repeatTo("<!--", length) },
  { name: "'<http:' run", build: (length) => repeatTo("<http:", length) },
  { name: "distinct words", build: (length) => distinctWords(length) },
  { name: "'Ki''…''rov' (quotes in a name)", build: (length) => `Ki${"'".repeat(length - 5)}rov` },
  { name: "'- ' run", build: (length) => repeatTo("- ", length) },
  { name: "question, spaces, word", build: (length) => `?${" ".repeat(length - 2)}x` },
  { name: "headings with a line separator", build: (length) => repeatTo("# a\u2028b\n", length) },
  { name: "'not ' run", build: (length) => repeatTo("not ", length) },
  { name: "'Sergei Kirov ' run", build: (length) => repeatTo("Sergei Kirov ", length) },
];

const PEOPLE: KnownPerson[] = [
  ["kirov", "Sergei Kirov", "Sergey Mironovich Kirov"],
  ["nikolaev", "Leonid Nikolaev", "Nikolayev"],
  ["stalin", "Joseph Stalin", "Iosif Vissarionovich Stalin"],
  ["khrushchev", "Nikita Khrushchev", "Khrouchtchev"],
].map(([id, ...names]) => ({ id: id!, aliases: names.map((name) => ({ name, key: nameKey(name) })) }));
const QUERY_TERMS = parseQuery('kirov "the murder of" stal* nikolayev').terms;

/** A citation every 40 characters, each reaching into the next: many marks, some overlapping. */
function citationMarks(text: string): Mark<number>[] {
  const marks: Mark<number>[] = [];
  for (let start = 0; start + 60 <= text.length; start += 40) marks.push({ start, end: start + 60, data: start });
  return marks;
}

// A parser either runs on the text, or prepares what it needs from it (untimed) and then runs.
type Parser = { name: string } & ({ run: (text: string) => unknown } | { prepare: (text: string) => () => unknown });

const PARSERS: Parser[] = [
  { name: "segmentText", run: (text) => segmentText(text) },
  { name: "markdownToText", run: (text) => markdownToText(text) },
  { name: "parseMarkdown (comments)", run: (text) => parseMarkdown(text) },
  { name: "normalizeText", run: (text) => normalizeText(text) },
  { name: "decodeEntities", run: (text) => decodeEntities(text) },
  { name: "htmlToText", run: (text) => htmlToText(text) },
  { name: "stripGlosses", run: (text) => stripGlosses(text) },
  { name: "cleanSource text", run: (text) => cleanSource(text, "text") },
  { name: "cleanSource markdown", run: (text) => cleanSource(text, "markdown") },
  { name: "cleanSource html", run: (text) => cleanSource(text, "html") },
  { name: "foldText", run: (text) => foldText(text) },
  { name: "searchText", run: (text) => searchText(text, { lastWordIsPrefix: true }) },
  { name: "parseQuery", run: (text) => parseQuery(text) },
  { name: "keyedWords", run: (text) => keyedWords(text) },
  { name: "detectMentions", run: (text) => detectMentions(text, PEOPLE) },
  { name: "detectNameSuggestions", run: (text) => detectNameSuggestions(text, [], PEOPLE) },
  {
    // How an import folds its passages for the search index: one folder for all of them.
    name: "searchTextFolder (passages)",
    prepare: (text) => {
      const { paragraphs, sentences } = segmentText(text);
      return () => {
        const fold = searchTextFolder();
        for (const span of [...paragraphs, ...sentences]) fold(text.slice(span.start, span.end));
      };
    },
  },
  {
    name: "stanceCues",
    // Word positions of the claim's words, as lib/claims/suggestions.ts passes them: one in seven.
    prepare: (text) => {
      const near = keyedWords(text)
        .map((_, at) => at)
        .filter((at) => at % 7 === 0);
      return () => stanceCues(text, near);
    },
  },
  { name: "makeSnippet", run: (text) => makeSnippet(text, QUERY_TERMS) },
  {
    name: "highlightParagraphs",
    prepare: (text) => {
      const paragraphs = splitParagraphs(text);
      const marks = citationMarks(text);
      return () => highlightParagraphs(text, paragraphs, marks);
    },
  },
  {
    name: "prepareSource",
    run: (text) => {
      try {
        return prepareSource({ content: text, title: "Adversarial" });
      } catch (error) {
        // Refusing an input (binary-looking, nothing readable) is an answer too; anything else is a bug.
        if (isAppError(error)) return error;
        throw error;
      }
    },
  },
];

function task(parser: Parser, text: string): () => unknown {
  if ("prepare" in parser) return parser.prepare(text);
  return () => parser.run(text);
}

type Reading = { wall: number; cpu: number };

/** The wall-clock and CPU time of one run, in milliseconds. */
function time(work: () => unknown): Reading {
  const cpuBefore = process.cpuUsage();
  const started = performance.now();
  work();
  const wall = performance.now() - started;
  const cpu = process.cpuUsage(cpuBefore);
  return { wall, cpu: (cpu.user + cpu.system) / 1000 };
}

// What a reading is held to: its wall-clock time, or its CPU time when that is less (the process
// had the processor for only part of the run: other work on the machine took the rest). On a quiet
// machine the two agree, save the collector's helper threads, which only add CPU time.
const cost = (reading: Reading) => Math.min(reading.wall, reading.cpu);

const parsers = PARSERS.filter((parser) => !values.only || parser.name.includes(values.only));
const inputs = INPUTS.filter((input) => !values.input || input.name.includes(values.input));
const results: { parser: string; input: string; ms: number; wall: number }[] = [];

// One row per input, one column per parser (numbered, with a legend), in milliseconds (see cost);
// each row is printed as soon as it is measured. "!" marks a reading over the limit.
const inputWidth = Math.max(...inputs.map((input) => input.name.length));
const columnWidth = 6;
console.log(
  `${parsers.length} parsers × ${inputs.length} inputs of ${size.toLocaleString("en")} characters, in ms (wall clock, or CPU time if less)`,
);
console.log();
for (const [index, parser] of parsers.entries()) console.log(`  P${index + 1} ${parser.name}`);
console.log();
console.log(
  `${"input".padEnd(inputWidth)} ${parsers.map((_, index) => `P${index + 1}`.padStart(columnWidth)).join("")}`,
);
for (const input of inputs) {
  const text = input.build(size);
  const warmUp = input.build(Math.min(size, WARM_UP_CHARACTERS));
  const cells: string[] = [];
  for (const parser of parsers) {
    time(task(parser, warmUp));
    let reading = time(task(parser, text));
    // A slow reading may be a pause of the whole machine: it counts only if it happens twice.
    if (cost(reading) >= LIMIT_MS) {
      const again = time(task(parser, text));
      if (cost(again) < cost(reading)) reading = again;
    }
    const ms = cost(reading);
    results.push({ parser: parser.name, input: input.name, ms, wall: reading.wall });
    cells.push(`${ms >= LIMIT_MS ? "!" : ""}${ms.toFixed(0)}`.padStart(columnWidth));
  }
  console.log(`${input.name.padEnd(inputWidth)} ${cells.join("")}`);
}

const worst = results.reduce((slowest, result) => (result.ms > slowest.ms ? result : slowest));
const failures = results.filter((result) => result.ms >= LIMIT_MS);
console.log();
for (const failure of failures) console.log(`✗ ${failure.parser} on ${failure.input}: ${failure.ms.toFixed(0)} ms`);
const slowestWall = results.reduce((slowest, result) => (result.wall > slowest.wall ? result : slowest));
console.log(`slowest: ${worst.parser} on ${worst.input}, ${worst.ms.toFixed(0)} ms (limit ${LIMIT_MS} ms)`);
console.log(
  `slowest by the wall clock: ${slowestWall.parser} on ${slowestWall.input}, ${slowestWall.wall.toFixed(0)} ms`,
);
if (failures.length > 0) {
  console.log(`✗ ${failures.length} reading(s) over ${LIMIT_MS} ms`);
  process.exit(1);
}
console.log(`✓ every reading under ${LIMIT_MS} ms`);
