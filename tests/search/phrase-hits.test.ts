import { beforeEach, describe, expect, it } from "vitest";
import { search } from "@/lib/search/queries";
import { searchText } from "@/lib/search/text";
import { makeSource } from "../factories";
import { db, resetDatabase } from "../helpers";

beforeEach(resetDatabase);

const PHRASE = "Stalin ordered Kirov's murder";
const QUIET = "Nothing else in this chapter bears on the matter at hand. ";
const DENSE = "Kirov and Stalin, Stalin and Kirov: a murder, they ordered. ";

// One place holding the phrase, as a paragraph that is one sentence; one in a paragraph of several
// sentences; one early in a paragraph long enough to be cut, whose later sentences repeat the words.
const TEXT = [
  "Many historians write that Stalin ordered Kirov's murder in 1934.",
  "Others disagree. Some say STALIN ordered Kírov’s murder, and others doubt it. The archives are silent.",
  `In his memoir he wrote that Stalin ordered Kirov's murder. ${QUIET.repeat(5)}${DENSE.repeat(5)}`.trim(),
  "Kirov's murder was ordered, some say, and Stalin profited from it.",
].join("\n\n");

type Item = Awaited<ReturnType<typeof search>>["items"][number];

/** Whether the snippet shown holds the phrase, folded the way the search folds text. */
const snippetHoldsPhrase = (item: Item) => ` ${searchText(item.snippet.text)} `.includes(` ${searchText(PHRASE)} `);

describe("a quoted phrase", () => {
  it("shows each place in a text once, whatever the passage kinds that overlap there", async () => {
    const source = await makeSource(TEXT);
    const result = await search(db(), null, { q: `"${PHRASE}"`, kind: "passage" });
    const spans = result.items.map((item) => item.passage!);
    for (const [index, span] of spans.entries()) {
      for (const other of spans.slice(index + 1)) {
        const overlaps = span.start < other.end && other.start < span.end;
        expect(overlaps, `${span.kind} ${span.start}-${span.end} and ${other.kind} ${other.start}-${other.end}`).toBe(
          false,
        );
      }
    }
    // The three places, each once, and the total counts them once too.
    const text = (await db().source.findUniqueOrThrow({ where: { id: source.id } })).text;
    const places = result.items.map((item) => text.slice(item.passage!.start, item.passage!.end));
    expect(places).toHaveLength(3);
    expect(result.total).toBe(3);
    expect(places.some((place) => place.startsWith("Many historians"))).toBe(true);
    expect(places.some((place) => place.startsWith("Some say STALIN"))).toBe(true);
    expect(places.some((place) => place.startsWith("In his memoir"))).toBe(true);
    expect(result.items.every((item) => item.exactPhrase && snippetHoldsPhrase(item))).toBe(true);
  });

  it("labels 'exact phrase' only a snippet that holds the phrase", async () => {
    await makeSource(TEXT);
    for (const level of ["any", "sentence", "paragraph"] as const) {
      for (const q of [`"${PHRASE}"`, PHRASE]) {
        const result = await search(db(), null, { q, kind: "passage", level });
        expect(result.items.length, `${q} ${level}`).toBeGreaterThan(0);
        for (const item of result.items) {
          expect(item.exactPhrase, `${q} ${level}: ${item.snippet.text}`).toBe(snippetHoldsPhrase(item));
        }
      }
    }
    // The long paragraph is found by the phrase, and its snippet shows where.
    const paragraphs = await search(db(), null, { q: `"${PHRASE}"`, kind: "passage", level: "paragraph" });
    // (A paragraph that is one sentence is found as that sentence.)
    expect(paragraphs.items).toHaveLength(2);
    expect(paragraphs.items.every((item) => item.exactPhrase && snippetHoldsPhrase(item))).toBe(true);
  });
});
