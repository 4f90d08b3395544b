import { describe, expect, it } from "vitest";
import { cleanSource, detectFormat, normalizeText } from "@/lib/sources/clean";

describe("normalizeText", () => {
  it("composes to NFC and keeps Cyrillic, Polish and accents", () => {
    const decomposed = "Ka\u0301da\u0301r, Urza\u0328d Bezpieczen\u0301stwa, Серо\u0301в";
    const text = normalizeText(decomposed);
    expect(text).toBe("K\u00E1d\u00E1r, Urz\u0105d Bezpiecze\u0144stwa, Серо\u0301в");
    expect(text).toBe(decomposed.normalize("NFC"));
  });

  it("folds spaces, line endings and blank lines, and drops invisible characters", () => {
    expect(normalizeText("  a\u00A0\u00A0b\t c \r\n\r\n\r\n\r\nd\u200B\uFEFFe  ")).toBe("a b c\n\nde");
  });
});

describe("cleanSource", () => {
  it("strips HTML tags, drops scripts and styles, and turns blocks into paragraphs", () => {
    const html = `<!doctype html><html lang="en"><head><title>Kirov &amp; the NKVD</title><style>p{color:red}</style>
      <meta name="author" content="Amy Knight"><meta property="article:published_time" content="2000-02-24T10:00:00Z"></head>
      <body><script>alert("x")</script><h1>Heading</h1><p>First <b>bold</b> line&rsquos end.</p>
      <p>Second<br>line <img src="x" onerror="alert(1)"> here.</p><ul><li>One</li><li>Two</li></ul></body></html>`;
    const { text, metadata } = cleanSource(html, "html");
    expect(text).toBe("Heading\n\nFirst bold line’s end.\n\nSecond\nline here.\n\n- One\n\n- Two");
    expect(text).not.toMatch(/alert|color:red|<|>/);
    expect(metadata).toMatchObject({
      title: "Kirov & the NKVD",
      author: "Amy Knight",
      publishedDate: "2000-02-24",
      language: "en",
    });
  });

  it("treats markup in plain text as text, and decodes its entities", () => {
    const { text } = cleanSource("a <b>tag</b> &ldquoquote&rdquo", "text");
    expect(text).toBe("a <b>tag</b> “quote”");
  });

  it("reduces Markdown to its readable text", () => {
    const markdown =
      "# Title\n\nSome **bold** and _italic_ [link](https://x.org) text `code`.\n\n* item one\n* item two\n\n<script>alert(1)</script>\n\n[ref]: https://x.org";
    const { text } = cleanSource(markdown, "markdown");
    expect(text).toBe("Title\n\nSome bold and italic link text code.\n\n- item one\n- item two");
  });

  it("detects formats from names and content", () => {
    expect(detectFormat("x", "a.HTML")).toBe("html");
    expect(detectFormat("x", "notes.md")).toBe("markdown");
    expect(detectFormat("<!DOCTYPE html><p>x</p>")).toBe("html");
    expect(detectFormat("Just text with a <b> in it")).toBe("text");
  });
});
