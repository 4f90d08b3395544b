import { describe, expect, it } from "vitest";
import { segmentText, splitParagraphs } from "@/lib/sources/segment";

function sentences(text: string) {
  return segmentText(text).sentences.map((span) => text.slice(span.start, span.end));
}

describe("segmentText", () => {
  it("does not end sentences at initials, dotted acronyms or month abbreviations", () => {
    const text =
      "The act targeting S. M. Kirov was planned by Nikolayev alone. Donald paid $100,000 for U.S. publication rights. " +
      "He was murdered on Dec. 1, 1934 in the Smolny Institute. It was late.";
    expect(sentences(text)).toEqual([
      "The act targeting S. M. Kirov was planned by Nikolayev alone.",
      "Donald paid $100,000 for U.S. publication rights.",
      "He was murdered on Dec. 1, 1934 in the Smolny Institute.",
      "It was late.",
    ]);
  });

  it("ends a sentence after an abbreviation that closes it", () => {
    expect(sentences("They brought papers, letters, etc. The trial began.")).toEqual([
      "They brought papers, letters, etc.",
      "The trial began.",
    ]);
  });

  it("treats a line break as a soft wrap, except before a list item", () => {
    const text =
      "Serov served under\nLavrentiy Beria in 1941. He issued a decree that;\n1. Ordered arrests\n2. courts should not delay";
    expect(sentences(text)).toEqual([
      "Serov served under\nLavrentiy Beria in 1941.",
      "He issued a decree that;",
      "1. Ordered arrests",
      "2. courts should not delay",
    ]);
  });

  it("splits paragraphs at blank lines, or at sentence-ending line breaks when a text has none", () => {
    const withBlank = "One.\nstill one.\n\nTwo.";
    expect(splitParagraphs(withBlank).map((span) => withBlank.slice(span.start, span.end))).toEqual([
      "One.\nstill one.",
      "Two.",
    ]);
    const withoutBlank = "Born in\nMosty.\nIn 1930 he moved\nto Paris.";
    expect(splitParagraphs(withoutBlank).map((span) => withoutBlank.slice(span.start, span.end))).toEqual([
      "Born in\nMosty.",
      "In 1930 he moved\nto Paris.",
    ]);
  });

  it("gives offsets that cut exactly the sentence out of the text, in any script", () => {
    const text = "Ива́н Серóв возглавлял КГБ. Urząd Bezpieczeństwa powstał w 1944 r. “Quoted”, he said… Done!";
    const { sentences: spans } = segmentText(text);
    expect(spans.length).toBeGreaterThanOrEqual(3);
    for (const span of spans) {
      const piece = text.slice(span.start, span.end);
      expect(piece).toBe(piece.trim());
      expect(piece.length).toBeGreaterThan(0);
    }
  });
});
