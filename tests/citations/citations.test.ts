// Citations out: a source's reference and a claim's cited passages as CSL-JSON, BibTeX and RIS
// (written by citation-js, and read back by it), and a claim's evidence as W3C Web Annotations whose
// selectors find the cited words in the source's text.
import { Cite } from "@citation-js/core";
import { beforeAll, describe, expect, it } from "vitest";
import { GET as claimCitationsRoute } from "@/app/api/claims/[claimId]/citations/route";
import { GET as annotationsRoute } from "@/app/api/claims/[claimId]/evidence.jsonld/route";
import { GET as sourceCitationRoute } from "@/app/api/sources/[sourceId]/citation/route";
import { GET as sourceTextRoute } from "@/app/api/sources/[sourceId]/text/route";
import { codePointSpan } from "@/lib/citations/annotations";
import { citationKey, cslName, pinpointLocator, safeUrl, sourceToCsl } from "@/lib/citations/csl";
import { citationExports, texEscape } from "@/lib/citations/format";
import { getEvidenceAnnotations } from "@/lib/citations/queries";
import { publicUrl } from "@/lib/env";
import { addEvidence } from "@/lib/evidence/mutations";
import { importSource } from "@/lib/sources/import";
import { actorOf, makeClaim, makeUser, SYSTEM_ACTOR } from "../factories";
import { db, resetDatabase } from "../helpers";

const BASE = "http://localhost/api";
const params = <T extends object>(value: T) => ({ params: Promise.resolve(value) });
// biome-ignore lint/suspicious/noExplicitAny: parsed JSON, which the assertions check
type Json = Record<string, any>;
const FORMATS = ["csl", "bibtex", "ris"] as const;

async function importText(metadata: Record<string, unknown>, content: string) {
  const { sourceId } = await importSource(db(), SYSTEM_ACTOR, { ...metadata, content });
  return db().source.findUniqueOrThrow({
    where: { id: sourceId },
    include: { passages: { orderBy: { start: "asc" } }, authors: { orderBy: { position: "asc" } } },
  });
}

async function sourceCitation(sourceId: string, query: string): Promise<Response> {
  return sourceCitationRoute(new Request(`${BASE}/sources/${sourceId}/citation${query}`), params({ sourceId }));
}

/** A name as a reader would write it, whichever way a format split it (literal, or family only). */
function fullName(name: Json): string {
  return name.literal ?? [name.given, name["non-dropping-particle"], name.family].filter(Boolean).join(" ");
}

/** What citation-js reads back: title, authors and date parts of each entry. */
function readBack(text: string) {
  return new Cite(text).data.map((entry) => ({
    title: entry.title,
    authors: ((entry.author as Json[] | undefined) ?? []).map(fullName),
    issued: (entry.issued as Json | undefined)?.["date-parts"] ?? null,
  }));
}

describe("a source's reference", () => {
  let source: Awaited<ReturnType<typeof importText>>;

  beforeAll(async () => {
    await resetDatabase();
    source = await importText(
      {
        title: "Who Killed Kirov? The Kremlin's Greatest Mystery",
        authors: ["Amy Knight"],
        publisher: "Hill and Wang",
        url: "https://example.org/knight",
        publishedDate: "1999-05",
        accessedDate: "2026-11-01",
        kind: "book",
      },
      "Kirov was shot on 1 December 1934 in the Smolny.\n\nNikolaev was arrested at once.",
    );
  });

  it.each(FORMATS)("GET /api/sources/{id}/citation?format=%s round-trips through citation-js", async (format) => {
    const response = await sourceCitation(source.id, `?format=${format}`);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toMatch(
      {
        csl: /^application\/vnd\.citationstyles\.csl\+json/,
        bibtex: /^application\/x-bibtex/,
        ris: /^application\/x-research-info-systems/,
      }[format],
    );
    expect(response.headers.get("content-disposition")).toMatch(/filename="Knight1999Killed\.(json|bib|ris)"/);
    expect(readBack(await response.text())).toEqual([
      { title: "Who Killed Kirov? The Kremlin's Greatest Mystery", authors: ["Amy Knight"], issued: [[1999, 5]] },
    ]);
  });

  it("CSL-JSON is the source as CSL items, with the type, publisher and address", async () => {
    const items = await (await sourceCitation(source.id, "")).json();
    expect(items).toEqual([
      {
        id: "Knight1999Killed",
        type: "book",
        title: "Who Killed Kirov? The Kremlin's Greatest Mystery",
        author: [{ family: "Knight", given: "Amy" }],
        issued: { "date-parts": [[1999, 5]] },
        accessed: { "date-parts": [[2026, 11, 1]] },
        publisher: "Hill and Wang",
        URL: "https://example.org/knight",
        language: "en",
      },
    ]);
  });

  it.each([
    ["?format=word", "format"],
    ["?format=csl&format=ris", "format"],
    ["?style=apa", "style"],
  ])("%s is a 400 naming %s", async (query, field) => {
    const response = await sourceCitation(source.id, query);
    expect(response.status).toBe(400);
    const body = await response.json();
    expect(body.error).toMatchObject({ code: "INVALID", field });
    expect(body.error.message).toContain(field);
  });

  it("an unknown source is a JSON 404", async () => {
    const response = await sourceCitation("nope", "?format=ris");
    expect(response.status).toBe(404);
    expect((await response.json()).error.code).toBe("NOT_FOUND");
  });

  it("the source page's menu offers the same three texts the endpoint serves", async () => {
    const exports = citationExports(sourceToCsl({ ...toDto(source), language: source.language }));
    expect(exports.map((entry) => entry.label)).toEqual(["CSL-JSON", "BibTeX", "RIS"]);
    for (const entry of exports) {
      expect(entry.text).toBe(await (await sourceCitation(source.id, `?format=${entry.format}`)).text());
    }
  });
});

function toDto(source: Awaited<ReturnType<typeof importText>>) {
  return {
    sourceId: source.id,
    title: source.title,
    authors: source.authors.map((author) => author.name),
    publisher: source.publisher,
    url: source.url,
    publishedDate: source.publishedDate,
    accessedDate: source.accessedDate,
    kind: source.kind,
  };
}

describe("hostile and odd metadata", () => {
  beforeAll(resetDatabase);

  const cases: [string, Record<string, unknown>, { title: string; authors: string[] }][] = [
    [
      "quotes, braces, TeX and markup in the title; no date",
      {
        title: 'The "Kirov} affair {\\textbf{x}} 100% $5 #1 a_b ~^ <i>unclosed @misc{evil,',
        authors: ["O'Brien, Conor"],
      },
      {
        title: 'The "Kirov} affair {\\textbf{x}} 100% $5 #1 a_b ~^ <i>unclosed @misc{evil,',
        authors: ["Conor O'Brien"],
      },
    ],
    [
      "non-ASCII authors and title",
      {
        title: "Убийство Кирова: 中文 😀 Kádár’s “view”",
        authors: ["Николай Ежов", "Jürgen Müller-Lüdenscheidt", "毛泽东"],
      },
      {
        title: "Убийство Кирова: 中文 😀 Kádár’s “view”",
        authors: ["Николай Ежов", "Jürgen Müller-Lüdenscheidt", "毛泽东"],
      },
    ],
    [
      "a title and a publisher that try to start new RIS records and BibTeX entries",
      { title: "Line one\nER  - \nTY  - JOUR\nTI  - forged\n}\n@misc{forged,", publisher: "P\r\nER  - ", authors: [] },
      { title: "Line one ER - TY - JOUR TI - forged } @misc{forged,", authors: [] },
    ],
    [
      "an organisation as author and a URL with a brace",
      { title: "Kirov", authors: ["Wikipedia contributors"], url: "https://example.org/wiki/{Kirov}?q={x}" },
      { title: "Kirov", authors: ["Wikipedia contributors"] },
    ],
  ];

  it.each(cases)(
    "%s: each format reads back as one entry with the same title and authors",
    async (_name, metadata, expected) => {
      // The import form trims and validates; a title with line breaks can still come through a script.
      const source = await importText(metadata, `A text about ${_name}.\n\nIt has ${Math.random()} in it.`);
      if (typeof metadata.title === "string" && metadata.title.includes("\n")) {
        await db().source.update({ where: { id: source.id }, data: { title: metadata.title as string } });
      }
      for (const format of FORMATS) {
        const response = await sourceCitation(source.id, `?format=${format}`);
        expect(response.status).toBe(200);
        const text = await response.text();
        const entries = readBack(text);
        expect(entries, `${format}:\n${text}`).toHaveLength(1);
        expect(entries[0]!.title).toBe(expected.title);
        expect(entries[0]!.authors).toEqual(expected.authors);
        expect(entries[0]!.issued).toBeNull();
        if (format === "ris") expect(text.match(/^TY {2}- /gm)).toHaveLength(1);
        if (format === "bibtex") {
          expect(text.match(/^@/gm)).toHaveLength(1);
          // Braces balance (TeX's own escapes aside), so no tool reads past the entry.
          const depth = [...text.replace(/\\[{}]/g, "")].reduce(
            (level, char) => (level < 0 ? level : level + (char === "{" ? 1 : char === "}" ? -1 : 0)),
            0,
          );
          expect(depth).toBe(0);
        }
      }
    },
  );

  it("URLs keep no brace, so BibTeX's url field stays balanced", () => {
    expect(safeUrl("https://example.org/wiki/{Kirov}?q={x}")).toBe("https://example.org/wiki/%7BKirov%7D?q=%7Bx%7D");
    expect(safeUrl("javascript:alert(1)")).toBeUndefined();
    expect(safeUrl("not a url")).toBeUndefined();
  });

  it("escapes TeX's special characters for BibTeX only", () => {
    expect(texEscape("50% of {x} & $y #z_w ~^\\ <b>")).toBe(
      "50\\% of \\{x\\} \\& \\$y \\#z\\_w \\textasciitilde{}\\textasciicircum{}\\textbackslash{} \\textless{}b\\textgreater{}",
    );
  });

  it("reads authors as people only when they look like one", () => {
    expect(cslName("Amy Knight")).toEqual({ family: "Knight", given: "Amy" });
    expect(cslName("Knight, Amy")).toEqual({ family: "Knight", given: "Amy" });
    expect(cslName("Vincent van Gogh")).toEqual({ family: "van Gogh", given: "Vincent" });
    expect(cslName("Николай Ежов")).toEqual({ family: "Ежов", given: "Николай" });
    expect(cslName("Wikipedia contributors")).toEqual({ literal: "Wikipedia contributors" });
    expect(cslName("Plato")).toEqual({ literal: "Plato" });
    expect(cslName("毛泽东")).toEqual({ literal: "毛泽东" });
  });

  it("makes ASCII citation keys, whatever the script", () => {
    expect(
      citationKey({
        title: "Who Killed Kirov?",
        author: [{ family: "Knight", given: "Amy" }],
        issued: { "date-parts": [[1999]] },
      }),
    ).toBe("Knight1999Killed");
    expect(citationKey({ title: "Убийство", author: [{ family: "Ежов" }] })).toBe("source");
    expect(citationKey({ title: "Убийство", issued: { "date-parts": [[1988]] } })).toBe("source1988");
  });
});

describe("pinpoints as CSL locators", () => {
  it.each([
    ["p. 12", { locator: "12", label: "page" }],
    ["pp. 12–14", { locator: "12–14", label: "page" }],
    ["12", { locator: "12", label: "page" }],
    ["para. 4", { locator: "4", label: "paragraph" }],
    ["¶ 4", { locator: "4", label: "paragraph" }],
    ["ch. III", { locator: "III", label: "chapter" }],
    ["§2", { locator: "2", label: "section" }],
    ["fol. 12v", { locator: "12v", label: "folio" }],
    ["n. 7", { locator: "7", label: "note" }],
    ["the second letter", { locator: "the second letter" }],
    ["pretty", { locator: "pretty" }],
  ])("%s", (pinpoint, expected) => {
    expect(pinpointLocator(pinpoint, 9)).toEqual(expected);
  });

  it("falls back to the paragraph number", () => {
    expect(pinpointLocator(null, 3)).toEqual({ locator: "3", label: "paragraph" });
    expect(pinpointLocator("  ", 3)).toEqual({ locator: "3", label: "paragraph" });
    expect(pinpointLocator(null, null)).toBeNull();
  });
});

describe("a claim's cited passages", () => {
  const TEXT =
    "On 1 December 1934 Sergei Kirov was shot in the Smolny Institute. The assassin, Leonid Nikolaev, was arrested at once.\n\n" +
    "Some historians hold that Stalin ordered the murder. Others say Nikolaev acted alone.\n\n" +
    "The 😀 emoji and 𝔉raktur letters stand before this sentence, which is cited too.";
  let claim: Awaited<ReturnType<typeof makeClaim>>;
  let source: Awaited<ReturnType<typeof importText>>;

  beforeAll(async () => {
    await resetDatabase();
    source = await importText(
      { title: "The Kirov Murder", authors: ["Robert Conquest"], publishedDate: "1989", url: "https://example.org/c" },
      TEXT,
    );
    claim = await makeClaim({ statement: "Stalin ordered Kirov's murder" });
    const sentence = (words: string) => source.passages.find((p) => p.kind === "sentence" && p.text.includes(words))!;
    await addEvidence(db(), SYSTEM_ACTOR, {
      claimId: claim.id,
      passage: { passageId: sentence("Stalin ordered").id },
      stance: "supports",
      pinpoint: "p. 37",
      note: 'A "quoted" note.',
    });
    await addEvidence(db(), SYSTEM_ACTOR, {
      claimId: claim.id,
      passage: { passageId: sentence("acted alone").id },
      stance: "contradicts",
    });
    const cited = "which is cited too";
    const start = source.text.indexOf(cited);
    await addEvidence(db(), SYSTEM_ACTOR, {
      claimId: claim.id,
      passage: { sourceId: source.id, start, end: start + cited.length },
      stance: "context",
    });
  });

  async function claimCitations(query: string) {
    return claimCitationsRoute(
      new Request(`${BASE}/claims/${claim.slug}/citations${query}`),
      params({ claimId: claim.slug }),
    );
  }

  it("CSL-JSON: a csl-citation object, each passage's locator the pinpoint or else its paragraph", async () => {
    const response = await claimCitations("?format=csl");
    expect(response.status).toBe(200);
    const citation = await response.json();
    expect(citation.schema).toBe("https://resource.citationstyles.org/schema/v1.0/input/json/csl-citation.json");
    expect(citation.citationItems.map((item: Json) => [item.locator, item.label])).toEqual([
      ["37", "page"],
      ["2", "paragraph"],
      ["3", "paragraph"],
    ]);
    for (const item of citation.citationItems) {
      expect(item.id).toBe(item.itemData.id);
      expect(item.itemData).toMatchObject({
        title: "The Kirov Murder",
        author: [{ family: "Conquest", given: "Robert" }],
      });
    }
    expect(readBack(JSON.stringify(citation.citationItems.map((item: Json) => item.itemData)))).toHaveLength(3);
  });

  it.each(["bibtex", "ris"] as const)(
    "%s: one entry per passage, the pinpoint and the quote in its note",
    async (format) => {
      const text = await (await claimCitations(`?format=${format}`)).text();
      const entries = new Cite(text).data;
      expect(entries).toHaveLength(3);
      expect(entries.map((entry) => entry.title)).toEqual(["The Kirov Murder", "The Kirov Murder", "The Kirov Murder"]);
      expect(entries.map((entry) => entry.note)).toEqual([
        "p. 37: “Some historians hold that Stalin ordered the murder.”",
        "para. 2: “Others say Nikolaev acted alone.”",
        "para. 3: “which is cited too”",
      ]);
    },
  );

  it("a bad format is a 400 naming format; a claim the reader may not see is a 404", async () => {
    const bad = await claimCitations("?format=endnote");
    expect(bad.status).toBe(400);
    expect((await bad.json()).error).toMatchObject({ code: "INVALID", field: "format" });
    const draft = await makeClaim({ status: "draft" });
    const hidden = await claimCitationsRoute(
      new Request(`${BASE}/claims/${draft.id}/citations`),
      params({ claimId: draft.id }),
    );
    expect(hidden.status).toBe(404);
  });

  it("each annotation's selectors find exactly the cited words in the source's text", async () => {
    const response = await annotationsRoute(
      new Request(`${BASE}/claims/${claim.id}/evidence.jsonld`),
      params({ claimId: claim.id }),
    );
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toMatch(
      /^application\/ld\+json; profile="http:\/\/www\.w3\.org\/ns\/anno\.jsonld"/,
    );
    const collection = await response.json();
    expect(collection).toMatchObject({
      "@context": "http://www.w3.org/ns/anno.jsonld",
      type: "AnnotationCollection",
      total: 3,
      first: { type: "AnnotationPage", startIndex: 0 },
    });
    const textResponse = await sourceTextRoute(
      new Request(`${BASE}/sources/${source.id}/text`),
      params({ sourceId: source.id }),
    );
    expect(textResponse.headers.get("content-type")).toBe("text/plain; charset=utf-8");
    const text = await textResponse.text();
    expect(text).toBe(source.text);
    const codePoints = [...text];
    const evidence = await db().evidence.findMany({ where: { claimId: claim.id }, orderBy: { createdAt: "asc" } });
    for (const [index, annotation] of (collection.first.items as Json[]).entries()) {
      expect(annotation).toMatchObject({ type: "Annotation", motivation: "linking" });
      expect(annotation.id).toBe(`${publicUrl()}/api/claims/${claim.id}/evidence.jsonld#${evidence[index]!.id}`);
      expect(annotation.body[0]).toEqual({
        type: "SpecificResource",
        source: `${publicUrl()}/claims/${claim.slug}`,
        purpose: "linking",
      });
      expect(annotation.body[1]).toMatchObject({
        type: "TextualBody",
        value: evidence[index]!.stance,
        purpose: "classifying",
      });
      expect(annotation.target.source).toEqual({
        id: `${publicUrl()}/api/sources/${source.id}/text`,
        type: "Text",
        format: "text/plain",
        language: "en",
      });
      const [quote, position] = annotation.target.selector;
      expect(quote.type).toBe("TextQuoteSelector");
      expect(position.type).toBe("TextPositionSelector");
      // Positions count code points (the W3C model's characters); before any character outside the
      // BMP they equal JavaScript's offsets, so source.text.slice(start, end) is the quote too.
      expect(codePoints.slice(position.start, position.end).join("")).toBe(quote.exact);
      const units = codePointsToUnits(text, position.start, position.end);
      expect(text.slice(units.start, units.end)).toBe(quote.exact);
      expect(text.slice(units.start - quote.prefix.length, units.start)).toBe(quote.prefix);
      expect(text.slice(units.end, units.end + quote.suffix.length)).toBe(quote.suffix);
      if (index < 2) expect(text.slice(position.start, position.end)).toBe(quote.exact);
    }
    // The third passage comes after an emoji and a Fraktur letter: two code points fewer than UTF-16 units.
    const third = collection.first.items[2].target.selector[1];
    expect(third.start).toBe(source.text.indexOf("which is cited too") - 2);
    expect(collection.first.items[0].body[2]).toEqual({
      type: "TextualBody",
      value: 'A "quoted" note.',
      purpose: "commenting",
      format: "text/plain",
    });
  });

  it("annotations follow what the reader may see: a draft's evidence is not found for others", async () => {
    const user = await makeUser("contributor");
    const author = actorOf(user);
    const draft = await makeClaim({ status: "draft", authorId: user.id });
    await expect(getEvidenceAnnotations(db(), null, { claimId: draft.id })).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
    const own = JSON.parse((await getEvidenceAnnotations(db(), author, { claimId: draft.id })).body);
    expect(own.total).toBe(0);
  });

  it("codePointSpan leaves BMP text alone and counts astral characters once", () => {
    expect(codePointSpan("abc def", 4, 7)).toEqual({ start: 4, end: 7 });
    expect(codePointSpan("😀 abc", 3, 6)).toEqual({ start: 2, end: 5 });
  });
});

function codePointsToUnits(text: string, start: number, end: number) {
  const points = [...text];
  const before = points.slice(0, start).join("").length;
  return { start: before, end: before + points.slice(start, end).join("").length };
}
