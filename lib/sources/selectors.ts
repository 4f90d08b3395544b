export const QUOTE_CONTEXT_LENGTH = 32;

export type TextSpan = { start: number; end: number };
export type TextQuote = { text: string; prefix: string; suffix: string };

/** W3C TextQuoteSelector for a span: the exact text plus up to 32 characters either side. */
export function quoteForSpan(sourceText: string, span: TextSpan): TextQuote {
  assertSpan(sourceText, span);
  return {
    text: sourceText.slice(span.start, span.end),
    prefix: sourceText.slice(Math.max(0, span.start - QUOTE_CONTEXT_LENGTH), span.start),
    suffix: sourceText.slice(span.end, span.end + QUOTE_CONTEXT_LENGTH),
  };
}

export function assertSpan(sourceText: string, span: TextSpan): void {
  if (!Number.isInteger(span.start) || !Number.isInteger(span.end)) {
    throw new RangeError("start and end must be whole numbers");
  }
  if (span.start < 0 || span.end > sourceText.length || span.start >= span.end) {
    throw new RangeError(`span ${span.start}-${span.end} is outside the text (length ${sourceText.length})`);
  }
}

/** Every position at which quote occurs in text. */
export function findAll(text: string, quote: string): number[] {
  const positions: number[] = [];
  if (!quote) return positions;
  let index = text.indexOf(quote);
  while (index !== -1) {
    positions.push(index);
    index = text.indexOf(quote, index + 1);
  }
  return positions;
}

/**
 * Finds a quote again in a (possibly re-imported) text: the exact text, disambiguated by
 * its prefix and suffix when it occurs more than once. Returns undefined when absent or
 * when the context cannot tell the occurrences apart.
 */
export function locateQuote(text: string, quote: TextQuote): TextSpan | undefined {
  const positions = findAll(text, quote.text);
  if (positions.length === 0) return undefined;
  if (positions.length === 1) return { start: positions[0]!, end: positions[0]! + quote.text.length };
  const scored = positions.map((start) => {
    const end = start + quote.text.length;
    let score = 0;
    if (quote.prefix && text.slice(Math.max(0, start - quote.prefix.length), start) === quote.prefix) score += 1;
    if (quote.suffix && text.slice(end, end + quote.suffix.length) === quote.suffix) score += 1;
    return { start, end, score };
  });
  scored.sort((a, b) => b.score - a.score);
  if (scored[0]!.score === 0 || scored[0]!.score === scored[1]!.score) return undefined;
  return { start: scored[0]!.start, end: scored[0]!.end };
}
