import "server-only";
import { visibleClaimsWhere } from "@/lib/claims/policy";
import type { Db } from "@/lib/db";
import { AppError, parseInput } from "@/lib/errors";
import type { MaybeActor } from "@/lib/permissions";
import { type CitationDto, citationSelect, formatCitation, toCitation } from "./citation";
import { GetSourceSchema } from "./schemas";

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
};

export type SourceSummaryDto = CitationDto & {
  id: string;
  citation: string;
  passageCount: number;
  evidenceCount: number;
};

export async function listSources(db: Db): Promise<SourceSummaryDto[]> {
  const sources = await db.source.findMany({
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    take: 500,
    select: { ...citationSelect, _count: { select: { passages: true } } },
  });
  const evidenceCounts = await db.evidence.findMany({
    where: { removedAt: null, passage: { sourceId: { in: sources.map((source) => source.id) } } },
    select: { passage: { select: { sourceId: true } } },
  });
  return sources.map((source) => {
    const citation = toCitation(source);
    return {
      ...citation,
      id: source.id,
      citation: formatCitation(citation),
      passageCount: source._count.passages,
      evidenceCount: evidenceCounts.filter((row) => row.passage.sourceId === source.id).length,
    };
  });
}

/** A source with its cleaned text, every passage with offsets, and the passages cited as evidence. */
export async function getSource(db: Db, actor: MaybeActor, input: unknown): Promise<SourceDetailDto> {
  const { sourceId: id, passages: passageKinds } = parseInput(GetSourceSchema, input);
  const source = await db.source.findUnique({
    where: { id },
    select: {
      ...citationSelect,
      language: true,
      format: true,
      contentHash: true,
      createdAt: true,
      text: true,
      passages: {
        where: passageKinds ? { kind: { in: passageKinds } } : {},
        orderBy: [{ start: "asc" }, { end: "desc" }, { kind: "asc" }],
        select: { id: true, kind: true, ordinal: true, start: true, end: true, text: true, prefix: true, suffix: true },
      },
    },
  });
  if (!source) throw new AppError("NOT_FOUND", `No source "${id}".`);
  const evidence = await db.evidence.findMany({
    where: { removedAt: null, passage: { sourceId: id }, claim: visibleClaimsWhere(actor) },
    orderBy: { createdAt: "asc" },
    select: {
      id: true,
      stance: true,
      passage: { select: { id: true, start: true, end: true } },
      claim: { select: { id: true, slug: true, statement: true } },
    },
  });
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
  return {
    ...citation,
    id: source.id,
    language: source.language,
    format: source.format,
    contentHash: source.contentHash,
    citation: formatCitation(citation),
    createdAt: source.createdAt.toISOString(),
    text: source.text,
    passages: source.passages,
    cited: [...cited.values()].sort((a, b) => a.start - b.start || b.end - a.end),
  };
}

/** Every source's id and title, for filter menus. */
export async function listSourceTitles(db: Db): Promise<{ id: string; title: string }[]> {
  return db.source.findMany({ orderBy: { title: "asc" }, take: 1000, select: { id: true, title: true } });
}
