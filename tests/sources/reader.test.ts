// The source page's text in pages (lib/sources/queries.ts getSourcePage): a book-length source is
// read and sent one page at a time, with every offset still the source's own.
import { beforeEach, describe, expect, it } from "vitest";
import { addEvidence } from "@/lib/evidence/mutations";
import { getSource, getSourcePage, READER_PAGE_CHARACTERS, readerPages } from "@/lib/sources/queries";
import { makeClaim, makeSource, SYSTEM_ACTOR } from "../factories";
import { db, resetDatabase } from "../helpers";

beforeEach(resetDatabase);

/** About `characters` of prose in paragraphs of different lengths, with emoji (two UTF-16 units each). */
function longText(characters: number): string {
  const paragraphs: string[] = [];
  let size = 0;
  for (let index = 0; size < characters; index++) {
    const sentences = Array.from(
      { length: 1 + (index % 7) },
      (_, sentence) => `Paragraph ${index} 📜 sentence ${sentence} tells of Kirov and the Smolny Institute.`,
    );
    const paragraph = sentences.join(" ");
    paragraphs.push(paragraph);
    size += paragraph.length + 2;
  }
  return paragraphs.join("\n\n");
}

describe("readerPages", () => {
  it("cuts whole paragraphs into pages of about the page size, the first from the text's start", () => {
    const paragraphs = Array.from({ length: 100 }, (_, index) => ({
      start: 10 + index * 2_000,
      end: 1_990 + index * 2_000,
    }));
    const pages = readerPages(paragraphs);
    expect(pages[0]!.start).toBe(0);
    expect(pages.length).toBeGreaterThan(1);
    for (const [index, page] of pages.entries()) {
      expect(page.end - page.start).toBeLessThanOrEqual(READER_PAGE_CHARACTERS + 10);
      if (index > 0)
        expect(page.start).toBe(paragraphs.find((paragraph) => paragraph.start >= pages[index - 1]!.end)!.start);
    }
    expect(pages.at(-1)!.end).toBe(paragraphs.at(-1)!.end);
    // A paragraph longer than a page is a page of its own; a text without paragraphs is one empty page.
    expect(readerPages([{ start: 0, end: READER_PAGE_CHARACTERS * 3 }])).toEqual([
      { start: 0, end: READER_PAGE_CHARACTERS * 3 },
    ]);
    expect(readerPages([])).toEqual([{ start: 0, end: 0 }]);
  });
});

describe("getSourcePage", () => {
  it("gives each page's paragraphs at the source's own offsets, and the pages together give every paragraph once", async () => {
    const source = await makeSource(longText(150_000), "A long source");
    const whole = await getSource(db(), null, { sourceId: source.id, passages: "paragraph" });
    const first = await getSourcePage(db(), null, { sourceId: source.id });
    expect(first.reader.page).toBe(1);
    expect(first.reader.pageCount).toBeGreaterThanOrEqual(3);
    const seen: { start: number; end: number }[] = [];
    for (let page = 1; page <= first.reader.pageCount; page++) {
      const { reader } = await getSourcePage(db(), null, { sourceId: source.id, page: String(page) });
      expect(reader.page).toBe(page);
      expect(reader.text.length).toBeLessThanOrEqual(READER_PAGE_CHARACTERS * 1.2);
      for (const paragraph of reader.paragraphs) {
        expect(reader.text.slice(paragraph.start - reader.start, paragraph.end - reader.start)).toBe(
          whole.text.slice(paragraph.start, paragraph.end),
        );
        seen.push(paragraph);
      }
    }
    expect(seen).toEqual(whole.passages.map(({ start, end }) => ({ start, end })));
  });

  it("opens on the page of a span (?at=) or of a cited passage (?passage=), and knows each citation's page", async () => {
    const source = await makeSource(longText(150_000), "A long source");
    const claim = await makeClaim();
    const last = source.passages.filter((passage) => passage.kind === "sentence").at(-1)!;
    const evidence = await addEvidence(db(), SYSTEM_ACTOR, {
      claimId: claim.id,
      passage: { sourceId: source.id, quote: last.text },
      stance: "supports",
    });
    const at = `${last.start}-${last.end}`;
    const found = await getSourcePage(db(), null, { sourceId: source.id, at });
    expect(found.reader.page).toBe(found.reader.pageCount);
    expect(found.reader.found).toEqual({ start: last.start, end: last.end });
    expect(found.reader.text.slice(last.start - found.reader.start, last.end - found.reader.start)).toBe(last.text);

    const cited = await getSourcePage(db(), null, { sourceId: source.id, passage: evidence.passageId });
    expect(cited.reader.page).toBe(found.reader.pageCount);
    expect(cited.citedPages).toEqual({ [evidence.passageId]: found.reader.pageCount });
    // Another source's passage opens nothing in particular: the first page.
    const other = await makeSource();
    expect((await getSourcePage(db(), null, { sourceId: other.id, passage: evidence.passageId })).reader.page).toBe(1);
  });

  it.each([
    ["0", "INVALID", /page: must be 1 or more/],
    ["two", "INVALID", /page: must be a page number/],
    ["1.5", "INVALID", /page: must be a whole number/],
    ["99", "NOT_FOUND", /page: this source has 1 page/],
  ])("refuses page %s with an error naming the page", async (page, code, message) => {
    const source = await makeSource();
    const error = await getSourcePage(db(), null, { sourceId: source.id, page }).catch((caught: unknown) => caught);
    expect(error).toMatchObject({ code });
    expect((error as Error).message).toMatch(message);
  });

  it("refuses a span that is not one, naming it", async () => {
    const source = await makeSource();
    for (const at of ["9-3", "1-", "<script>"]) {
      await expect(getSourcePage(db(), null, { sourceId: source.id, at })).rejects.toMatchObject({
        code: "INVALID",
        message: expect.stringMatching(/^at: /),
      });
    }
  });
});
