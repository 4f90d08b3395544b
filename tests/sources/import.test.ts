import { readFileSync } from "node:fs";
import { join } from "node:path";
import { beforeEach, describe, expect, it } from "vitest";
import { AppError } from "@/lib/errors";
import { SYSTEM_ACTOR } from "@/lib/permissions";
import { importSource } from "@/lib/sources/import";
import { MAX_SOURCE_BYTES } from "@/lib/sources/schemas";
import { SAMPLE_CORPUS_DIR, SAMPLE_SOURCES } from "@/prisma/sample/data-paths";
import { makeActor } from "../factories";
import { db, resetDatabase, tableSnapshot } from "../helpers";

beforeEach(resetDatabase);

async function expectRejected(work: () => Promise<unknown>, code: string, field: string) {
  const before = await tableSnapshot();
  const error = await work().then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(AppError);
  expect((error as AppError).code).toBe(code);
  expect((error as AppError).field).toBe(field);
  expect(await tableSnapshot()).toEqual(before);
}

describe("importSource on the sample corpus", () => {
  it.each(SAMPLE_SOURCES.map((sample) => [sample.file]))(
    "%s: every passage is exactly its span of the cleaned text",
    async (file) => {
      const raw = readFileSync(join(SAMPLE_CORPUS_DIR, file), "utf8");
      const result = await importSource(db(), SYSTEM_ACTOR, { content: raw, title: file });
      expect(result.created).toBe(true);
      const source = await db().source.findUniqueOrThrow({
        where: { id: result.sourceId },
        include: { passages: true },
      });
      expect(source.originalText).toBe(raw);
      expect(source.passages.length).toBe(result.passageCount);
      const kinds = new Set(source.passages.map((passage) => passage.kind));
      expect(kinds).toEqual(new Set(["paragraph", "sentence"]));
      for (const passage of source.passages) {
        expect(source.text.slice(passage.start, passage.end)).toBe(passage.text);
        expect(source.text.slice(Math.max(0, passage.start - 32), passage.start)).toBe(passage.prefix);
        expect(source.text.slice(passage.end, passage.end + 32)).toBe(passage.suffix);
        expect(passage.text).toBe(passage.text.trim());
      }
      // Sentences tile their paragraphs in order without overlapping.
      const sentences = source.passages
        .filter((passage) => passage.kind === "sentence")
        .sort((a, b) => a.ordinal - b.ordinal);
      for (let index = 1; index < sentences.length; index++)
        expect(sentences[index]!.start).toBeGreaterThanOrEqual(sentences[index - 1]!.end);
      // Entities decoded, malformed ones too; nothing but the text remains.
      expect(source.text).not.toMatch(/&(rsquo|ldquo|rdquo|hellip|mdash|amp|quot);?/);
      expect(source.text).toBe(source.text.normalize("NFC"));
    },
  );

  it("decodes the corpus's malformed entities into the right characters", async () => {
    const raw = readFileSync(join(SAMPLE_CORPUS_DIR, "kirov-assassination.txt"), "utf8");
    const { sourceId } = await importSource(db(), SYSTEM_ACTOR, { content: raw, title: "Kirov" });
    const { text } = await db().source.findUniqueOrThrow({ where: { id: sourceId } });
    expect(text).toContain(
      "In Charon’s Chronicles, Russian writer Alexander Lavrin investigates the murky background of Kirov’s death.",
    );
    expect(text).toContain("If they hadn’t fired him, maybe nothing would’ve happened…”");
    expect(text).toContain("U.S. publication rights");
    expect(text).toContain("“the terrorist act targeting S. M. Kirov was planned and carried out by Nikolayev alone.”");
  });

  it("keeps Cyrillic, IPA and Polish letters with their accents", async () => {
    const raw = readFileSync(join(SAMPLE_CORPUS_DIR, "serov.txt"), "utf8");
    const { sourceId } = await importSource(db(), SYSTEM_ACTOR, { content: raw, title: "Serov" });
    const { text } = await db().source.findUniqueOrThrow({ where: { id: sourceId } });
    expect(text).toContain("Ива́н Алекса́ндрович Серóв".normalize("NFC"));
    expect(text).toContain("Urząd Bezpieczeństwa");
    expect(text).toContain("U.S. News & World Report");
  });

  it("finds the first source again when the same text is imported twice, writing nothing", async () => {
    const first = await importSource(db(), SYSTEM_ACTOR, {
      content: "Kirov was shot.\n\nStalin went to Leningrad.",
      title: "One",
    });
    const before = await tableSnapshot();
    const again = await importSource(db(), SYSTEM_ACTOR, {
      content: "Kirov   was shot.\r\n\r\n\r\nStalin went to Leningrad.  ",
      title: "Two",
    });
    expect(again).toMatchObject({ sourceId: first.sourceId, created: false, title: "One" });
    expect(await tableSnapshot()).toEqual(before);
  });

  it("two concurrent imports of one text create one source", async () => {
    const text = "Concurrent import.\n\nOnly one source results.";
    const results = await Promise.all(
      [1, 2, 3].map(() => importSource(db(), SYSTEM_ACTOR, { content: text, title: "Race" })),
    );
    expect(new Set(results.map((result) => result.sourceId)).size).toBe(1);
    expect(await db().source.count()).toBe(1);
  });

  it("stores metadata and reads an HTML page's own", async () => {
    const html = `<html lang="ru"><head><title>Убийство Кирова</title><meta name="author" content="А. Кирилина"></head><body><p>Текст&nbsp;статьи.</p></body></html>`;
    const { sourceId } = await importSource(db(), SYSTEM_ACTOR, {
      content: html,
      fileName: "kirov.html",
      publishedDate: "2001-12",
      url: "https://example.org/kirov",
    });
    const source = await db().source.findUniqueOrThrow({ where: { id: sourceId }, include: { authors: true } });
    expect(source).toMatchObject({
      title: "Убийство Кирова",
      language: "ru",
      format: "html",
      publishedDate: "2001-12",
      text: "Текст статьи.",
    });
    expect(source.authors.map((author) => author.name)).toEqual(["А. Кирилина"]);
  });
});

describe("importSource refuses bad input and writes nothing", () => {
  it.each([
    ["empty text", "", {}, "INVALID", "content"],
    ["only white space", " \n\t\u00A0 ", {}, "INVALID", "content"],
    ["binary content", "PK\u0003\u0004\u0000\u0000binary", {}, "INVALID", "content"],
    ["markup with no text", "<html><script>x()</script></html>", { format: "html" }, "INVALID", "content"],
    ["a bad URL", "Some text.", { url: "javascript:alert(1)" }, "INVALID", "url"],
    ["an impossible date", "Some text.", { publishedDate: "1934-02-30" }, "INVALID", "publishedDate"],
    [
      "a date in a form nobody can read one way",
      "Some text.",
      { publishedDate: "12/01/1934" },
      "INVALID",
      "publishedDate",
    ],
    ["an overlong title", "Some text.", { title: "x".repeat(501) }, "INVALID", "title"],
    ["an unknown kind", "Some text.", { kind: "tweet" }, "INVALID", "kind"],
  ] as const)("%s", async (_name, content, metadata, code, field) => {
    await expectRejected(() => importSource(db(), SYSTEM_ACTOR, { content, title: "T", ...metadata }), code, field);
  });

  it("oversized content", async () => {
    await expectRejected(
      () => importSource(db(), SYSTEM_ACTOR, { content: "a".repeat(MAX_SOURCE_BYTES + 1), title: "Big" }),
      "TOO_LARGE",
      "content",
    );
  });

  it("bytes that are not UTF-8, and binary files", async () => {
    await expectRejected(
      () =>
        importSource(db(), SYSTEM_ACTOR, { content: new Uint8Array([0x4b, 0x69, 0xff, 0xfe, 0x72]), title: "Latin-1" }),
      "INVALID",
      "content",
    );
    await expectRejected(
      () =>
        importSource(db(), SYSTEM_ACTOR, { content: new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0, 0, 0]), title: "PNG" }),
      "INVALID",
      "content",
    );
  });

  it("a document with no title anywhere", async () => {
    await expectRejected(
      () => importSource(db(), SYSTEM_ACTOR, { content: "Text with no title." }),
      "INVALID",
      "title",
    );
  });
});

describe("importSource authorization", () => {
  it.each([
    ["anonymous", null, "UNAUTHENTICATED"],
    ["viewer", "viewer", "FORBIDDEN"],
    ["contributor", "contributor", null],
    ["moderator", "moderator", null],
    ["admin", "admin", null],
  ] as const)("%s", async (_name, role, expectedError) => {
    const actor = role === null ? null : await makeActor(role);
    const text = `Imported by ${role ?? "nobody"}.`;
    if (expectedError) {
      const before = await tableSnapshot();
      await expect(importSource(db(), actor, { content: text, title: "T" })).rejects.toMatchObject({
        code: expectedError,
      });
      expect(await tableSnapshot()).toEqual(before);
    } else {
      const result = await importSource(db(), actor, { content: text, title: "T" });
      const source = await db().source.findUniqueOrThrow({ where: { id: result.sourceId } });
      expect(source.importedById).toBe(actor!.id);
      expect(
        await db().auditEvent.count({
          where: { entityId: result.sourceId, action: "source.import", actorId: actor!.id },
        }),
      ).toBe(1);
    }
  });
});
