import type { TextSpan } from "./selectors";

export type Mark<T> = TextSpan & { data: T };
export type Piece<T> = TextSpan & { text: string; marks: Mark<T>[] };
export type HighlightedParagraph<T> = TextSpan & { pieces: Piece<T>[] };

/**
 * Cuts each paragraph into pieces at every mark boundary, so overlapping or nested marks
 * (two claims citing overlapping words) can be drawn without losing a character: the
 * pieces of a paragraph concatenate to exactly its text.
 */
export function highlightParagraphs<T>(
  text: string,
  paragraphs: TextSpan[],
  marks: Mark<T>[],
): HighlightedParagraph<T>[] {
  const sorted = [...marks].sort((a, b) => a.start - b.start || b.end - a.end);
  return paragraphs.map((paragraph) => {
    const inside = sorted.filter((mark) => mark.start < paragraph.end && mark.end > paragraph.start);
    const cuts = new Set<number>([paragraph.start, paragraph.end]);
    for (const mark of inside) {
      cuts.add(Math.max(mark.start, paragraph.start));
      cuts.add(Math.min(mark.end, paragraph.end));
    }
    const points = [...cuts].sort((a, b) => a - b);
    const pieces: Piece<T>[] = [];
    for (let index = 0; index + 1 < points.length; index++) {
      const start = points[index]!;
      const end = points[index + 1]!;
      pieces.push({
        start,
        end,
        text: text.slice(start, end),
        marks: inside.filter((mark) => mark.start <= start && mark.end >= end),
      });
    }
    return { ...paragraph, pieces };
  });
}
