import "server-only";
import { cachedForAnonymous } from "@/lib/cache/public-reads";
import { visibleClaimsWhere } from "@/lib/claims/policy";
import type { Db } from "@/lib/db";
import { AppError, parseInput } from "@/lib/errors";
import { listSourceMentions, type MentionDto } from "@/lib/people/mentions";
import { can, type MaybeActor } from "@/lib/permissions";
import { type CitationDto, citationSelect, formatCitation, toCitation } from "./citation";
import { GetSourcePageSchema, GetSourceSchema } from "./schemas";

export type PassageDto = {
  id: string;
  kind: string;
  ordinal: number;
  start: number;
  end: number;
  text: string;
  prefix: string;
  suffix: string;
};

export type CitedPassageDto = {
  passageId: string;
  start: number;
  end: number;
  evidence: { id: string; stance: string; claim: { id: string; slug: string; statement: string } }[];
};

export type SourceDetailDto = CitationDto & {
  id: string;
  language: string;
  format: string;
  contentHash: string;
  citation: string;
  createdAt: string;
  text: string;
  passages: PassageDto[];
  cited: CitedPassageDto[];
  versionNumber: number;
  /** Every version of this source, the first first; one entry when it was never re-imported. */
  versions: SourceVersionDto[];
  /** The newest version when this one has been replaced. */
  newestVersion: SourceVersionDto | null;
  /** For a later version: what became of the citations of the version it replaced. */
  reanchored: { moved: number; waiting: number; lost: number } | null;
};

export type SourceVersionDto = {
  sourceId: string;
  versionNumber: number;
  createdAt: string;
  importedBy: string | null;
};

export type SourceSummaryDto = CitationDto & {
  id: string;
  citation: string;
  passageCount: number;
  evidenceCount: number;
  citedPassageCount: number;
  versionNumber: number;
};

/**
 * The sources in the order they were imported; a source with several versions appears once, as its
 * newest. Counts the citations the reader can see, as the source page does: evidenceCount pieces of
 * evidence, citedPassageCount distinct passages they quote.
 */
export async function listSources(db: Db, actor: MaybeActor): Promise<SourceSummaryDto[]> {
  const sources = await db.source.findMany({
    where: { supersededAt: null },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    take: 500,
    select: { ...citationSelect, versionNumber: true, _count: { select: { passages: true } } },
  });
  const evidence = await db.evidence.findMany({
    where: {
      removedAt: null,
      passage: { sourceId: { in: sources.map((source) => source.id) } },
      claim: visibleClaimsWhere(actor),
    },
    select: { passageId: true, passage: { select: { sourceId: true } } },
  });
  const cited = new Map<string, { evidence: number; passages: Set<string> }>();
  for (const row of evidence) {
    const entry = cited.get(row.passage.sourceId) ?? { evidence: 0, passages: new Set<string>() };
    entry.evidence++;
    entry.passages.add(row.passageId);
    cited.set(row.passage.sourceId, entry);
  }
  return sources.map((source) => {
    const citation = toCitation(source);
    return {
      ...citation,
      id: source.id,
      citation: formatCitation(citation),
      passageCount: source._count.passages,
      evidenceCount: cited.get(source.id)?.evidence ?? 0,
      citedPassageCount: cited.get(source.id)?.passages.size ?? 0,
      versionNumber: source.versionNumber,
    };
  });
}

/** A source with its cleaned text, every passage with offsets, and the passages cited as evidence. */
async function readSource(db: Db, actor: MaybeActor, input: unknown): Promise<SourceDetailDto> {
  const { sourceId: id, passages: passageKinds } = parseInput(GetSourceSchema, input);
  const [detail, content] = await Promise.all([
    readSourceDetail(db, actor, id),
    db.source.findUnique({
      where: { id },
      select: {
        text: true,
        passages: {
          where: passageKinds ? { kind: { in: passageKinds } } : {},
          orderBy: [{ start: "asc" }, { end: "desc" }, { kind: "asc" }],
          select: {
            id: true,
            kind: true,
            ordinal: true,
            start: true,
            end: true,
            text: true,
            prefix: true,
            suffix: true,
          },
        },
      },
    }),
  ]);
  if (!content) throw new AppError("NOT_FOUND", `No source "${id}".`);
  return { ...detail, text: content.text, passages: content.passages };
}

export type SourceHeaderDto = Omit<SourceDetailDto, "text" | "passages">;

/** Everything about a source but its text and passages. */
async function readSourceDetail(db: Db, actor: MaybeActor, id: string): Promise<SourceHeaderDto> {
  // All read at once, so the page waits for one round trip: the versions as if this were the first
  // (most sources have one version; a later version's are read again from its first), and its
  // re-anchored citations, which only a later version has.
  const [source, evidence, versionsIfFirst, reanchors] = await Promise.all([
    db.source.findUnique({
      where: { id },
      select: {
        ...citationSelect,
        language: true,
        format: true,
        contentHash: true,
        createdAt: true,
        versionNumber: true,
        firstVersionId: true,
        supersededAt: true,
      },
    }),
    db.evidence.findMany({
      where: { removedAt: null, passage: { sourceId: id }, claim: visibleClaimsWhere(actor) },
      orderBy: { createdAt: "asc" },
      select: {
        id: true,
        stance: true,
        passage: { select: { id: true, start: true, end: true } },
        claim: { select: { id: true, slug: true, statement: true } },
      },
    }),
    listVersions(db, id),
    db.evidenceReanchor.groupBy({
      by: ["status"],
      where: { toSourceId: id, evidence: { removedAt: null } },
      _count: { _all: true },
    }),
  ]);
  if (!source) throw new AppError("NOT_FOUND", `No source "${id}".`);
  const cited = new Map<string, CitedPassageDto>();
  for (const item of evidence) {
    const entry = cited.get(item.passage.id) ?? {
      passageId: item.passage.id,
      start: item.passage.start,
      end: item.passage.end,
      evidence: [],
    };
    entry.evidence.push({ id: item.id, stance: item.stance, claim: item.claim });
    cited.set(item.passage.id, entry);
  }
  const citation = toCitation(source);
  const versions = source.firstVersionId ? await listVersions(db, source.firstVersionId) : versionsIfFirst;
  const countOf = (...statuses: string[]) =>
    reanchors.filter((row) => statuses.includes(row.status)).reduce((sum, row) => sum + row._count._all, 0);
  const newest = versions.at(-1) ?? null;
  return {
    ...citation,
    id: source.id,
    versionNumber: source.versionNumber,
    versions,
    newestVersion: source.supersededAt && newest && newest.sourceId !== source.id ? newest : null,
    reanchored:
      source.versionNumber > 1
        ? {
            moved: countOf("applied", "confirmed"),
            waiting: countOf("pending"),
            lost: countOf("orphaned", "rejected"),
          }
        : null,
    language: source.language,
    format: source.format,
    contentHash: source.contentHash,
    citation: formatCitation(citation),
    createdAt: source.createdAt.toISOString(),
    cited: [...cited.values()].sort((a, b) => a.start - b.start || b.end - a.end),
  };
}

/** One page of a source's text as the reader shows it (readSourcePage). */
export type ReaderPageDto = {
  /** 1-based, of pageCount. */
  page: number;
  pageCount: number;
  /** The page's span of the source's text. */
  start: number;
  end: number;
  /**
   * The page's text: `text[i]` is the source's character `start + i` wherever a paragraph is; the
   * space between paragraphs (white space in the source) is given as line breaks.
   */
  text: string;
  paragraphs: { start: number; end: number }[];
  /** The span `at` asked for, when it is a span of this page's text. */
  found: { start: number; end: number } | null;
};

export type SourcePageDto = SourceHeaderDto & {
  reader: ReaderPageDto;
  /** The page each cited passage is on, by passage id (the index of citations links to it). */
  citedPages: Record<string, number>;
};

/** About this many characters of text a page of the reader shows, whole paragraphs only. */
export const READER_PAGE_CHARACTERS = 40_000;

/**
 * A source for its page: everything about it, and one page of its text with that page's
 * paragraphs, so a 5 MB book is not sent (or read from the database) whole. The page is the one
 * asked for, or the one holding the span `at` ("120-184", a search result) or the passage
 * `passage` (a citation's link); the first by default.
 */
async function readSourcePage(db: Db, actor: MaybeActor, input: unknown): Promise<SourcePageDto> {
  const { sourceId: id, page: asked, at, passage: passageId } = parseInput(GetSourcePageSchema, input);
  const [detail, spans, anchor] = await Promise.all([
    readSourceDetail(db, actor, id),
    db.passage.findMany({
      where: { sourceId: id, kind: "paragraph" },
      orderBy: [{ start: "asc" }, { end: "desc" }],
      select: { start: true, end: true },
    }),
    passageId
      ? db.passage.findFirst({ where: { id: passageId, sourceId: id }, select: { start: true } })
      : Promise.resolve(null),
  ]);
  const pages = readerPages(spans);
  const pageOf = (offset: number) => {
    let low = 0;
    let high = pages.length - 1;
    while (low < high) {
      const middle = (low + high + 1) >> 1;
      if (pages[middle]!.start <= offset) low = middle;
      else high = middle - 1;
    }
    return low + 1;
  };
  let page = asked ?? 1;
  if (at) page = pageOf(at.start);
  else if (anchor) page = pageOf(anchor.start);
  if (page > pages.length) {
    throw new AppError("NOT_FOUND", `page: this source has ${pages.length} page${pages.length === 1 ? "" : "s"}`, {
      field: "page",
    });
  }
  const window = pages[page - 1]!;
  const paragraphs = await db.passage.findMany({
    where: { sourceId: id, kind: "paragraph", start: { gte: window.start, lt: window.end } },
    orderBy: [{ start: "asc" }, { end: "desc" }],
    select: { start: true, end: true, text: true },
  });
  let text = "";
  for (const paragraph of paragraphs) {
    const at = paragraph.start - window.start;
    // Paragraphs do not overlap; a later one that did would only repeat the same characters.
    if (at < text.length) continue;
    text += "\n".repeat(at - text.length) + paragraph.text;
  }
  const citedPages: Record<string, number> = {};
  for (const cited of detail.cited) citedPages[cited.passageId] = pageOf(cited.start);
  return {
    ...detail,
    citedPages,
    reader: {
      page,
      pageCount: pages.length,
      start: window.start,
      end: window.start + text.length,
      text,
      paragraphs: paragraphs.map(({ start, end }) => ({ start, end })),
      found: at && at.start >= window.start && at.end <= window.start + text.length ? at : null,
    },
  };
}

/** The spans of the reader's pages: whole paragraphs, about READER_PAGE_CHARACTERS each; one page at least. */
export function readerPages(paragraphs: { start: number; end: number }[]): { start: number; end: number }[] {
  const pages: { start: number; end: number }[] = [];
  let current: { start: number; end: number } | undefined;
  for (const paragraph of paragraphs) {
    if (current && paragraph.end - current.start > READER_PAGE_CHARACTERS && paragraph.start >= current.end) {
      pages.push(current);
      current = undefined;
    }
    if (!current) current = { start: pages.length === 0 ? 0 : paragraph.start, end: paragraph.end };
    else current.end = Math.max(current.end, paragraph.end);
  }
  if (current) pages.push(current);
  if (pages.length === 0) pages.push({ start: 0, end: 0 });
  return pages;
}

/** Every source's id and title, for filter menus. */
export async function listSourceTitles(db: Db): Promise<{ id: string; title: string }[]> {
  return db.source.findMany({ orderBy: { title: "asc" }, take: 1000, select: { id: true, title: true } });
}

async function listVersions(db: Db, firstVersionId: string): Promise<SourceVersionDto[]> {
  const rows = await db.source.findMany({
    where: { OR: [{ id: firstVersionId }, { firstVersionId }] },
    orderBy: { versionNumber: "asc" },
    select: { id: true, versionNumber: true, createdAt: true, importedBy: { select: { name: true } } },
  });
  return rows.map((row) => ({
    sourceId: row.id,
    versionNumber: row.versionNumber,
    createdAt: row.createdAt.toISOString(),
    importedBy: row.importedBy?.name ?? null,
  }));
}

/** Every version of a source (given any of them), the first first: GET /api/sources/{id}/versions. */
export async function getSourceVersions(db: Db, input: unknown): Promise<SourceVersionDto[]> {
  const { sourceId } = parseInput(GetSourceSchema.pick({ sourceId: true }), input);
  const source = await db.source.findUnique({ where: { id: sourceId }, select: { id: true, firstVersionId: true } });
  if (!source) throw new AppError("NOT_FOUND", `No source "${sourceId}".`);
  return listVersions(db, source.firstVersionId ?? source.id);
}

/** A source's title and version, for pages that name it (the new-version form). */
export async function getSourceHeading(
  db: Db,
  input: unknown,
): Promise<{ id: string; title: string; versionNumber: number }> {
  const { sourceId } = parseInput(GetSourceSchema.pick({ sourceId: true }), input);
  const source = await db.source.findUnique({
    where: { id: sourceId },
    select: { id: true, title: true, versionNumber: true },
  });
  if (!source) throw new AppError("NOT_FOUND", `No source "${sourceId}".`);
  return source;
}

/** What an import found, for the page a member lands on after importing (issue 15, item 7). */
export type ImportSummaryDto = {
  paragraphCount: number;
  sentenceCount: number;
  /** People recognised, with the spellings the text uses. */
  people: MentionDto[];
  /** Names that recur in the text and match nobody: for a moderator to add as people or spellings. */
  unrecognised: { name: string; occurrences: number }[];
  /** Surnames that could be several people, for a moderator to settle. */
  ambiguous: number;
};

/**
 * Names waiting for a moderator are shown as the source page shows them: suggested names to those
 * who may create people, ambiguous surnames to those who may settle them.
 */
export async function getImportSummary(db: Db, actor: MaybeActor, input: unknown): Promise<ImportSummaryDto> {
  const { sourceId } = parseInput(GetSourceSchema.pick({ sourceId: true }), input);
  const [counts, people, unrecognised, ambiguous] = await Promise.all([
    db.passage.groupBy({ by: ["kind"], where: { sourceId }, _count: { _all: true } }),
    listSourceMentions(db, sourceId),
    can(actor, "create:person")
      ? db.personSuggestion.findMany({
          where: { sourceId, status: "open" },
          orderBy: [{ occurrences: "desc" }, { name: "asc" }],
          select: { name: true, occurrences: true },
        })
      : [],
    can(actor, "update:person")
      ? db.personMention.groupBy({ by: ["surface"], where: { sourceId, status: "ambiguous" } })
      : [],
  ]);
  const countOf = (kind: string) => counts.find((row) => row.kind === kind)?._count._all ?? 0;
  return {
    paragraphCount: countOf("paragraph"),
    sentenceCount: countOf("sentence"),
    people,
    unrecognised,
    ambiguous: ambiguous.length,
  };
}

/** readSource, remembered for anonymous readers (lib/cache/public-reads.ts). */
export const getSource = cachedForAnonymous("getSource", readSource);

/** readSourcePage, remembered for anonymous readers. */
export const getSourcePage = cachedForAnonymous("getSourcePage", readSourcePage);
