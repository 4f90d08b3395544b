import "server-only";
import { recordAudit } from "@/lib/audit/record";
import { authorize } from "@/lib/authorize";
import { WRITTEN_DATE, writtenDateToPartial } from "@/lib/dates";
import type { Db, Tx } from "@/lib/db";
import { AppError, parseInput } from "@/lib/errors";
import type { Prisma } from "@/lib/generated/sqlite/client";
import { can, type MaybeActor } from "@/lib/permissions";
import { keyedWords } from "@/lib/search/text";
import type { Gloss } from "@/lib/sources/glosses";
import { runSteps, type Steps } from "@/lib/steps";
import { type KnownPerson, mentionMatcher } from "./detect";
import { refreshMentionsOfPeople } from "./mentions";
import { freeSlug, insertPerson, parsePersonInput } from "./mutations";
import { nameKey } from "./names";
import { AcceptPersonSuggestionSchema, DismissPersonSuggestionSchema, ListPersonSuggestionsSchema } from "./schemas";

export type SuggestionDraft = {
  name: string;
  key: string;
  birthDate?: string;
  deathDate?: string;
  description?: string;
  /** Other spellings seen (the link text of a gloss). */
  alsoWritten: string[];
  occurrences: number;
};

export type PersonSuggestionDto = {
  id: string;
  name: string;
  birthDate: string | null;
  deathDate: string | null;
  description: string | null;
  sentences: string[];
  /** Other spellings the source uses for the name. */
  spellings: string[];
  occurrences: number;
  source: { id: string; title: string };
};

const PARTICLES = new Set([
  "de",
  "da",
  "di",
  "du",
  "der",
  "den",
  "van",
  "von",
  "la",
  "le",
  "dze",
  "ibn",
  "bin",
  "al",
  "y",
]);
const MAX_SUGGESTIONS_PER_SOURCE = 20;
const MAX_SENTENCES = 5;
// Past this many spellings, the keys remembered while reading a text are forgotten (a hostile
// text of millions of different capitalised words costs time, not unbounded memory).
const MAX_REMEMBERED_KEYS = 200_000;
// First words that make a capitalised run a phrase, not a name ("The Soviet Union", "In Moscow").
const NOT_A_FIRST_NAME = new Set([
  "the",
  "a",
  "an",
  "in",
  "on",
  "at",
  "of",
  "for",
  "by",
  "from",
  "to",
  "with",
  "and",
  "or",
  "but",
  "after",
  "before",
  "when",
  "while",
  "during",
  "since",
  "he",
  "she",
  "it",
  "they",
  "his",
  "her",
  "their",
  "this",
  "that",
  "these",
  "those",
  "as",
  "if",
  "general",
  "comrade",
  "president",
  "chairman",
  "premier",
  "marshal",
  "saint",
  "st",
  "mr",
  "mrs",
  "dr",
]);
// Capitalised words that are not part of a person's name in English prose: calendar words,
// peoples and their adjectives, institutions and places. A general lexicon, not a list of names.
const NOT_NAME_WORDS = new Set([
  "january",
  "february",
  "march",
  "april",
  "may",
  "june",
  "july",
  "august",
  "september",
  "october",
  "november",
  "december",
  "monday",
  "tuesday",
  "wednesday",
  "thursday",
  "friday",
  "saturday",
  "sunday",
  "soviet",
  "soviets",
  "russian",
  "russians",
  "russia",
  "bolshevik",
  "bolsheviks",
  "communist",
  "communists",
  "socialist",
  "nazi",
  "nazis",
  "german",
  "germans",
  "germany",
  "polish",
  "poland",
  "hungarian",
  "hungary",
  "ukrainian",
  "ukraine",
  "georgian",
  "georgia",
  "armenian",
  "jewish",
  "jews",
  "tatar",
  "tatars",
  "belarusian",
  "british",
  "english",
  "american",
  "french",
  "chinese",
  "japanese",
  "finnish",
  "latvian",
  "lithuanian",
  "estonian",
  "white",
  "red",
  "western",
  "eastern",
  "northern",
  "southern",
  "north",
  "south",
  "east",
  "west",
  "central",
  "union",
  "army",
  "navy",
  "war",
  "world",
  "university",
  "institution",
  "institute",
  "party",
  "committee",
  "republic",
  "revolution",
  "church",
  "street",
  "square",
  "river",
  "sea",
  "empire",
  "kingdom",
  "state",
  "states",
  "government",
  "ministry",
  "council",
  "congress",
  "court",
  "front",
  "guard",
  "police",
  "museum",
  "library",
  "press",
  "times",
  "company",
  "school",
  "college",
  "academy",
  "prison",
  "camp",
  "palace",
  "kremlin",
  "station",
  "island",
  "region",
  "province",
  "district",
  "oblast",
  "caucasus",
  "history",
  "military",
  "all",
  "secret",
  "security",
  "intelligence",
  "directorate",
  "department",
  "commissariat",
  "people's",
  "peoples",
  "great",
]);
// Adverbs open sentences ("Culturally Soviet youth") and are never names.
const ADVERB = /ly$/;

/** Whether a text reads as a person's name: 2–6 capitalised words (particles allowed), no digits, no all-capital words. */
function looksLikePersonName(name: string): boolean {
  const words = name.split(/\s+/).filter(Boolean);
  if (words.length < 2 || words.length > 6) return false;
  if (NOT_A_FIRST_NAME.has(words[0]!.toLowerCase()) || ADVERB.test(words[0]!)) return false;
  if (words.some((word) => NOT_NAME_WORDS.has(word.toLowerCase()))) return false;
  return words.every((word, index) => {
    if (index > 0 && index < words.length - 1 && PARTICLES.has(word.toLowerCase())) return true;
    if (/\d/.test(word)) return false;
    if (/^[IVX]+$/.test(word) && index > 0) return true; // Ivan IV
    if (word.length > 1 && word === word.toUpperCase()) return false;
    return /^\p{Lu}[\p{L}\p{M}’'-]*$/u.test(word);
  });
}

/** The parenthesis opening at `open`, nested ones included, or undefined if it is not closed. */
function parenthesised(text: string, open: number): { inner: string; close: number } | undefined {
  let depth = 0;
  for (let index = open; index < text.length; index++) {
    if (text[index] === "(") depth++;
    else if (text[index] === ")" && --depth === 0) return { inner: text.slice(open + 1, index), close: index };
  }
  return undefined;
}

function datesIn(text: string): string[] {
  return [...text.matchAll(WRITTEN_DATE)]
    .map(writtenDateToPartial)
    .filter((date): date is string => date !== undefined);
}

/**
 * A person described by a gloss: "Lavrentiy Pavlovich Beria (...; – 23 December 1953) was a
 * Georgian Bolshevik" gives the full name, the dates in the parenthesis (born – died, "born X",
 * or "– X" when the birth date was lost) and the first words of the description.
 */
export function personFromGloss(gloss: Gloss): SuggestionDraft | undefined {
  const open = gloss.text.indexOf("(");
  if (open <= 0) return undefined;
  const name = gloss.text.slice(0, open).trim().replace(/[,;]$/, "");
  if (!looksLikePersonName(name)) return undefined;
  let birthDate: string | undefined;
  let deathDate: string | undefined;
  let after = open;
  // The dates are in the first parenthesis, or the second ("(Plivier, until 1933) (12 February 1892 – ...)").
  for (let attempt = 0, at = open; attempt < 2 && at !== -1; attempt++) {
    const group = parenthesised(gloss.text, at);
    if (!group) break;
    after = group.close + 1;
    const dash = group.inner.search(/\s[–—-]\s|\s[–—]|[–—]\s/);
    const born = /\bborn ([^;,)]*\d{4})/.exec(group.inner);
    if (dash !== -1) {
      birthDate = datesIn(group.inner.slice(0, dash)).pop();
      deathDate = datesIn(group.inner.slice(dash + 1))[0];
    } else if (born) {
      birthDate = datesIn(born[1]!)[0];
    }
    if (birthDate || deathDate) break;
    const next = gloss.text.slice(after).match(/^\s*\(/);
    at = next ? after + next[0].length - 1 : -1;
  }
  if (!birthDate && !deathDate) return undefined;
  const rest = gloss.text.slice(after).replace(/^[\s,;–—-]+/, "");
  const firstSentence = /^(.{10,240}?[a-z)])\.(?:\s|$)/.exec(rest)?.[1] ?? rest.slice(0, 240).replace(/\s+\S*$/, "");
  const description = firstSentence ? `${name} ${firstSentence}`.replace(/\s+/g, " ").trim() : undefined;
  return { name, key: nameKey(name), birthDate, deathDate, description, alsoWritten: [gloss.anchor], occurrences: 1 };
}

/**
 * Names that recur in a text and match nobody: people described by glosses, then runs of
 * 2–4 capitalised words seen at least twice (or once, with the surname recurring alone),
 * none of whose words the text also uses in lower case (which rules out "Red Army",
 * "World War", "Central Committee").
 */
export function detectNameSuggestions(text: string, glosses: Gloss[], people: KnownPerson[]): SuggestionDraft[] {
  return runSteps(detectNameSuggestionsInSteps(text, glosses, people));
}

/** What detectNameSuggestionsInSteps asks of a word. */
type WordShape = { capitalised: boolean; particle: boolean; surnameLike: boolean; usedInLowerCase: boolean };

// Sentences (and lower-case words) read between two steps of detectNameSuggestionsInSteps.
const STEP_SENTENCES = 500;
const STEP_WORDS = 20_000;

/** detectNameSuggestions in steps of a few hundred sentences (lib/steps.ts). */
export function* detectNameSuggestionsInSteps(
  text: string,
  glosses: Gloss[],
  people: KnownPerson[],
): Steps<SuggestionDraft[]> {
  // Whether any known person is named by a text (full name, or a surname only they have).
  const known = mentionMatcher(people);
  const found = new Map<string, SuggestionDraft>();
  for (const gloss of glosses) {
    const person = personFromGloss(gloss);
    if (!person || known.namesSomeone(`${gloss.anchor} ${person.name}`)) continue;
    const existing = found.get(person.key);
    if (existing) existing.occurrences++;
    else found.set(person.key, person);
  }

  const lowerCaseWords = new Set<string>();
  let read = 0;
  for (const match of text.matchAll(/(?<![\p{L}\p{N}])\p{Ll}[\p{L}]*/gu)) {
    lowerCaseWords.add(match[0]);
    if (++read % STEP_WORDS === 0) yield;
  }
  // A text names the same people again and again: each spelling is keyed once.
  const keys = new Map<string, string>();
  const keyOf = (name: string) => {
    let key = keys.get(name);
    if (key === undefined) {
      if (keys.size > MAX_REMEMBERED_KEYS) keys.clear();
      key = nameKey(name);
      keys.set(name, key);
    }
    return key;
  };
  const runs = new Map<string, { name: string; count: number }>();
  // How often each capitalised word stands alone ("Stalin" after "Joseph Stalin"), as surnames do.
  const standaloneCounts = new Map<string, number>();
  // What the loop asks of each word, worked out once per distinct word (prose repeats its words).
  const shapes = new Map<string, WordShape>();
  const shapeOf = (word: string): WordShape => {
    let shape = shapes.get(word);
    if (!shape) {
      if (shapes.size > MAX_REMEMBERED_KEYS) shapes.clear();
      const lower = word.toLowerCase();
      shape = {
        capitalised: /^\p{Lu}/u.test(word),
        particle: PARTICLES.has(lower),
        surnameLike: /^\p{Lu}\p{Ll}+$/u.test(word),
        usedInLowerCase: lowerCaseWords.has(lower),
      };
      shapes.set(word, shape);
    }
    return shape;
  };
  let run: string[] = [];
  const flush = () => {
    if (run.length === 1 && shapeOf(run[0]!).surnameLike) {
      const key = keyOf(run[0]!);
      standaloneCounts.set(key, (standaloneCounts.get(key) ?? 0) + 1);
    }
    while (run.length > 1 && shapeOf(run[run.length - 1]!).particle) run.pop();
    if (run.length >= 2 && run.length <= 4) {
      const name = run.join(" ");
      if (looksLikePersonName(name) && run.every((word) => shapeOf(word).particle || !shapeOf(word).usedInLowerCase)) {
        const key = keyOf(name);
        const entry = runs.get(key) ?? { name, count: 0 };
        entry.count++;
        runs.set(key, entry);
      }
    }
    run = [];
  };
  // One pass over the words of the whole text. Runs end where a sentence does (after ".", "!" or
  // "?" and a space, or at a line break), where anything but spaces comes between two words, and
  // after a possessive: "Harvard's Ulam" is not one name.
  const word = /[\p{L}\p{M}’'-]+/gu;
  const spaces = /\s+/y;
  const sentenceEnd = /[.!?]\s|\n/;
  let previousEnd = -1;
  let sentences = 0;
  for (let match = word.exec(text); match; match = word.exec(text)) {
    const token = match[0];
    // Most words follow the last after one space: nothing to look at then.
    if (previousEnd >= 0 && !(match.index === previousEnd + 1 && text.charCodeAt(previousEnd) === 32)) {
      const gap = text.slice(previousEnd, match.index);
      if (sentenceEnd.test(gap)) {
        flush();
        if (++sentences % STEP_SENTENCES === 0) yield;
      } else {
        spaces.lastIndex = previousEnd;
        if (!spaces.test(text) || spaces.lastIndex !== match.index) flush();
      }
    }
    previousEnd = match.index + token.length;
    const possessive = token.endsWith("'s") || token.endsWith("’s");
    const bare = possessive ? token.slice(0, -2) : token;
    const shape = shapeOf(bare);
    if (shape.capitalised || (run.length > 0 && shape.particle)) run.push(bare);
    else flush();
    if (possessive) flush();
  }
  flush();
  for (const [key, run] of runs) {
    const surname = key.split(" ").pop()!;
    // A name recurs: named in full at least once and named again, in full or by surname ("Vasili
    // Ulrikh presided … Ulrikh read the sentences").
    const standalone = standaloneCounts.get(surname) ?? 0;
    const recurs = run.count + standalone >= 2;
    if (!recurs || known.namesSomeone(run.name)) continue;
    // "Theodor Plievier" is the "Theodor Otto Richard Plievier" a gloss described.
    const words = key.split(" ");
    const existing =
      found.get(key) ??
      [...found.values()].find((draft) => {
        const draftWords = draft.key.split(" ");
        return draftWords[0] === words[0] && draftWords[draftWords.length - 1] === words[words.length - 1];
      });
    if (existing) {
      existing.occurrences += run.count;
      if (!existing.alsoWritten.includes(run.name) && existing.name !== run.name) existing.alsoWritten.push(run.name);
    } else found.set(key, { name: run.name, key, alsoWritten: [], occurrences: run.count });
  }
  return [...found.values()]
    .sort(
      (a, b) =>
        Number(Boolean(b.birthDate || b.deathDate)) - Number(Boolean(a.birthDate || a.deathDate)) ||
        b.occurrences - a.occurrences,
    )
    .slice(0, MAX_SUGGESTIONS_PER_SOURCE);
}

/**
 * The sentences of a source that hold each name's surname (any spelling), at most MAX_SENTENCES
 * each, in one pass over the sentences that stops once every name has its sentences.
 */
function sentencesNaming(sentences: readonly string[], names: readonly string[]): Map<string, string[]> {
  const surnames = names.map((name) => nameKey(name).split(" ").pop()!);
  const bySurname = new Map<string, string[]>(surnames.map((surname) => [surname, []]));
  let waiting = bySurname.size;
  const keys = new Map<string, string>();
  for (const sentence of sentences) {
    if (waiting === 0) break;
    const seen = new Set<string>();
    for (const word of keyedWords(sentence, keys)) {
      const found = bySurname.get(word.key);
      if (!found || found.length === MAX_SENTENCES || seen.has(word.key)) continue;
      seen.add(word.key);
      found.push(sentence);
      if (found.length === MAX_SENTENCES) waiting--;
    }
  }
  return new Map(names.map((name, index) => [name, bySurname.get(surnames[index]!)!]));
}

/**
 * Offers a source's unknown recurring names to moderators (in the caller's transaction). A
 * name once accepted or dismissed for this source is not offered again. `known`: what the
 * caller has at hand (an import): the source's sentences in order, so they are not read back,
 * and the names found in its text (detectNameSuggestions), so they are not looked for again.
 */
export async function refreshSourceSuggestions(
  tx: Tx,
  sourceId: string,
  glosses: Gloss[],
  people: KnownPerson[],
  known: { sentences?: readonly string[]; drafts?: SuggestionDraft[] } = {},
): Promise<number> {
  let drafts = known.drafts;
  if (!drafts) {
    const source = await tx.source.findUnique({ where: { id: sourceId }, select: { text: true } });
    if (!source) return 0;
    drafts = detectNameSuggestions(source.text, glosses, people);
  }
  const existing = await tx.personSuggestion.findMany({ where: { sourceId }, select: { key: true, status: true } });
  const decided = new Set(existing.filter((row) => row.status !== "open").map((row) => row.key));
  await tx.personSuggestion.deleteMany({ where: { sourceId, status: "open" } });
  const rows = drafts.filter((draft) => !decided.has(draft.key));
  if (rows.length > 0) {
    const sentences =
      known.sentences ??
      (
        await tx.passage.findMany({
          where: { sourceId, kind: "sentence" },
          orderBy: { start: "asc" },
          select: { text: true },
        })
      ).map((row) => row.text);
    const naming = sentencesNaming(
      sentences,
      rows.map((draft) => draft.name),
    );
    await tx.personSuggestion.createMany({
      data: rows.map((draft) => ({
        sourceId,
        name: draft.name,
        key: draft.key,
        birthDate: draft.birthDate ?? null,
        deathDate: draft.deathDate ?? null,
        description: draft.description ?? null,
        spellings: JSON.stringify(draft.alsoWritten.filter((spelling) => spelling !== draft.name)),
        sentences: JSON.stringify(naming.get(draft.name) ?? []),
        occurrences: draft.occurrences,
      })),
    });
  }
  return rows.length;
}

/** Suggestions still waiting for a decision; the list and the review queue's count both use it. */
// A replaced version's suggestions are not offered: its newest version has its own.
const OPEN_SUGGESTION = { status: "open", source: { supersededAt: null } } satisfies Prisma.PersonSuggestionWhereInput;

/** Open suggestions, of one source or (without sourceId) of every source, the most named first. */
export async function listPersonSuggestions(
  db: Db,
  actor: MaybeActor,
  input: unknown = {},
): Promise<PersonSuggestionDto[]> {
  authorize(actor, "create:person");
  const { sourceId, limit } = parseInput(ListPersonSuggestionsSchema, input);
  const rows = await db.personSuggestion.findMany({
    where: { ...OPEN_SUGGESTION, ...(sourceId ? { sourceId } : {}) },
    orderBy: [{ occurrences: "desc" }, { name: "asc" }, { id: "asc" }],
    take: limit,
    select: {
      id: true,
      name: true,
      birthDate: true,
      deathDate: true,
      description: true,
      sentences: true,
      spellings: true,
      occurrences: true,
      source: { select: { id: true, title: true } },
    },
  });
  return rows.map((row) => ({
    ...row,
    sentences: JSON.parse(row.sentences) as string[],
    spellings: JSON.parse(row.spellings) as string[],
  }));
}

/** How many suggestions wait across all sources: zero for anyone who may not accept them. */
export async function countOpenPersonSuggestions(db: Db, actor: MaybeActor): Promise<number> {
  if (!can(actor, "create:person")) return 0;
  return db.personSuggestion.count({ where: OPEN_SUGGESTION });
}

async function openSuggestion(tx: Tx, suggestionId: string) {
  const suggestion = await tx.personSuggestion.findUnique({ where: { id: suggestionId } });
  if (!suggestion)
    throw new AppError("NOT_FOUND", `suggestionId: no suggestion "${suggestionId}"`, { field: "suggestionId" });
  if (suggestion.status !== "open")
    throw new AppError("CONFLICT", `suggestionId: this suggestion was already ${suggestion.status}`, {
      field: "suggestionId",
    });
  return suggestion;
}

/** Makes a suggested name a person (the name and spellings may be corrected), in one transaction with the suggestion's closing. */
export async function acceptPersonSuggestion(
  db: Db,
  actor: MaybeActor,
  input: unknown,
): Promise<{ id: string; slug: string; name: string }> {
  authorize(actor, "create:person");
  const choice = parseInput(AcceptPersonSuggestionSchema, input);
  const person = await db.$transaction(async (tx) => {
    const suggestion = await openSuggestion(tx, choice.suggestionId);
    const name = choice.name ?? suggestion.name;
    const data = parsePersonInput({
      name,
      // Without a list from the moderator, the spellings the source used become the aliases.
      aliases: [
        ...new Set([
          ...(choice.aliases ?? (JSON.parse(suggestion.spellings) as string[])),
          ...(name !== suggestion.name ? [suggestion.name] : []),
        ]),
      ],
      description: suggestion.description ?? undefined,
      birthDate: suggestion.birthDate ?? undefined,
      deathDate: suggestion.deathDate ?? undefined,
    });
    const created = await insertPerson(tx, actor, data, await freeSlug(tx, name));
    // The same name suggested by other sources is settled by this too.
    await tx.personSuggestion.updateMany({
      where: { key: suggestion.key, status: "open" },
      data: { status: "accepted" },
    });
    await recordAudit(tx, actor, {
      action: "person.suggestion.accept",
      entityType: "Person",
      entityId: created.id,
      data: { suggestionId: suggestion.id, name: suggestion.name },
    });
    return created;
  });
  await refreshMentionsOfPeople(db, [person.id]);
  return person;
}

export async function dismissPersonSuggestion(
  db: Db,
  actor: MaybeActor,
  input: unknown,
): Promise<{ id: string; status: "dismissed" }> {
  authorize(actor, "create:person");
  const { suggestionId } = parseInput(DismissPersonSuggestionSchema, input);
  return db.$transaction(async (tx) => {
    const suggestion = await openSuggestion(tx, suggestionId);
    await tx.personSuggestion.update({ where: { id: suggestion.id }, data: { status: "dismissed" } });
    await recordAudit(tx, actor, {
      action: "person.suggestion.dismiss",
      entityType: "Source",
      entityId: suggestion.sourceId,
      data: { suggestionId: suggestion.id, name: suggestion.name },
    });
    return { id: suggestion.id, status: "dismissed" as const };
  });
}
