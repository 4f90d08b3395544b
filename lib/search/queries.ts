import "server-only";
import { cachedForAnonymous } from "@/lib/cache/public-reads";
import type { Db } from "@/lib/db";
import { AppError, parseInput } from "@/lib/errors";
import { personMatchWhere } from "@/lib/people/match";
import { nameKey } from "@/lib/people/names";
import { can, type MaybeActor } from "@/lib/permissions";
import { type DocumentQuery, findDocuments, TOTAL_CAP } from "./backend";
import { isEmptyQuery, parseQuery, phraseOf, type QueryTerm, withNameReadings } from "./query";
import { DOCUMENT_KINDS, type DocumentKind, SearchSchema } from "./schemas";
import { findPhrase, makeSnippet, type Snippet, shiftSnippet } from "./snippet";

export type SearchHitDto = {
  kind: DocumentKind;
  id: string;
  score: number;
  exactPhrase: boolean;
  /** Offsets are in the source's text for passages, in the document's own text otherwise. */
  snippet: Snippet;
  title: string;
  url: string;
  passage?: { kind: string; start: number; end: number; sourceId: string; sourceTitle: string };
  claim?: { slug: string; status: string };
  person?: { slug: string; name: string };
};

export type SearchResultDto = {
  q: string;
  page: number;
  pageSize: number;
  total: number;
  totalIsCapped: boolean;
  items: SearchHitDto[];
  person?: { slug: string; name: string };
};

/** The claims an actor may find, in the form the search backend filters on (lib/claims/policy.ts in SQL). */
export function claimVisibilityFor(actor: MaybeActor): DocumentQuery["claimVisibility"] {
  if (can(actor, "read:claim:any")) return null;
  return {
    statuses: ["published", "archived"],
    authorId: actor?.kind === "user" && can(actor, "read:claim:own") ? actor.id : null,
  };
}

/** A person by slug or any spelling, with their spellings as search alternatives. */
export async function personSearchTerms(
  db: Db,
  person: string,
): Promise<{ slug: string; name: string; terms: QueryTerm[] } | null> {
  const found = await db.person.findFirst({
    where: personMatchWhere(person),
    orderBy: { slug: "asc" },
    select: { slug: true, name: true, aliases: { select: { key: true, name: true } } },
  });
  if (!found) return null;
  const spellings = new Set(
    found.aliases.map((alias) => alias.key || nameKey(alias.name)).filter((spelling) => spelling.length >= 3),
  );
  const terms = [...spellings].map((spelling) => {
    const words = spelling.split(" ");
    return { words, prefix: false, phrase: words.length > 1 };
  });
  return { slug: found.slug, name: found.name, terms };
}

/**
 * Full-text search over passages, claims, sources and people, folded for case, accents,
 * punctuation and Russian romanization, ranked (exact phrase first), with snippets.
 * Claims the actor may not read never appear.
 */
async function readSearch(db: Db, actor: MaybeActor, input: unknown): Promise<SearchResultDto> {
  const { q, kind, person, source, level, page, pageSize } = parseInput(SearchSchema, input);
  const parsed = parseQuery(q);
  // "Jeschow" finds Yezhov: a capitalised word matches any of its romanizations' keys.
  const { query, anyOf: nameReadings } = withNameReadings(q, parsed);

  let personFilter: Awaited<ReturnType<typeof personSearchTerms>> = null;
  if (person) {
    personFilter = await personSearchTerms(db, person);
    if (!personFilter) throw new AppError("NOT_FOUND", `person: no person "${person}"`, { field: "person" });
    if (personFilter.terms.length === 0)
      throw new AppError("INVALID", `person: "${person}" has no searchable spelling`, { field: "person" });
  }
  if (isEmptyQuery(parsed) && !personFilter) {
    throw new AppError("INVALID", q.trim() ? "q: has no letters or digits to search for" : "q: is required", {
      field: "q",
    });
  }
  if ((page - 1) * pageSize >= TOTAL_CAP) {
    throw new AppError("INVALID", `page: results stop at ${TOTAL_CAP}; narrow the search`, { field: "page" });
  }

  const { hits, total, totalIsCapped } = await findDocuments(db, {
    query,
    anyOf: [...nameReadings, ...(personFilter ? [personFilter.terms] : [])],
    kinds: kind ?? DOCUMENT_KINDS,
    sourceId: source,
    passageKinds: level === "any" ? undefined : level === "sentence" ? ["sentence", "selection"] : ["paragraph"],
    claimVisibility: claimVisibilityFor(actor),
    details: true,
    limit: pageSize,
    offset: (page - 1) * pageSize,
  });

  const highlightTerms = [...query.terms, ...nameReadings.flat(), ...(personFilter?.terms ?? [])];
  const phrase = phraseOf(parsed);
  const items: SearchHitDto[] = [];
  for (const hit of hits) {
    // Gone since it was indexed (deleted in the meantime): nothing to link to.
    const details = hit.details;
    if (!details) continue;
    // The snippet shows where the document holds the exact phrase, and carries the label only if it does
    // (a long text is cut around its densest cluster of matches otherwise, which may lie elsewhere).
    const at = hit.exactPhrase && phrase ? findPhrase(hit.text, phrase) : undefined;
    const snippet = makeSnippet(hit.text, highlightTerms, undefined, at);
    const exactPhrase = at !== undefined && at.start >= snippet.start && at.end <= snippet.end;
    const base = { id: hit.refId, score: hit.score, exactPhrase };
    switch (details.kind) {
      case "passage":
        items.push({
          ...base,
          kind: "passage",
          snippet: shiftSnippet(snippet, details.start),
          title: details.sourceTitle,
          url: `/sources/${details.sourceId}?at=${details.start}-${details.end}#found`,
          passage: {
            kind: details.passageKind,
            start: details.start,
            end: details.end,
            sourceId: details.sourceId,
            sourceTitle: details.sourceTitle,
          },
        });
        break;
      case "claim":
        items.push({
          ...base,
          kind: "claim",
          snippet,
          title: hit.text,
          url: `/claims/${details.slug}`,
          claim: { slug: details.slug, status: details.status },
        });
        break;
      case "person":
        items.push({
          ...base,
          kind: "person",
          snippet,
          title: details.name,
          url: `/people/${details.slug}`,
          person: { slug: details.slug, name: details.name },
        });
        break;
      case "source":
        items.push({ ...base, kind: "source", snippet, title: details.title, url: `/sources/${hit.refId}` });
        break;
    }
  }
  return {
    q,
    page,
    pageSize,
    total,
    totalIsCapped,
    items,
    ...(personFilter ? { person: { slug: personFilter.slug, name: personFilter.name } } : {}),
  };
}

/** readSearch, remembered for anonymous readers (lib/cache/public-reads.ts). */
export const search = cachedForAnonymous("search", readSearch);
