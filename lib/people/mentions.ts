import type { Db } from "@/lib/db";
import { foldText } from "@/lib/text/fold";

export type MentionDto = { slug: string; name: string; spellings: string[] };

// Aliases this short ("Mo", "Li") match too much by accident.
const MIN_ALIAS_LENGTH = 4;

function containsWord(haystack: string, needle: string): boolean {
  return ` ${haystack} `.includes(` ${needle} `);
}

/**
 * The people whose names (any alias, folded for case, accents and punctuation) occur in a
 * text as whole words, with the spellings found. Exact alias matching only; transliteration
 * variants and ambiguous surnames are the job of mention detection.
 */
export async function findPeopleMentioned(db: Db, text: string): Promise<MentionDto[]> {
  const folded = foldText(text);
  const people = await db.person.findMany({
    orderBy: { name: "asc" },
    take: 5000,
    select: { slug: true, name: true, aliases: { select: { name: true, normalized: true } } },
  });
  const found: MentionDto[] = [];
  for (const person of people) {
    const spellings = person.aliases
      .filter((alias) => alias.normalized.length >= MIN_ALIAS_LENGTH && containsWord(folded, alias.normalized))
      .map((alias) => alias.name);
    if (spellings.length > 0) found.push({ slug: person.slug, name: person.name, spellings });
  }
  return found;
}

/** The sources whose text mentions a person under any of their aliases. */
export async function findSourcesMentioning(db: Db, personSlug: string): Promise<{ id: string; title: string; spellings: string[] }[]> {
  const person = await db.person.findUnique({ where: { slug: personSlug }, select: { aliases: { select: { name: true, normalized: true } } } });
  if (!person) return [];
  const aliases = person.aliases.filter((alias) => alias.normalized.length >= MIN_ALIAS_LENGTH);
  const sources = await db.source.findMany({ orderBy: { createdAt: "asc" }, take: 500, select: { id: true, title: true, text: true } });
  return sources
    .map((source) => {
      const folded = foldText(source.text);
      return { id: source.id, title: source.title, spellings: aliases.filter((alias) => containsWord(folded, alias.normalized)).map((alias) => alias.name) };
    })
    .filter((source) => source.spellings.length > 0);
}
