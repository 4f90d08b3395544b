// A piece of evidence as a W3C Web Annotation (https://www.w3.org/TR/annotation-model/): the cited
// words of a source, selected by quote and by position, linked to the claim they bear on. Pure.

export const ANNOTATION_CONTEXT = "http://www.w3.org/ns/anno.jsonld";
export const ANNOTATION_CONTENT_TYPE = `application/ld+json; profile="${ANNOTATION_CONTEXT}"; charset=utf-8`;

export type TextQuoteSelector = { type: "TextQuoteSelector"; exact: string; prefix: string; suffix: string };
export type TextPositionSelector = { type: "TextPositionSelector"; start: number; end: number };

export type EvidenceAnnotation = {
  id: string;
  type: "Annotation";
  motivation: "linking";
  created: string;
  body: (
    | { type: "SpecificResource"; source: string; purpose: "linking" }
    | { type: "TextualBody"; value: string; purpose: "classifying" | "commenting"; format: "text/plain" }
  )[];
  target: {
    source: { id: string; type: "Text"; format: "text/plain"; language?: string };
    selector: [TextQuoteSelector, TextPositionSelector];
  };
};

export type AnnotationCollection = {
  "@context": typeof ANNOTATION_CONTEXT;
  id: string;
  type: "AnnotationCollection";
  label: string;
  total: number;
  first: { id: string; type: "AnnotationPage"; startIndex: 0; items: EvidenceAnnotation[] };
};

const HAS_SURROGATES = /[\uD800-\uDFFF]/;

/**
 * Offsets in Unicode code points, which is what a TextPositionSelector counts ("character
 * positions", not UTF-16 code units as JavaScript's string offsets are). They differ only after a
 * character outside the Basic Multilingual Plane (an emoji, a rare CJK ideograph).
 */
export function codePointSpan(text: string, start: number, end: number): { start: number; end: number } {
  if (!HAS_SURROGATES.test(text.slice(0, end))) return { start, end };
  const before = [...text.slice(0, start)].length;
  return { start: before, end: before + [...text.slice(start, end)].length };
}

export type AnnotatedEvidence = {
  id: string;
  stance: string;
  note: string | null;
  createdAt: string;
  passage: { start: number; end: number; text: string; prefix: string; suffix: string };
};

/**
 * One piece of evidence as an annotation. `sourceText` is the cleaned text the offsets point into,
 * and `textUrl` where it is served as text/plain (GET /api/sources/{id}/text), so both selectors
 * resolve exactly against the annotation's target.
 */
export function evidenceAnnotation(
  evidence: AnnotatedEvidence,
  context: { annotationId: string; claimUrl: string; textUrl: string; sourceText: string; language?: string },
): EvidenceAnnotation {
  const { passage } = evidence;
  const position = codePointSpan(context.sourceText, passage.start, passage.end);
  return {
    id: context.annotationId,
    type: "Annotation",
    motivation: "linking",
    created: evidence.createdAt,
    body: [
      { type: "SpecificResource", source: context.claimUrl, purpose: "linking" },
      { type: "TextualBody", value: evidence.stance, purpose: "classifying", format: "text/plain" },
      ...(evidence.note
        ? [
            {
              type: "TextualBody" as const,
              value: evidence.note,
              purpose: "commenting" as const,
              format: "text/plain" as const,
            },
          ]
        : []),
    ],
    target: {
      source: {
        id: context.textUrl,
        type: "Text",
        format: "text/plain",
        ...(context.language ? { language: context.language } : {}),
      },
      selector: [
        { type: "TextQuoteSelector", exact: passage.text, prefix: passage.prefix, suffix: passage.suffix },
        { type: "TextPositionSelector", start: position.start, end: position.end },
      ],
    },
  };
}
