import "server-only";
import { visibleClaimsWhere } from "@/lib/claims/policy";
import { claimRefWhere } from "@/lib/claims/refs";
import type { Db } from "@/lib/db";
import { publicUrl } from "@/lib/env";
import { AppError, parseInput } from "@/lib/errors";
import type { MaybeActor } from "@/lib/permissions";
import { citationSelect, toCitation } from "@/lib/sources/citation";
import {
  ANNOTATION_CONTENT_TYPE,
  ANNOTATION_CONTEXT,
  type AnnotationCollection,
  evidenceAnnotation,
} from "./annotations";
import { type CslItem, locatorText, oneLine, pinpointLocator, sourceToCsl } from "./csl";
import { CITATION_CONTENT_TYPES, CITATION_EXTENSIONS, formatCitations } from "./format";
import { ClaimCitationsSchema, SourceCitationSchema, SourceTextSchema } from "./schemas";

/** A body that is not the API's usual JSON, with its media type and, for a download, a file name. */
export type ExportBody = { body: string; contentType: string; filename?: string };

const sourceSelect = { ...citationSelect, language: true };

/** One source's reference as CSL-JSON, BibTeX or RIS (GET /api/sources/{id}/citation?format=). */
export async function getSourceCitation(db: Db, _actor: MaybeActor, input: unknown): Promise<ExportBody> {
  const { sourceId, format } = parseInput(SourceCitationSchema, input);
  const source = await db.source.findUnique({ where: { id: sourceId }, select: sourceSelect });
  if (!source) throw new AppError("NOT_FOUND", `No source "${sourceId}".`);
  const item = sourceToCsl({ ...toCitation(source), language: source.language });
  return {
    body: formatCitations([item], format),
    contentType: CITATION_CONTENT_TYPES[format],
    filename: `${item.id}.${CITATION_EXTENSIONS[format]}`,
  };
}

/** A source's cleaned text, which every passage offset and annotation selector counts in. */
export async function getSourceText(db: Db, _actor: MaybeActor, input: unknown): Promise<ExportBody> {
  const { sourceId } = parseInput(SourceTextSchema, input);
  const source = await db.source.findUnique({ where: { id: sourceId }, select: { text: true } });
  if (!source) throw new AppError("NOT_FOUND", `No source "${sourceId}".`);
  return { body: source.text, contentType: "text/plain; charset=utf-8" };
}

/** The evidence of a claim the actor may read, each with its source and paragraph number. */
async function loadCitedPassages(db: Db, actor: MaybeActor, claimRef: string) {
  const claim = await db.claim.findFirst({
    where: { AND: [claimRefWhere(claimRef), visibleClaimsWhere(actor)] },
    select: {
      id: true,
      slug: true,
      statement: true,
      evidence: {
        where: { removedAt: null },
        orderBy: [{ createdAt: "asc" }, { id: "asc" }],
        select: {
          id: true,
          stance: true,
          note: true,
          pinpoint: true,
          createdAt: true,
          passage: {
            select: {
              start: true,
              end: true,
              text: true,
              prefix: true,
              suffix: true,
              source: { select: sourceSelect },
            },
          },
        },
      },
    },
  });
  if (!claim) throw new AppError("NOT_FOUND", `No claim "${claimRef}".`);
  const paragraphs = claim.evidence.length
    ? await db.passage.findMany({
        where: {
          kind: "paragraph",
          OR: claim.evidence.map((item) => ({
            sourceId: item.passage.source.id,
            start: { lte: item.passage.start },
            end: { gte: item.passage.end },
          })),
        },
        select: { sourceId: true, start: true, end: true, ordinal: true },
      })
    : [];
  const paragraphNumber = (sourceId: string, start: number, end: number) => {
    const paragraph = paragraphs.find(
      (entry) => entry.sourceId === sourceId && entry.start <= start && entry.end >= end,
    );
    return paragraph ? paragraph.ordinal + 1 : null;
  };
  return {
    ...claim,
    evidence: claim.evidence.map((item) => ({
      ...item,
      paragraphNumber: paragraphNumber(item.passage.source.id, item.passage.start, item.passage.end),
    })),
  };
}

/**
 * Every passage cited on a claim (GET /api/claims/{id}/citations?format=). CSL-JSON is a
 * csl-citation.json object whose citationItems carry the locator and label next to each item's
 * data; BibTeX and RIS have no place for a pinpoint, so each entry's note says where and quotes the
 * passage ("para. 4: “…”").
 */
export async function getClaimCitations(db: Db, actor: MaybeActor, input: unknown): Promise<ExportBody> {
  const { claimId, format } = parseInput(ClaimCitationsSchema, input);
  const claim = await loadCitedPassages(db, actor, claimId);
  const entries = claim.evidence.map((evidence, index) => {
    const { source } = evidence.passage;
    const item = sourceToCsl({ ...toCitation(source), language: source.language });
    return {
      item: { ...item, id: `${item.id}-${index + 1}` },
      locator: pinpointLocator(evidence.pinpoint, evidence.paragraphNumber),
      quote: oneLine(evidence.passage.text),
    };
  });
  const filename = `${claim.slug}-citations.${CITATION_EXTENSIONS[format]}`;
  if (format === "csl") {
    const items = JSON.parse(
      formatCitations(
        entries.map((entry) => entry.item),
        "csl",
      ),
    ) as CslItem[];
    const citation = {
      schema: "https://resource.citationstyles.org/schema/v1.0/input/json/csl-citation.json",
      citationID: claim.id,
      citationItems: entries.map((entry, index) => ({
        id: entry.item.id,
        ...(entry.locator ?? {}),
        itemData: items[index]!,
      })),
      properties: { noteIndex: 0 },
    };
    return { body: JSON.stringify(citation, null, 2), contentType: CITATION_CONTENT_TYPES.csl, filename };
  }
  const withNotes = entries.map((entry) => ({
    ...entry.item,
    note: entry.locator ? `${locatorText(entry.locator)}: “${entry.quote}”` : `“${entry.quote}”`,
  }));
  return { body: formatCitations(withNotes, format), contentType: CITATION_CONTENT_TYPES[format], filename };
}

/**
 * A claim's evidence as W3C Web Annotations (GET /api/claims/{id}/evidence.jsonld): an
 * AnnotationCollection whose one page holds an annotation per piece of evidence.
 */
export async function getEvidenceAnnotations(db: Db, actor: MaybeActor, input: unknown): Promise<ExportBody> {
  const { claimId } = parseInput(ClaimCitationsSchema.pick({ claimId: true }), input);
  const claim = await loadCitedPassages(db, actor, claimId);
  const sourceIds = [...new Set(claim.evidence.map((evidence) => evidence.passage.source.id))];
  // The texts the offsets point into: a TextPositionSelector counts code points, not UTF-16 units.
  const texts = new Map(
    (await db.source.findMany({ where: { id: { in: sourceIds } }, select: { id: true, text: true } })).map((source) => [
      source.id,
      source.text,
    ]),
  );
  const origin = publicUrl();
  const collectionId = `${origin}/api/claims/${claim.id}/evidence.jsonld`;
  const items = claim.evidence.map((evidence) => {
    const { source } = evidence.passage;
    return evidenceAnnotation(
      {
        id: evidence.id,
        stance: evidence.stance,
        note: evidence.note,
        createdAt: evidence.createdAt.toISOString(),
        passage: evidence.passage,
      },
      {
        annotationId: `${collectionId}#${evidence.id}`,
        claimUrl: `${origin}/claims/${claim.slug}`,
        textUrl: `${origin}/api/sources/${source.id}/text`,
        sourceText: texts.get(source.id) ?? "",
        language: source.language,
      },
    );
  });
  const collection: AnnotationCollection = {
    "@context": ANNOTATION_CONTEXT,
    id: collectionId,
    type: "AnnotationCollection",
    label: `Evidence cited for the claim “${claim.statement}”`,
    total: items.length,
    first: { id: `${collectionId}#page-1`, type: "AnnotationPage", startIndex: 0, items },
  };
  return { body: JSON.stringify(collection, null, 2), contentType: ANNOTATION_CONTENT_TYPE };
}
