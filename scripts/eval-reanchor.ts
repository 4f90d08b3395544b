// `npm run eval:reanchor`: how well cited passages are re-anchored when a source is imported again
// as a changed version (lib/sources/reanchor.ts, issue 13 item 6; docs/decisions/0015). Builds
// edited versions of the three sample texts with a seeded generator (inserted, deleted and moved
// paragraphs, corrected words inside quotes, re-flowed white space, re-encoded quote marks and
// dashes), cleans each like a real import (prepareSource), re-anchors every cited passage and
// compares with where the generator itself put each character. Exits 1 when any re-anchor is wrong.
//   npm run eval:reanchor                   the sample texts, both alignments, and a 4 MB text
//   npm run eval:reanchor -- --versions 20  more edited versions of each text
//   npm run eval:reanchor -- --seed 7       another draw of edits and quotes
//   npm run eval:reanchor -- --verbose      every wrong and missed quote, and those sent for review unchanged
//   npm run eval:reanchor -- --no-large     skip the 4 MB text
import { readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { parseArgs } from "node:util";
import { diffChars } from "diff";
import { prepareSource } from "@/lib/sources/import";
import {
  type QuoteToReanchor,
  type ReanchorOptions,
  type ReanchorOutcome,
  reanchorQuotes,
} from "@/lib/sources/reanchor";
import { quoteForSpan, type TextSpan } from "@/lib/sources/selectors";

const root = resolve(import.meta.dirname, "..");
const { values } = parseArgs({
  options: {
    versions: { type: "string", default: "12" },
    seed: { type: "string", default: "20261124" },
    verbose: { type: "boolean" },
    "no-large": { type: "boolean" },
  },
});
const VERSIONS = Number(values.versions);
const SEED = Number(values.seed);

const SAMPLES = [
  { file: "kirov-assassination.txt", title: "Sergei Kirov Assasination - History" },
  { file: "serov.txt", title: "Ivan Serov" },
  { file: "spigelglas.txt", title: "Sergey Spigelglas" },
];
// A proposed place for a changed quote is right when it and the true place overlap this much
// (shared characters over all characters covered by either): a corrected word at a quote's edge
// leaves the exact boundary a matter of taste, a different sentence does not come close.
const CHANGED_PLACE_OVERLAP = 0.8;
// The definition: a quote no longer exists when most of its characters were deleted.
const SURVIVING_SHARE = 0.5;

// ---------------------------------------------------------------------------------------------
// Seeded randomness (mulberry32), so every run builds the same versions.

type Random = () => number;

function seeded(seed: number): Random {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let value = state;
    value = Math.imul(value ^ (value >>> 15), value | 1);
    value ^= value + Math.imul(value ^ (value >>> 7), value | 61);
    return ((value ^ (value >>> 14)) >>> 0) / 4294967296;
  };
}

const integer = (random: Random, min: number, max: number) => min + Math.floor(random() * (max - min + 1));
const pick = <T>(random: Random, items: readonly T[]): T => items[Math.floor(random() * items.length)]!;

// ---------------------------------------------------------------------------------------------
// Texts and the passages cited in them.

type Sample = { name: string; title: string; text: string; paragraphs: TextSpan[]; sentences: TextSpan[] };

function prepare(name: string, title: string, content: string): Sample {
  const prepared = prepareSource({ content, title, format: "text" });
  const spans = (kind: string) =>
    prepared.passages.filter((passage) => passage.kind === kind).map(({ start, end }) => ({ start, end }));
  return { name, title, text: prepared.text, paragraphs: spans("paragraph"), sentences: spans("sentence") };
}

type Cited = TextSpan & { origin: string };

/** The gold set's passages, sentences, selections of a few words, repeated sentences (every copy), and the text's edges. */
function citedPassages(sample: Sample, goldQuotes: string[], random: Random, perKind = 30): Cited[] {
  const { text } = sample;
  const cited: Cited[] = [];
  for (const quote of new Set(goldQuotes)) {
    const at = text.indexOf(quote);
    if (at === -1) throw new Error(`gold quote not in the cleaned ${sample.name}: ${quote}`);
    cited.push({ start: at, end: at + quote.length, origin: "gold" });
  }
  for (let index = 0; index < perKind; index++) cited.push({ ...pick(random, sample.sentences), origin: "sentence" });
  for (let index = 0; index < perKind; index++) {
    const paragraph = pick(random, sample.paragraphs);
    const words = [...text.slice(paragraph.start, paragraph.end).matchAll(/\S+/g)];
    if (words.length === 0) continue;
    const first = integer(random, 0, words.length - 1);
    const last = Math.min(words.length - 1, first + integer(random, 0, 24));
    const start = paragraph.start + words[first]!.index;
    const end = paragraph.start + words[last]!.index + words[last]![0].length;
    cited.push({ start, end, origin: "selection" });
  }
  const bySentence = new Map<string, TextSpan[]>();
  for (const sentence of sample.sentences) {
    const words = text.slice(sentence.start, sentence.end);
    if (words.length >= 12) bySentence.set(words, [...(bySentence.get(words) ?? []), sentence]);
  }
  for (const copies of [...bySentence.values()].filter((spans) => spans.length > 1).slice(0, 6)) {
    for (const span of copies) cited.push({ ...span, origin: "repeated" });
  }
  const first = sample.sentences[0]!;
  const last = sample.sentences[sample.sentences.length - 1]!;
  cited.push({ ...first, origin: "text edge" }, { ...last, origin: "text edge" });
  cited.push({ start: 0, end: Math.min(text.length, 12), origin: "text edge" });
  cited.push({ start: Math.max(0, text.length - 15), end: text.length, origin: "text edge" });
  return cited.map((span) => trimSpan(text, span)).filter((span) => span.end > span.start);
}

function trimSpan(text: string, span: Cited): Cited {
  let { start, end } = span;
  while (start < end && /\s/.test(text[start]!)) start++;
  while (end > start && /\s/.test(text[end - 1]!)) end--;
  return { ...span, start, end };
}

// ---------------------------------------------------------------------------------------------
// Edited versions. Every edit is planned on the old text's positions; the new text is then
// written character by character, each remembering which old character it came from (or none),
// so the truth about every quote is known without asking the algorithm under test.

type Plan = {
  deleted: Uint8Array;
  replaced: Map<number, string>; // an old character written as this (re-encoding, re-flow)
  // Before an old position; a correction remembers that position, to tell which quote it is in.
  // A moved paragraph remembers where its text came from (movedFrom, -1: new text).
  inserted: Map<number, { text: string; correctionOf: number; movedFrom: number }[]>;
  conditions: Map<string, TextSpan[]>; // what was done where, for the report
};

type Edited = {
  text: string;
  /** For each old character, where its first and last written characters are (-1: deleted). */
  firstAt: Int32Array;
  lastAt: Int32Array;
  /** For each written character of a correction, the old position it was written at (-1: none). */
  correctionOf: Int32Array;
  /** The written characters that are corrections. */
  corrections: number[];
};

type Profile = "typography" | "insertions" | "deletions" | "corrections" | "moves" | "mixed";
const PROFILES: Profile[] = ["typography", "insertions", "deletions", "corrections", "moves", "mixed"];

function newPlan(length: number): Plan {
  return { deleted: new Uint8Array(length), replaced: new Map(), inserted: new Map(), conditions: new Map() };
}

function note(plan: Plan, condition: string, span: TextSpan) {
  plan.conditions.set(condition, [...(plan.conditions.get(condition) ?? []), span]);
}

function insert(plan: Plan, at: number, text: string, correctionOf = -1, movedFrom = -1) {
  plan.inserted.set(at, [...(plan.inserted.get(at) ?? []), { text, correctionOf, movedFrom }]);
}

function planVersion(
  sample: Sample,
  cited: Cited[],
  donors: string[],
  profile: Profile,
  random: Random,
  scale = 1,
): Plan {
  const { text, paragraphs } = sample;
  const plan = newPlan(text.length);
  const separator = /\n[ \t]*\n/.test(text) ? "\n\n" : "\n";
  const mixed = profile === "mixed";
  const deletedParagraphs = new Set<number>();

  if (profile === "deletions" || mixed) {
    const count = Math.round(integer(random, 1, 3) * scale);
    for (let index = 0; index < count && paragraphs.length > 2; index++) {
      // Half the time a paragraph with a cited passage in it, so deletions hit quotes.
      const withQuote = random() < 0.5;
      const candidates = paragraphs
        .map((_, position) => position)
        .filter((position) => !withQuote || cited.some((span) => within(span, paragraphs[position]!)));
      const chosen = pick(random, candidates.length > 0 ? candidates : paragraphs.map((_, position) => position));
      deletedParagraphs.add(chosen);
    }
    for (const position of deletedParagraphs) {
      const paragraph = paragraphs[position]!;
      const next = paragraphs[position + 1];
      const previous = paragraphs[position - 1];
      const span = next ? { start: paragraph.start, end: next.start } : { start: previous?.end ?? 0, end: text.length };
      for (let index = span.start; index < span.end; index++) plan.deleted[index] = 1;
      note(plan, "paragraph deleted", paragraph);
    }
  }

  if (profile === "moves" || mixed) {
    // A paragraph cut and pasted at least two paragraphs away (next to itself it would not move).
    const count = Math.round(integer(random, 1, 2) * scale);
    for (let index = 0; index < count && paragraphs.length > 4; index++) {
      const from = integer(random, 0, paragraphs.length - 1);
      const to = integer(random, 0, paragraphs.length);
      if (deletedParagraphs.has(from) || Math.abs(from - to) < 2) continue;
      const paragraph = paragraphs[from]!;
      const next = paragraphs[from + 1];
      if (!next || isDeleted(plan, { start: paragraph.start, end: next.start })) continue;
      for (let position = paragraph.start; position < next.start; position++) plan.deleted[position] = 1;
      deletedParagraphs.add(from);
      const at = to < paragraphs.length ? paragraphs[to]!.start : text.length;
      const moved = text.slice(paragraph.start, paragraph.end);
      if (to < paragraphs.length) insert(plan, at, moved + separator, -1, paragraph.start);
      else insert(plan, at, separator + moved, -1, paragraph.start - separator.length);
      note(plan, "paragraph moved", paragraph);
    }
  }

  if (profile === "insertions" || mixed) {
    const count = Math.round(integer(random, 1, 4) * scale);
    for (let index = 0; index < count; index++) {
      const at = integer(random, 0, paragraphs.length);
      const position = at < paragraphs.length ? paragraphs[at]!.start : text.length;
      let inserted = pick(random, donors);
      // A third of the time a copy of a paragraph of the same text, kept elsewhere (never next
      // to itself: inserting a copy just before or after a paragraph gives the same text as
      // inserting it on the other side, so the truth would be a coin toss).
      if (random() < 0.35) {
        const source = integer(random, 0, paragraphs.length - 1);
        const between = [...deletedParagraphs].some((position) => (position - source) * (position - at) <= 0);
        if (!deletedParagraphs.has(source) && Math.abs(source - at) >= 2 && !between) {
          inserted = text.slice(paragraphs[source]!.start, paragraphs[source]!.end);
          note(plan, "copy of a paragraph inserted", paragraphs[source]!);
        }
      }
      if (at < paragraphs.length) insert(plan, position, inserted + separator);
      else insert(plan, position, separator + inserted);
      note(plan, "paragraph inserted", { start: position, end: position });
    }
  }

  if (profile === "corrections" || mixed) {
    const share = profile === "corrections" ? 0.35 : 0.15;
    const corrected = new Set<number>();
    for (const span of cited) {
      if (random() >= share || isDeleted(plan, span)) continue;
      correctWord(plan, text, span, corrected, random);
    }
  }

  if (profile === "typography" || mixed) {
    for (const paragraph of paragraphs) {
      if (random() < (profile === "typography" ? 0.6 : 0.3)) reflow(plan, text, paragraph, random);
    }
    const style = pick(random, ["curly", "straight", "dashes", "per paragraph"] as const);
    for (const paragraph of paragraphs) {
      const paragraphStyle =
        style === "per paragraph" ? pick(random, ["curly", "straight", "dashes", "none"] as const) : style;
      if (paragraphStyle !== "none") reencode(plan, text, paragraph, paragraphStyle);
    }
  }
  return plan;
}

function within(span: TextSpan, outer: TextSpan): boolean {
  return span.start >= outer.start && span.end <= outer.end;
}

function isDeleted(plan: Plan, span: TextSpan): boolean {
  for (let index = span.start; index < span.end; index++) if (plan.deleted[index]) return true;
  return false;
}

const REPLACEMENT_WORDS = ["later", "former", "secret", "several", "reportedly", "official", "whole", "senior"];

/** One word of the quote corrected: a letter changed, added or dropped, a word replaced, added or removed. */
function correctWord(plan: Plan, text: string, span: Cited, corrected: Set<number>, random: Random) {
  const words = [...text.slice(span.start, span.end).matchAll(/\p{L}{3,}/gu)].map((match) => ({
    start: span.start + match.index,
    end: span.start + match.index + match[0].length,
    word: match[0],
  }));
  const free = words.filter((word) => !corrected.has(word.start) && !plan.inserted.has(word.start));
  if (free.length === 0) return;
  const target = pick(random, free);
  const length = span.end - span.start;
  const kinds =
    length >= 40 && words.length >= 6
      ? ["letter", "add letter", "drop letter", "replace", "add word", "drop word"]
      : ["letter", "add letter", "drop letter"];
  const kind = pick(random, kinds);
  let replacement: string;
  if (kind === "letter") {
    const at = integer(random, 1, target.word.length - 1);
    const letter = target.word[at] === "e" ? "a" : "e";
    replacement = target.word.slice(0, at) + letter + target.word.slice(at + 1);
  } else if (kind === "add letter") {
    const at = integer(random, 1, target.word.length - 1);
    replacement = target.word.slice(0, at) + target.word[at] + target.word.slice(at);
  } else if (kind === "drop letter") {
    const at = integer(random, 1, target.word.length - 1);
    replacement = target.word.slice(0, at) + target.word.slice(at + 1);
  } else if (kind === "replace") {
    replacement = pick(
      random,
      REPLACEMENT_WORDS.filter((word) => word !== target.word),
    );
  } else if (kind === "add word") {
    // Before the word, or after it when it opens the quote: inside the quote either way.
    const added = pick(random, REPLACEMENT_WORDS);
    replacement = target.start === span.start ? `${target.word} ${added}` : `${added} ${target.word}`;
  } else {
    // Drop the word and the space after it, if it is not the last.
    replacement = "";
    if (target.end < span.end && text[target.end] === " ") plan.deleted[target.end] = 1;
  }
  if (replacement === target.word) return;
  if (Math.abs(replacement.length - target.word.length) + 2 > length * 0.3) return;
  corrected.add(target.start);
  // Only the characters that differ are deleted and written anew, so the truth counts a
  // corrected letter as one changed character, not a whole deleted word.
  let same = 0;
  while (same < target.word.length && same < replacement.length && target.word[same] === replacement[same]) same++;
  let sameEnd = 0;
  while (
    sameEnd < target.word.length - same &&
    sameEnd < replacement.length - same &&
    target.word[target.word.length - 1 - sameEnd] === replacement[replacement.length - 1 - sameEnd]
  ) {
    sameEnd++;
  }
  const from = target.start + same;
  for (let index = from; index < target.end - sameEnd; index++) plan.deleted[index] = 1;
  const written = replacement.slice(same, replacement.length - sameEnd);
  if (written) insert(plan, from, written, from);
  note(plan, "word corrected in the quote", target);
}

/**
 * Line breaks and double spaces inside a paragraph, as a re-export or another editor leaves them.
 * Breaks go before lower-case words, as re-flowed prose has them: a line that starts with a
 * capital could be taken by cleaning for a pasted link preview and dropped (lib/sources/glosses.ts).
 */
function reflow(plan: Plan, text: string, paragraph: TextSpan, random: Random) {
  for (let index = paragraph.start; index < paragraph.end; index++) {
    if (text[index] !== " " || plan.deleted[index]) continue;
    const draw = random();
    if (draw < 0.08 && /\p{Ll}/u.test(text[index + 1] ?? "")) plan.replaced.set(index, "\n");
    else if (draw < 0.13) plan.replaced.set(index, "  ");
  }
  note(plan, "white space re-flowed", paragraph);
}

/** Quote marks, apostrophes and dashes written another way. */
function reencode(plan: Plan, text: string, paragraph: TextSpan, style: "curly" | "straight" | "dashes") {
  let changed = false;
  for (let index = paragraph.start; index < paragraph.end; index++) {
    const character = text[index]!;
    const before = index > 0 ? text[index - 1]! : " ";
    const opening = /[\s([{]/.test(before);
    let replacement: string | undefined;
    if (style === "curly") {
      if (character === '"') replacement = opening ? "“" : "”";
      else if (character === "'") replacement = opening ? "‘" : "’";
    } else if (style === "straight") {
      if ("“”„«»".includes(character)) replacement = '"';
      else if ("‘’‚".includes(character)) replacement = "'";
      else if (character === "—") replacement = "--";
    } else if (character === "-" && before === " " && text[index + 1] === " ") replacement = "—";
    else if (character === "–") replacement = "—";
    if (replacement !== undefined && replacement !== character && !plan.replaced.has(index)) {
      plan.replaced.set(index, replacement);
      changed = true;
    }
  }
  if (changed) note(plan, "quote marks or dashes re-encoded", paragraph);
}

function writeVersion(text: string, plan: Plan): Edited {
  const parts: string[] = [];
  const firstAt = new Int32Array(text.length).fill(-1);
  const lastAt = new Int32Array(text.length).fill(-1);
  const corrections: number[] = [];
  let length = 0;
  const write = (part: string, correctionOf: number) => {
    parts.push(part);
    for (let index = 0; index < part.length; index++) corrections.push(correctionOf);
    length += part.length;
  };
  for (let index = 0; index <= text.length; index++) {
    for (const insertion of plan.inserted.get(index) ?? []) {
      if (insertion.movedFrom >= 0) {
        for (let step = 0; step < insertion.text.length; step++) {
          const origin = insertion.movedFrom + step;
          if (origin >= 0 && origin < text.length && text[origin] === insertion.text[step]) {
            firstAt[origin] = length + step;
            lastAt[origin] = length + step;
          }
        }
      }
      write(insertion.text, insertion.correctionOf);
    }
    if (index === text.length || plan.deleted[index]) continue;
    const written = plan.replaced.get(index) ?? text[index]!;
    firstAt[index] = length;
    lastAt[index] = length + written.length - 1;
    write(written, -1);
  }
  const correctionOf = Int32Array.from(corrections);
  const written = [...correctionOf.keys()].filter((index) => correctionOf[index]! >= 0);
  return { text: parts.join(""), firstAt, lastAt, correctionOf, corrections: written };
}

/**
 * Where each character of the edited text is after cleaning (-1: removed). Cleaning changes white
 * space and may drop a line it takes for a link preview (lib/sources/glosses.ts); it never adds a
 * visible character (checked here). Visible characters are matched in order, so the map has no
 * choice to make about them; only when cleaning dropped some does a diff of them decide.
 */
function cleaningMap(edited: string, cleaned: string): { map: Int32Array; removedVisible: number } {
  const map = new Int32Array(edited.length).fill(-1);
  const visible = (text: string) => {
    const positions: number[] = [];
    for (let index = 0; index < text.length; index++) if (!/\s/.test(text[index]!)) positions.push(index);
    return { positions, text: positions.map((position) => text[position]).join("") };
  };
  const from = visible(edited);
  const to = visible(cleaned);
  if (from.text === to.text) {
    for (const [index, position] of from.positions.entries()) map[position] = to.positions[index]!;
    return { map, removedVisible: 0 };
  }
  let fromIndex = 0;
  let toIndex = 0;
  let removedVisible = 0;
  for (const change of diffChars(from.text, to.text)) {
    if (change.added) {
      throw new Error(`cleaning added ${JSON.stringify(change.value.slice(0, 40))}: the generator must be fixed`);
    }
    if (change.removed) {
      fromIndex += change.count;
      removedVisible += change.count;
    } else {
      for (let step = 0; step < change.count; step++) map[from.positions[fromIndex++]!] = to.positions[toIndex++]!;
    }
  }
  return { map, removedVisible };
}

// ---------------------------------------------------------------------------------------------
// Truth and scores.

type Truth = { kind: "deleted" } | { kind: "kept"; span: TextSpan; wordsChanged: boolean };

function truthOf(oldText: string, span: TextSpan, edited: Edited, cleaned: Int32Array): Truth {
  let visible = 0;
  let surviving = 0;
  let first = Number.POSITIVE_INFINITY;
  let last = -1;
  for (let index = span.start; index < span.end; index++) {
    if (/\s/.test(oldText[index]!)) continue;
    visible++;
    if (edited.firstAt[index]! >= 0 && cleaned[edited.firstAt[index]!]! >= 0) {
      surviving++;
      first = Math.min(first, edited.firstAt[index]!);
      last = Math.max(last, edited.lastAt[index]!);
    }
  }
  if (surviving < visible * SURVIVING_SHARE) return { kind: "deleted" };
  let corrected = false;
  for (const index of edited.corrections) {
    const of = edited.correctionOf[index]!;
    // Written inside the quote, or in place of its first character.
    if ((of > span.start && of < span.end) || (of === span.start && edited.firstAt[of]! < 0)) {
      corrected = true;
      if (/\S/.test(edited.text[index]!) && cleaned[index]! >= 0) {
        first = Math.min(first, index);
        last = Math.max(last, index);
      }
    }
  }
  const start = cleaned[first]!;
  const end = cleaned[last]! + 1;
  if (start < 0 || end <= 0) throw new Error("a visible character vanished in cleaning");
  return { kind: "kept", span: { start, end }, wordsChanged: corrected || surviving < visible };
}

type Verdict =
  | "exact"
  | "changed, right place"
  | "changed, words the same"
  | "wrong"
  | "orphaned correctly"
  | "orphaned wrongly";

function judge(outcome: ReanchorOutcome, truth: Truth): Verdict {
  if (outcome.kind === "not_found") return truth.kind === "kept" ? "orphaned wrongly" : "orphaned correctly";
  if (truth.kind !== "kept") return "wrong";
  if (outcome.kind === "moved") {
    const same = outcome.span.start === truth.span.start && outcome.span.end === truth.span.end;
    return same && !truth.wordsChanged ? "exact" : "wrong";
  }
  const shared = Math.min(outcome.span.end, truth.span.end) - Math.max(outcome.span.start, truth.span.start);
  const covered = Math.max(outcome.span.end, truth.span.end) - Math.min(outcome.span.start, truth.span.start);
  if (shared / covered < CHANGED_PLACE_OVERLAP) return "wrong";
  return truth.wordsChanged ? "changed, right place" : "changed, words the same";
}

const VERDICTS: Verdict[] = [
  "exact",
  "changed, right place",
  "changed, words the same",
  "wrong",
  "orphaned correctly",
  "orphaned wrongly",
];

type Tally = Record<Verdict, number> & { quotes: number; kept: number; deleted: number };

function emptyTally(): Tally {
  return Object.assign(
    { quotes: 0, kept: 0, deleted: 0 },
    Object.fromEntries(VERDICTS.map((verdict) => [verdict, 0])),
  ) as Tally;
}

function add(tally: Tally, verdict: Verdict, truth: Truth) {
  tally.quotes++;
  if (truth.kind === "kept") tally.kept++;
  else tally.deleted++;
  tally[verdict]++;
}

// ---------------------------------------------------------------------------------------------
// Runs.

type Run = {
  label: string;
  tally: Tally;
  byCondition: Map<string, Tally>;
  millis: number;
  examples: string[];
  removedByCleaning: number;
};

function runVersions(
  label: string,
  samples: { sample: Sample; cited: Cited[]; donors: string[] }[],
  options: ReanchorOptions,
  versions: number,
  seed: number,
  { scale = 1, profiles = PROFILES }: { scale?: number; profiles?: Profile[] } = {},
): Run {
  const run: Run = {
    label,
    tally: emptyTally(),
    byCondition: new Map(),
    millis: 0,
    examples: [],
    removedByCleaning: 0,
  };
  for (const [sampleIndex, { sample, cited, donors }] of samples.entries()) {
    for (let version = 0; version < versions; version++) {
      const random = seeded(seed * 1009 + sampleIndex * 101 + version);
      const profile = profiles[version % profiles.length]!;
      const plan = planVersion(sample, cited, donors, profile, random, scale);
      const edited = writeVersion(sample.text, plan);
      const newText = prepareSource({ content: edited.text, title: sample.title, format: "text" }).text;
      const { map: cleaned, removedVisible } = cleaningMap(edited.text, newText);
      run.removedByCleaning += removedVisible;
      const quotes: QuoteToReanchor[] = cited.map((span) => ({
        start: span.start,
        end: span.end,
        quote: quoteForSpan(sample.text, span),
      }));
      const started = performance.now();
      const outcomes = reanchorQuotes(sample.text, newText, quotes, options);
      run.millis += performance.now() - started;
      for (const [index, span] of cited.entries()) {
        const truth = truthOf(sample.text, span, edited, cleaned);
        const outcome = outcomes[index]!;
        const verdict = judge(outcome, truth);
        add(run.tally, verdict, truth);
        const conditions = [...plan.conditions.entries()]
          .filter(([, spans]) => spans.some((where) => touches(where, span)))
          .map(([condition]) => condition);
        for (const condition of conditions.length > 0 ? conditions : ["untouched"]) {
          if (!run.byCondition.has(condition)) run.byCondition.set(condition, emptyTally());
          add(run.byCondition.get(condition)!, verdict, truth);
        }
        if (verdict === "wrong" || verdict === "orphaned wrongly" || verdict === "changed, words the same") {
          run.examples.push(
            `${verdict} · ${sample.name} v${version} (${profile}) · ${span.origin} ${span.start}-${span.end} · ` +
              `${JSON.stringify(sample.text.slice(span.start, span.end).slice(0, 80))}\n    outcome ${JSON.stringify(outcome)}\n    truth ${JSON.stringify(truth)}` +
              (truth.kind === "kept"
                ? ` ${JSON.stringify(newText.slice(truth.span.start, truth.span.end).slice(0, 80))}`
                : ""),
          );
        }
      }
    }
  }
  return run;
}

/** Whether an edit at `where` concerns a quote: inside it, or a paragraph insertion before it changes its offsets. */
function touches(where: TextSpan, span: TextSpan): boolean {
  if (where.start === where.end) return where.start <= span.start;
  return where.start < span.end && where.end > span.start;
}

// Rounded down, so that 4,778 of 4,779 does not print as 100 %.
function percent(part: number, whole: number): string {
  return whole === 0 ? "—" : `${(Math.floor((1000 * part) / whole) / 10).toFixed(1)} %`;
}

function printRun(run: Run) {
  const { tally } = run;
  console.log(
    `\n## ${run.label}: ${tally.quotes} re-anchors (${tally.kept} quotes still exist, ${tally.deleted} deleted), ${run.millis.toFixed(0)} ms in reanchorQuotes`,
  );
  const rows: [string, ...(string | number)[]][] = [["", "quotes", ...VERDICTS]];
  rows.push(["all", tally.quotes, ...VERDICTS.map((verdict) => tally[verdict])]);
  for (const [condition, conditionTally] of [...run.byCondition.entries()].sort()) {
    rows.push([condition, conditionTally.quotes, ...VERDICTS.map((verdict) => conditionTally[verdict])]);
  }
  printTable(rows);
  console.log(
    `exact ${tally.exact} · wrong ${tally.wrong} · orphaned ${tally["orphaned correctly"] + tally["orphaned wrongly"]} ` +
      `(${tally["orphaned correctly"]} of ${tally.deleted} deleted quotes flagged, ${tally["orphaned wrongly"]} existing quotes missed) · ` +
      `existing quotes found: ${percent(tally.kept - tally["orphaned wrongly"], tally.kept)}`,
  );
  if (run.removedByCleaning > 0) {
    console.log(
      `  (cleaning dropped ${run.removedByCleaning} visible characters of the edited texts: counted as deleted)`,
    );
  }
  if (values.verbose) for (const example of run.examples) console.log(`  ${example}`);
  else if (run.examples.length > 0) console.log(`  (${run.examples.length} to look at: --verbose lists them)`);
}

function printTable(rows: (string | number)[][]) {
  const widths = rows[0]!.map((_, column) => Math.max(...rows.map((row) => String(row[column]).length)));
  for (const row of rows) {
    console.log(
      row
        .map((cell, column) =>
          column === 0 ? String(cell).padEnd(widths[column]!) : String(cell).padStart(widths[column]!),
        )
        .join("  "),
    );
  }
}

// ---------------------------------------------------------------------------------------------
// A 4 MB text: sentences of the samples, shuffled, numbered and with words swapped so that most
// are unique, as in a long real document; the same edits, scaled up, and 500 citations.

function largeSample(samples: Sample[], random: Random): Sample {
  const sentences = samples.flatMap((sample) =>
    sample.sentences
      .map((span) => sample.text.slice(span.start, span.end))
      .filter((sentence) => !sentence.includes("\n")),
  );
  const vocabulary = [...new Set(sentences.flatMap((sentence) => sentence.match(/\p{L}{4,}/gu) ?? []))];
  const paragraphs: string[] = [];
  let size = 0;
  for (let number = 1; size < 4 * 1024 * 1024; number++) {
    const count = integer(random, 2, 7);
    const parts: string[] = [`${number}.`];
    for (let index = 0; index < count; index++) {
      parts.push(
        pick(random, sentences).replace(/\p{L}{4,}/gu, (word) => (random() < 0.25 ? pick(random, vocabulary) : word)),
      );
    }
    const paragraph = parts.join(" ");
    paragraphs.push(paragraph);
    size += paragraph.length + 2;
  }
  return prepare("large (4 MB)", "Large", paragraphs.join("\n\n"));
}

function main() {
  const gold = JSON.parse(readFileSync(join(root, "eval/gold.json"), "utf8")) as {
    claims: { supports: { source: string; quote: string }[]; contradicts: { source: string; quote: string }[] }[];
  };
  const goldPassages = gold.claims.flatMap((claim) => [...claim.supports, ...claim.contradicts]);
  const samples = SAMPLES.map(({ file, title }) =>
    prepare(file, title, readFileSync(join(root, "prisma/sample/corpus", file), "utf8")),
  );
  const prepared = samples.map((sample, index) => {
    const random = seeded(SEED + index);
    const cited = citedPassages(
      sample,
      goldPassages.filter((passage) => passage.source === sample.name).map((passage) => passage.quote),
      random,
    );
    const donors = samples
      .filter((other) => other !== sample)
      .flatMap((other) => other.paragraphs.map((span) => other.text.slice(span.start, span.end)))
      .filter((paragraph) => paragraph.length >= 40 && paragraph.length <= 1500);
    return { sample, cited, donors };
  });

  console.log(
    `# Re-anchoring evaluation: ${VERSIONS} edited versions of each of ${samples.length} sample texts, seed ${SEED}\n` +
      `${prepared.map(({ sample, cited }) => `${sample.name} ${sample.text.length} characters, ${cited.length} cited passages`).join("; ")}`,
  );
  const runs = [
    runVersions("Whole-text diff (default)", prepared, {}, VERSIONS, SEED),
    runVersions(
      "Anchored diff only (what texts too different for the whole-text diff get)",
      prepared,
      { maxEditWords: 0 },
      VERSIONS,
      SEED,
    ),
  ];
  for (const run of runs) printRun(run);

  if (!values["no-large"]) {
    const random = seeded(SEED);
    const started = performance.now();
    const large = largeSample(samples, random);
    const cited = citedPassages(large, [], random, 245).slice(0, 500);
    const donors = prepared.flatMap(({ donors }) => donors);
    console.log(
      `\nBuilt a ${(large.text.length / 1024 / 1024).toFixed(1)} MB text in ${(performance.now() - started).toFixed(0)} ms`,
    );
    const largeVersions = 3;
    const scaled = { scale: 20, profiles: ["mixed"] as Profile[] };
    const largeRuns = [
      runVersions(
        `4 MB text, ${cited.length} citations`,
        [{ sample: large, cited, donors }],
        {},
        largeVersions,
        SEED,
        scaled,
      ),
    ];
    for (const run of largeRuns) {
      printRun(run);
      console.log(`  ${(run.millis / largeVersions).toFixed(0)} ms per version (reanchorQuotes on the two 4 MB texts)`);
    }
    runs.push(...largeRuns);
  }
  const wrong = runs.reduce((sum, run) => sum + run.tally.wrong, 0);
  console.log(wrong === 0 ? "\n✓ No wrong re-anchor." : `\n✗ ${wrong} wrong re-anchors.`);
  process.exitCode = wrong === 0 ? 0 : 1;
}

main();
