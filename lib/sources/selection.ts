import type { TextSpan } from "./selectors";

export const MAX_SELECTION_LENGTH = 5000;

/**
 * Normalises a reader's selection of the source text: ordered, clamped to the text, and
 * without the white space at either end, so the passage starts and ends on words.
 * Returns undefined for a selection of nothing but white space.
 */
export function normalizeSelection(text: string, anchor: number, focus: number): TextSpan | undefined {
  let start = Math.max(0, Math.min(anchor, focus, text.length));
  let end = Math.min(text.length, Math.max(anchor, focus, 0));
  while (start < end && /\s/.test(text[start]!)) start++;
  while (end > start && /\s/.test(text[end - 1]!)) end--;
  // Never split a surrogate pair (an emoji or a rare CJK character).
  if (start > 0 && /[\uDC00-\uDFFF]/.test(text[start]!)) start--;
  if (end < text.length && /[\uDC00-\uDFFF]/.test(text[end]!)) end++;
  return end > start ? { start, end } : undefined;
}
