import { describe, expect, it } from "vitest";
import { cleanSource } from "@/lib/sources/clean";
import { normalizeSelection } from "@/lib/sources/selection";
import { quoteForSpan } from "@/lib/sources/selectors";

// What the reader's browser reports: DOM offsets are UTF-16 code units, like JavaScript strings.
function roundTrip(text: string, words: string) {
  const start = text.indexOf(words);
  const span = normalizeSelection(text, start + words.length, start)!; // selected backwards
  return { span, quote: quoteForSpan(text, span) };
}

describe("selection to passage", () => {
  it.each([
    [
      "Cyrillic with combining accents",
      cleanSource("Ива́н Алекса́ндрович Серóв (13 August 1905) was head of the KGB.", "text").text,
      "Алекса́ндрович Серóв",
    ],
    ["Polish letters", "Serov organized the Urząd Bezpieczeństwa in Poland.", "Urząd Bezpieczeństwa"],
    [
      "curly quotes and an ellipsis",
      cleanSource("He said &ldquoSure he could!&rdquo and left&hellip", "text").text,
      "“Sure he could!”",
    ],
    ["an emoji outside the Basic Multilingual Plane", "Archive 📁 folder Kirov", "📁 folder"],
  ])("offsets round-trip exactly: %s", (_name, text, words) => {
    const { span, quote } = roundTrip(text, words);
    expect(text.slice(span.start, span.end)).toBe(words);
    expect(quote.text).toBe(words);
  });

  it("trims white space at either end and clamps to the text", () => {
    const text = "Kirov was shot.  Nikolaev was arrested.";
    expect(normalizeSelection(text, 14, 17)).toEqual({ start: 14, end: 15 });
    expect(normalizeSelection(text, -5, 5)).toEqual({ start: 0, end: 5 });
    expect(normalizeSelection(text, 30, 999)).toEqual({ start: 30, end: text.length });
    expect(normalizeSelection(text, 15, 17)).toBeUndefined();
  });

  it("never cuts a surrogate pair in half", () => {
    const text = "a📁b";
    expect(normalizeSelection(text, 2, 4)).toEqual({ start: 1, end: 4 });
    expect(normalizeSelection(text, 0, 2)).toEqual({ start: 0, end: 3 });
  });
});
