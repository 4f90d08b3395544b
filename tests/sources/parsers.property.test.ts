// Properties of the parsers an imported source goes through (issue 16), on random and hostile text:
// offsets cut out exactly what they report, spans are in order and inside the text, nothing throws
// but AppError. How long they take on long hostile input: npm run bench:adversarial.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { AppError } from "@/lib/errors";
import { cleanSource, normalizeText } from "@/lib/sources/clean";
import { decodeEntities } from "@/lib/sources/entities";
import { stripGlosses } from "@/lib/sources/glosses";
import { highlightParagraphs, type Mark } from "@/lib/sources/highlight";
import { htmlToText } from "@/lib/sources/html";
import { prepareSource } from "@/lib/sources/import";
import { markdownToText } from "@/lib/sources/markdown";
import { segmentText } from "@/lib/sources/segment";
import { QUOTE_CONTEXT_LENGTH, type TextSpan } from "@/lib/sources/selectors";
import { hostileText, PROPERTY_RUNS, plainPhrase } from "../hostile-text";

const runs = { numRuns: PROPERTY_RUNS };
const slice = (text: string, span: TextSpan) => text.slice(span.start, span.end);

/** Spans strictly inside the text, non-empty, in order and not overlapping. */
function expectOrderedSpans(text: string, spans: TextSpan[]) {
  let previousEnd = 0;
  for (const span of spans) {
    expect(Number.isInteger(span.start) && Number.isInteger(span.end)).toBe(true);
    expect(span.start).toBeGreaterThanOrEqual(previousEnd);
    expect(span.end).toBeGreaterThan(span.start);
    expect(span.end).toBeLessThanOrEqual(text.length);
    previousEnd = span.end;
  }
}

describe("segmentText", () => {
  it("cuts paragraphs and sentences that are exact, trimmed, ordered and lose no word", () => {
    fc.assert(
      fc.property(hostileText, (text) => {
        const { paragraphs, sentences } = segmentText(text);
        expectOrderedSpans(text, paragraphs);
        expectOrderedSpans(text, sentences);
        for (const span of [...paragraphs, ...sentences]) expect(slice(text, span)).toBe(slice(text, span).trim());
        // A text with blank lines is split at every one of them.
        if (/\n[ \t]*\n/.test(text)) for (const span of paragraphs) expect(slice(text, span)).not.toMatch(/\n[ \t]*\n/);
        // Every sentence lies in one paragraph, and every visible character is in a sentence.
        for (const paragraph of paragraphs) {
          const inside = sentences.filter(
            (sentence) => sentence.start < paragraph.end && sentence.end > paragraph.start,
          );
          for (const sentence of inside) {
            expect(sentence.start).toBeGreaterThanOrEqual(paragraph.start);
            expect(sentence.end).toBeLessThanOrEqual(paragraph.end);
          }
          let covered = paragraph.start;
          for (const sentence of inside) {
            expect(text.slice(covered, sentence.start).trim()).toBe("");
            covered = sentence.end;
          }
          expect(text.slice(covered, paragraph.end).trim()).toBe("");
        }
      }),
      runs,
    );
  });

  it("ends a sentence after a full stop and a capital, but not after initials", () => {
    fc.assert(
      fc.property(plainPhrase, plainPhrase, fc.integer({ min: 1, max: 60 }), (first, second, initials) => {
        const opening = `The act targeting ${"S. ".repeat(initials)}Kirov was ${first.toLowerCase()} alone.`;
        const closing = `${second.charAt(0).toUpperCase()}${second.slice(1)} ended.`;
        const text = `${opening} ${closing}`;
        expect(segmentText(text).sentences.map((span) => slice(text, span))).toEqual([opening, closing]);
      }),
      runs,
    );
  });
});

describe("markdownToText", () => {
  it("never lengthens the text, whatever it holds", () => {
    fc.assert(
      fc.property(hostileText, (markdown) => {
        expect(markdownToText(markdown).length).toBeLessThanOrEqual(markdown.length);
      }),
      runs,
    );
  });

  it("leaves text without markup as it is", () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[a-zA-Z0-9 ,.éЖ\n]{0,80}$/), (plain) => {
        expect(markdownToText(plain)).toBe(plain);
      }),
      runs,
    );
  });

  it("keeps the text of links, images and emphasis and drops their markup", () => {
    fc.assert(
      fc.property(plainPhrase, plainPhrase, (words, target) => {
        const url = `https://example.org/${target.replaceAll(" ", "/")}`;
        expect(markdownToText(`See [${words}](${url}) now`)).toBe(`See ${words} now`);
        expect(markdownToText(`See ![${words}](${url}) now`)).toBe(`See ${words} now`);
        expect(markdownToText(`See **${words}** and ~~${words}~~ <${url}>`)).toBe(`See ${words} and ${words} ${url}`);
        expect(markdownToText(`## ${words} ##`)).toBe(`\n${words}\n`);
      }),
      runs,
    );
  });
});

// Characters normalizeText removes or replaces, and the spacing it forbids.
const NOT_NORMALIZED =
  /[\r\t\u0000-\u0008\u000B-\u001F\u007F-\u009F\u00A0\u1680\u2000-\u200D\u202F\u205F\u3000\u2060\uFEFF\u00AD]| {2}| \n|\n |\n\n\n/;

describe("cleaning", () => {
  it("normalizes white space and invisible characters, once and for all", () => {
    fc.assert(
      fc.property(hostileText, (text) => {
        const normalized = normalizeText(text);
        expect(normalized).not.toMatch(NOT_NORMALIZED);
        expect(normalized).toBe(normalized.trim());
        expect(normalizeText(normalized)).toBe(normalized);
      }),
      runs,
    );
  });

  it("gives normalized text for every format, with glosses whose anchors stay in it", () => {
    fc.assert(
      fc.property(hostileText, fc.constantFrom("text", "markdown", "html" as const), (raw, format) => {
        const cleaned = cleanSource(raw, format);
        expect(cleaned.text).not.toMatch(NOT_NORMALIZED);
        for (const gloss of cleaned.glosses) expect(cleaned.text).toContain(gloss.anchor);
      }),
      runs,
    );
  });

  it("decodes entities without ever lengthening the text, and leaves text without & alone", () => {
    fc.assert(
      fc.property(hostileText, (text) => {
        expect(decodeEntities(text).length).toBeLessThanOrEqual(text.length);
        const withoutAmpersand = text.replaceAll("&", "");
        expect(decodeEntities(withoutAmpersand)).toBe(withoutAmpersand);
      }),
      runs,
    );
    expect(decodeEntities("&rsquos &amp;&amp; &#x41;&#66 &hellip AT&T &lang=en")).toBe("’s && AB … AT&T &lang=en");
  });

  it("reads HTML text as text, collapsing its white space, and drops scripts", () => {
    fc.assert(
      fc.property(hostileText, plainPhrase, (text, secret) => {
        const plain = text.replace(/[<&]/g, "");
        expect(htmlToText(plain).text).toBe(plain.replace(/[ \t\r\n\f]+/g, " "));
        const page = htmlToText(`<p>${plain}</p><script>var ${secret}Marker = 1</script><p>after</p>`);
        expect(page.text).not.toContain(`${secret}Marker`);
        expect(page.text).toContain("after");
      }),
      runs,
    );
  });

  it("takes glosses out without lengthening the text", () => {
    fc.assert(
      fc.property(hostileText, (text) => {
        const stripped = stripGlosses(text);
        expect(stripped.text.length).toBeLessThanOrEqual(text.length);
        for (const gloss of stripped.glosses) expect(stripped.text).toContain(gloss.anchor);
      }),
      runs,
    );
    const withGloss =
      "He served under\nLavrentiy Beria\nLavrentiy Pavlovich Beria (1899 – 1953) was a Georgian Bolshevik...\n, and played a part.";
    expect(stripGlosses(withGloss).text).toBe("He served under Lavrentiy Beria, and played a part.");
  });
});

describe("highlightParagraphs", () => {
  const marksIn = (length: number) =>
    fc.array(
      fc
        .tuple(fc.nat(length), fc.nat(length), fc.nat(9))
        .map(([a, b, data]): Mark<number> => ({ start: Math.min(a, b), end: Math.max(a, b), data })),
      { maxLength: 12 },
    );

  it("cuts each paragraph into exact pieces that carry exactly the marks covering them", () => {
    fc.assert(
      fc.property(
        hostileText.chain((text) => fc.tuple(fc.constant(text), marksIn(text.length))),
        ([text, marks]) => {
          const paragraphs = segmentText(text).paragraphs;
          const highlighted = highlightParagraphs(text, paragraphs, marks);
          expect(highlighted.map(({ start, end }) => ({ start, end }))).toEqual(paragraphs);
          for (const paragraph of highlighted) {
            expect(paragraph.pieces.map((piece) => piece.text).join("")).toBe(slice(text, paragraph));
            let at = paragraph.start;
            for (const piece of paragraph.pieces) {
              expect(piece.start).toBe(at);
              expect(piece.text).toBe(slice(text, piece));
              const covering = marks.filter((mark) => mark.start <= piece.start && mark.end >= piece.end);
              expect(new Set(piece.marks)).toEqual(new Set(covering));
              expect(piece.marks.length).toBe(covering.length);
              // In the order of their starts, the longer first where two start together.
              piece.marks.slice(1).forEach((mark, index) => {
                const before = piece.marks[index]!;
                expect(before.start < mark.start || (before.start === mark.start && before.end >= mark.end)).toBe(true);
              });
              at = piece.end;
            }
            expect(at).toBe(paragraph.end);
          }
        },
      ),
      runs,
    );
  });
});

describe("prepareSource", () => {
  it("returns passages that are exactly their spans of the cleaned text, or throws AppError", () => {
    fc.assert(
      fc.property(hostileText, fc.constantFrom(undefined, "text", "markdown", "html" as const), (content, format) => {
        let prepared: ReturnType<typeof prepareSource>;
        try {
          prepared = prepareSource({ content, title: "Property", format });
        } catch (error) {
          expect(error).toBeInstanceOf(AppError);
          return;
        }
        const { text, passages } = prepared;
        expect(text.length).toBeGreaterThan(0);
        for (const kind of ["paragraph", "sentence"] as const) {
          const ofKind = passages.filter((passage) => passage.kind === kind);
          expectOrderedSpans(text, ofKind);
          ofKind.forEach((passage, ordinal) => {
            expect(passage.ordinal).toBe(ordinal);
            expect(passage.text).toBe(slice(text, passage));
            expect(passage.prefix).toBe(text.slice(Math.max(0, passage.start - QUOTE_CONTEXT_LENGTH), passage.start));
            expect(passage.suffix).toBe(text.slice(passage.end, passage.end + QUOTE_CONTEXT_LENGTH));
          });
        }
      }),
      runs,
    );
  });
});
