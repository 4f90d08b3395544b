import type { TextSpan } from "./selectors";

export type Mark<T> = TextSpan & { data: T };
export type Piece<T> = TextSpan & { text: string; marks: Mark<T>[] };
export type HighlightedParagraph<T> = TextSpan & { pieces: Piece<T>[] };

/**
 * Cuts each paragraph into pieces at every mark boundary, so overlapping or nested marks
 * (two claims citing overlapping words) can be drawn without losing a character: the
 * pieces of a paragraph concatenate to exactly its text.
 *
 * Paragraphs and marks are swept in order of position, so a paragraph looks only at the marks
 * that reach into it and a piece only at the marks still open: the time grows with the text,
 * the marks and what is returned, not with paragraphs times marks.
 */
export function highlightParagraphs<T>(
  text: string,
  paragraphs: TextSpan[],
  marks: Mark<T>[],
  /** Where `text` starts in the source (a page of it); offsets stay the source's. */
  textStart = 0,
): HighlightedParagraph<T>[] {
  const sorted = [...marks].sort((a, b) => a.start - b.start || b.end - a.end);
  const byStart = paragraphs
    .map((paragraph, index) => ({ paragraph, index }))
    .sort((a, b) => a.paragraph.start - b.paragraph.start);
  const result: HighlightedParagraph<T>[] = new Array(paragraphs.length);
  // Marks starting before the current paragraph that may still reach into it, in `sorted` order.
  let carried: Mark<T>[] = [];
  let next = 0;
  for (const { paragraph, index } of byStart) {
    while (next < sorted.length && sorted[next]!.start < paragraph.start) carried.push(sorted[next++]!);
    // Paragraphs come by start: a mark ending before this one's start ends before every later one's.
    carried = carried.filter((mark) => mark.end > paragraph.start);
    // (Every carried mark starts before this paragraph's end unless the paragraph is inverted.)
    const inside = carried.filter((mark) => mark.start < paragraph.end);
    for (let at = next; at < sorted.length && sorted[at]!.start < paragraph.end; at++) {
      if (sorted[at]!.end > paragraph.start) inside.push(sorted[at]!);
    }
    result[index] = { ...paragraph, pieces: cutIntoPieces(text, textStart, paragraph, inside) };
  }
  return result;
}

/** The pieces of one paragraph, given the marks that overlap it (in `sorted` order). */
function cutIntoPieces<T>(text: string, textStart: number, paragraph: TextSpan, inside: Mark<T>[]): Piece<T>[] {
  const cuts = new Set<number>([paragraph.start, paragraph.end]);
  for (const mark of inside) {
    cuts.add(Math.max(mark.start, paragraph.start));
    cuts.add(Math.min(mark.end, paragraph.end));
  }
  const points = [...cuts].sort((a, b) => a - b);
  // A piece carries the marks that start at or before it and end at or after it. Pieces come in
  // order, so a mark opens once (`inside` is in the order of starts, and the open list keeps that
  // order) and, once it ends before a piece does, is done with.
  let open: Mark<T>[] = [];
  let nextToOpen = 0;
  const pieces: Piece<T>[] = [];
  for (let index = 0; index + 1 < points.length; index++) {
    const start = points[index]!;
    const end = points[index + 1]!;
    const opening: Mark<T>[] = [];
    while (nextToOpen < inside.length && inside[nextToOpen]!.start <= start) opening.push(inside[nextToOpen++]!);
    // A new list for each piece: the previous one is that piece's.
    open = [...open, ...opening].filter((mark) => mark.end >= end);
    pieces.push({ start, end, text: text.slice(start - textStart, end - textStart), marks: open });
  }
  return pieces;
}
