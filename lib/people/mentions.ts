import "server-only";
import { recordAudit } from "@/lib/audit/record";
import { authorize } from "@/lib/authorize";
import type { Db, Tx } from "@/lib/db";
import { AppError, parseInput } from "@/lib/errors";
import type { Prisma } from "@/lib/generated/sqlite/client";
import { can, type MaybeActor } from "@/lib/permissions";
import { sourcesMatching } from "@/lib/search/backend";
import { keyedWords } from "@/lib/search/text";
import { type DetectedMention, detectMentions, type KnownPerson, mentionMatcher } from "./detect";
import { nameKey } from "./names";
import { SettleMentionSchema } from "./schemas";

/** Statuses set by a person, which a new detection run must not overwrite. */
const HUMAN_DECISIONS = ["confirmed", "rejected"];

export type MentionDto = { slug: string; name: string; spellings: string[]; count: number };
export type AmbiguousMentionDto = {
  surface: string;
  count: number;
  candidates: { id: string; slug: string; name: string }[];
  sentences: string[];
};
export type AmbiguousMentionInSourceDto = AmbiguousMentionDto & { source: { id: string; title: string } };

/** Mentions waiting for a moderator to say who is meant; the lists and the review queue's count share it. */
// A replaced version's names are not settled again: its newest version has its own.
const AMBIGUOUS = { status: "ambiguous", source: { supersededAt: null } } satisfies Prisma.PersonMentionWhereInput;

export async function knownPeople(tx: Db | Tx): Promise<KnownPerson[]> {
  return tx.person.findMany({ select: { id: true, aliases: { select: { name: true, key: true } } } });
}

/**
 * Detects the people a source names and stores the result (in the caller's transaction),
 * keeping every decision a moderator made about an ambiguous surname. `detected`: the mentions
 * of the source's text when the caller has found them already (an import, while it wrote the
 * passages), so the text is not read back.
 */
export async function refreshSourceMentions(
  tx: Tx,
  sourceId: string,
  people?: KnownPerson[],
  known: { detected?: DetectedMention[] } = {},
): Promise<number> {
  let detected = known.detected;
  if (!detected) {
    const source = await tx.source.findUnique({ where: { id: sourceId }, select: { text: true } });
    if (!source) return 0;
    detected = detectMentions(source.text, people ?? (await knownPeople(tx)));
  }
  const decided = await tx.personMention.findMany({
    where: { sourceId, status: { in: HUMAN_DECISIONS } },
    select: { personId: true, surface: true },
  });
  const decidedKeys = new Set(decided.map((row) => `${row.personId}\u0000${row.surface}`));
  // A surface a moderator settled for one candidate is settled for all of them.
  const settledSurfaces = new Set(decided.map((row) => row.surface));
  await tx.personMention.deleteMany({ where: { sourceId, status: { notIn: HUMAN_DECISIONS } } });
  const rows = detected.filter(
    (mention) =>
      !decidedKeys.has(`${mention.personId}\u0000${mention.surface}`) &&
      !(mention.status === "ambiguous" && settledSurfaces.has(mention.surface)),
  );
  if (rows.length > 0) await tx.personMention.createMany({ data: rows.map((mention) => ({ sourceId, ...mention })) });
  // Counts of settled rows follow the text too.
  for (const mention of detected.filter((item) => decidedKeys.has(`${item.personId}\u0000${item.surface}`))) {
    await tx.personMention.updateMany({
      where: { sourceId, personId: mention.personId, surface: mention.surface },
      data: { count: mention.count },
    });
  }
  return rows.length;
}

/**
 * Runs detection again over the sources that could name these people (found through the
 * search index, so the whole library is not read) and those already linked to them.
 * One transaction per source: each source's mentions are consistent on their own.
 */
export async function refreshMentionsOfPeople(db: Db, personIds: string[]): Promise<number> {
  const people = await db.person.findMany({
    where: { id: { in: personIds } },
    select: { aliases: { select: { key: true, name: true } } },
  });
  const spellings = new Set<string>();
  for (const alias of people.flatMap((person) => person.aliases)) {
    const words = (alias.key || nameKey(alias.name)).split(" ").filter(Boolean);
    if (words.length === 0) continue;
    spellings.add(words.join(" "));
    spellings.add(words[words.length - 1]!);
  }
  const sourceIds = new Set(
    await sourcesMatching(
      db,
      [...spellings].filter((spelling) => spelling.length >= 3),
    ),
  );
  const linked = await db.personMention.findMany({
    where: { personId: { in: personIds } },
    distinct: ["sourceId"],
    select: { sourceId: true },
  });
  for (const row of linked) sourceIds.add(row.sourceId);
  // Everyone is read once: the same list serves every source's detection.
  const everyone = await knownPeople(db);
  for (const sourceId of sourceIds) await db.$transaction((tx) => refreshSourceMentions(tx, sourceId, everyone));
  await closeSuggestionsNaming(db, personIds);
  return sourceIds.size;
}

/** Open name suggestions that these people now account for are withdrawn: they name someone known. */
async function closeSuggestionsNaming(db: Db, personIds: string[]) {
  const people = await db.person.findMany({
    where: { id: { in: personIds } },
    select: { id: true, aliases: { select: { name: true, key: true } } },
  });
  const open = await db.personSuggestion.findMany({ where: { status: "open" }, select: { id: true, name: true } });
  const matcher = mentionMatcher(people);
  const named = open.filter((suggestion) => matcher.namesSomeone(suggestion.name));
  if (named.length > 0)
    await db.personSuggestion.deleteMany({
      where: { id: { in: named.map((suggestion) => suggestion.id) }, status: "open" },
    });
}

/**
 * Settles a surname shared by several people in one source: the chosen person gets the
 * mention (confirmed), the others are marked as not meant. personId null: none of them.
 */
export async function settleMention(
  db: Db,
  actor: MaybeActor,
  input: unknown,
): Promise<{ surface: string; personId: string | null; candidates: number }> {
  authorize(actor, "update:person");
  const { sourceId, surface, personId } = parseInput(SettleMentionSchema, input);
  return db.$transaction(async (tx) => {
    const rows = await tx.personMention.findMany({ where: { sourceId, surface } });
    if (rows.length === 0)
      throw new AppError("NOT_FOUND", `surface: "${surface}" is not a mention in this source`, {
        field: "surface",
      });
    if (personId !== null && !rows.some((row) => row.personId === personId)) {
      throw new AppError("INVALID", "personId: is not one of the candidates for this mention", { field: "personId" });
    }
    for (const row of rows) {
      await tx.personMention.update({
        where: { id: row.id },
        data: { status: row.personId === personId ? "confirmed" : "rejected" },
      });
    }
    await recordAudit(tx, actor, {
      action: "mention.settle",
      entityType: "Source",
      entityId: sourceId,
      data: { surface, personId, candidates: rows.map((row) => row.personId) },
    });
    return { surface, personId, candidates: rows.length };
  });
}

const ATTACHED = ["attached", "confirmed"];

/** Mention rows summed per person or per source, with the spellings used. */
function totalBy<Row extends { surface: string; count: number }, Entity extends object>(
  rows: Row[],
  keyOf: (row: Row) => string,
  entity: (row: Row) => Entity,
): (Entity & { spellings: string[]; count: number })[] {
  const totals = new Map<string, Entity & { spellings: string[]; count: number }>();
  for (const row of rows) {
    const key = keyOf(row);
    const entry = totals.get(key) ?? { ...entity(row), spellings: [], count: 0 };
    entry.spellings.push(row.surface);
    entry.count += row.count;
    totals.set(key, entry);
  }
  return [...totals.values()];
}

/** The people a source names (attached or confirmed), with the spellings used. */
export async function listSourceMentions(db: Db, sourceId: string): Promise<MentionDto[]> {
  const rows = await db.personMention.findMany({
    where: { sourceId, status: { in: ATTACHED } },
    select: { surface: true, count: true, person: { select: { slug: true, name: true } } },
  });
  return totalBy(
    rows,
    (row) => row.person.slug,
    (row) => ({ slug: row.person.slug, name: row.person.name }),
  ).sort((a, b) => b.count - a.count || a.name.localeCompare(b.name));
}

/** Surnames in a source that could be several people, with the sentences they occur in. */
export async function listAmbiguousMentions(db: Db, sourceId: string): Promise<AmbiguousMentionDto[]> {
  const rows = await db.personMention.findMany({
    where: { ...AMBIGUOUS, sourceId },
    orderBy: { surface: "asc" },
    select: { surface: true, count: true, person: { select: { id: true, slug: true, name: true } } },
  });
  if (rows.length === 0) return [];
  const sentences = await db.passage.findMany({
    where: { sourceId, kind: "sentence" },
    orderBy: { start: "asc" },
    select: { text: true },
  });
  const bySurface = new Map<string, AmbiguousMentionDto>();
  for (const row of rows) {
    const entry = bySurface.get(row.surface) ?? {
      surface: row.surface,
      count: row.count,
      candidates: [],
      sentences: [],
    };
    entry.candidates.push(row.person);
    bySurface.set(row.surface, entry);
  }
  for (const entry of bySurface.values()) {
    const key = nameKey(entry.surface);
    entry.sentences = sentences
      .filter((sentence) => keyedWords(sentence.text).some((word) => word.key === key))
      .slice(0, 5)
      .map((sentence) => sentence.text);
  }
  return [...bySurface.values()];
}

/**
 * Unsettled shared surnames across the library, one item per source and surface (as each
 * source's page shows them), the first `limit` by source then surface.
 */
export async function listAmbiguousMentionsEverywhere(
  db: Db,
  actor: MaybeActor,
  { limit = 200 }: { limit?: number } = {},
): Promise<AmbiguousMentionInSourceDto[]> {
  authorize(actor, "update:person");
  const groups = await db.personMention.groupBy({
    by: ["sourceId", "surface"],
    where: AMBIGUOUS,
    orderBy: [{ sourceId: "asc" }, { surface: "asc" }],
    take: limit,
  });
  const sourceIds = [...new Set(groups.map((group) => group.sourceId))];
  const sources = await db.source.findMany({ where: { id: { in: sourceIds } }, select: { id: true, title: true } });
  const titles = new Map(sources.map((source) => [source.id, source.title]));
  const items: AmbiguousMentionInSourceDto[] = [];
  // Per source, so each surname gets its candidates and sentences exactly as on the source's page.
  for (const sourceId of sourceIds) {
    const wanted = new Set(groups.filter((group) => group.sourceId === sourceId).map((group) => group.surface));
    const source = { id: sourceId, title: titles.get(sourceId) ?? sourceId };
    for (const mention of await listAmbiguousMentions(db, sourceId))
      if (wanted.has(mention.surface)) items.push({ ...mention, source });
  }
  return items;
}

/** How many unsettled surnames (per source) wait: zero for anyone who may not settle them. */
export async function countAmbiguousMentions(db: Db, actor: MaybeActor): Promise<number> {
  if (!can(actor, "update:person")) return 0;
  // One item per source and surface, however many candidates: counted as the list groups them.
  const groups = await db.personMention.groupBy({ by: ["sourceId", "surface"], where: AMBIGUOUS });
  return groups.length;
}

/** The sources that name a person (attached or confirmed), with the spellings found. */
export async function findSourcesMentioning(
  db: Db,
  personSlug: string,
): Promise<{ id: string; title: string; spellings: string[]; count: number }[]> {
  const rows = await db.personMention.findMany({
    where: { person: { slug: personSlug }, status: { in: ATTACHED } },
    select: { surface: true, count: true, source: { select: { id: true, title: true } } },
  });
  return totalBy(
    rows,
    (row) => row.source.id,
    (row) => ({ id: row.source.id, title: row.source.title }),
  ).sort((a, b) => b.count - a.count || a.title.localeCompare(b.title));
}
