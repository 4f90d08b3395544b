import { beforeEach, describe, expect, it } from "vitest";
import { createClaim } from "@/lib/claims/mutations";
import { AppError } from "@/lib/errors";
import { search } from "@/lib/search/queries";
import { makeActor, makePerson, makeSource, SYSTEM_ACTOR } from "../factories";
import { db, resetDatabase } from "../helpers";

beforeEach(resetDatabase);

async function passageTexts(q: string, extra: Record<string, string> = {}) {
  const result = await search(db(), null, { q, kind: "passage", level: "sentence", ...extra });
  return result.items.map((item) => item.snippet.text);
}

describe("full-text search", () => {
  it("ranks the passage holding the exact phrase first, ahead of passages that only share the words", async () => {
    await makeSource(
      [
        "The murder was planned, said Kirov's enemies, and Stalin ordered nothing of the kind at first.",
        "Kirov and Stalin met often; a murder in Leningrad was ordered by nobody they knew.",
        "Many historians write that Stalin ordered Kirov's murder in 1934.",
        "Kirov's murder was ordered, some say, and Stalin profited from it.",
      ].join("\n\n"),
    );
    const result = await search(db(), null, { q: "Stalin ordered Kirov's murder", kind: "passage" });
    expect(result.items.length).toBeGreaterThanOrEqual(3);
    expect(result.items[0]!.snippet.text).toBe("Many historians write that Stalin ordered Kirov's murder in 1934.");
    expect(result.items[0]!.exactPhrase).toBe(true);
    expect(result.items.slice(1).every((item) => !item.exactPhrase)).toBe(true);
    // A quoted phrase finds only the passage holding it.
    expect(await passageTexts('"Stalin ordered Kirov’s murder"')).toEqual([
      "Many historians write that Stalin ordered Kirov's murder in 1934.",
    ]);
  });

  it("matches a quoted phrase with common words exactly, not its words in another order", async () => {
    await makeSource(
      [
        "He wrote about the assassination of Kirov in 1956.",
        "Kirov and the assassination of others were not linked.",
        "The assassination, of which Kirov knew nothing, failed.",
        "On the assassination of Sergei Kirov, nobody spoke.",
      ].join("\n\n"),
    );
    expect(await passageTexts('"the assassination of Kirov"')).toEqual([
      "He wrote about the assassination of Kirov in 1956.",
    ]);
    expect(await passageTexts('"assassination of Sergei Kirov"')).toEqual([
      "On the assassination of Sergei Kirov, nobody spoke.",
    ]);
    expect(await passageTexts('"of the"')).toEqual([]);
  });

  it("folds case, accents and punctuation both ways", async () => {
    await makeSource(
      "János Kádár took power in Budapest.\n\nThe Urząd Bezpieczeństwa was the Polish secret police.\n\nKADAR spoke later.",
    );
    expect((await passageTexts("kadar")).sort()).toEqual(["János Kádár took power in Budapest.", "KADAR spoke later."]);
    expect(await passageTexts("Urzad bezpieczenstwa")).toEqual([
      "The Urząd Bezpieczeństwa was the Polish secret police.",
    ]);
    expect((await passageTexts("KÁDÁR")).sort()).toEqual(["János Kádár took power in Budapest.", "KADAR spoke later."]);
  });

  it("finds Russian names under any common romanization and in Cyrillic", async () => {
    await makeSource(
      "Leonid Nikolaev fired the shot.\n\nNikolayev was arrested at once.\n\nГенрих Ягода возглавлял НКВД.\n\nJagoda was later shot.\n\nEzhov replaced him; Yezhov was in turn replaced.",
    );
    expect((await passageTexts("Nikolayev")).sort()).toEqual([
      "Leonid Nikolaev fired the shot.",
      "Nikolayev was arrested at once.",
    ]);
    expect((await passageTexts("Iagoda")).sort()).toEqual(["Jagoda was later shot.", "Генрих Ягода возглавлял НКВД."]);
    expect(await passageTexts("Yezhov")).toEqual(["Ezhov replaced him; Yezhov was in turn replaced."]);
  });

  it("reads a capitalised word in German, French and Polish romanization too, not a lower-case one", async () => {
    const source = await makeSource(
      "Ezhov replaced him in 1936.\n\nKhrushchev denounced Stalin.\n\nNikolai Yezhov ran the NKVD.\n\nThe school was closed.",
    );
    expect((await passageTexts("Jeschow")).sort()).toEqual([
      "Ezhov replaced him in 1936.",
      "Nikolai Yezhov ran the NKVD.",
    ]);
    expect(await passageTexts("Iejov NKVD")).toEqual(["Nikolai Yezhov ran the NKVD."]);
    expect((await passageTexts("Jeschow's")).sort()).toEqual([
      "Ezhov replaced him in 1936.",
      "Nikolai Yezhov ran the NKVD.",
    ]);
    expect(await passageTexts("Chruschtschow")).toEqual(["Khrushchev denounced Stalin."]);
    expect(await passageTexts("Chruszczow")).toEqual(["Khrushchev denounced Stalin."]);
    // Words are words: the German reading of "schule" is not applied to a lower-case word.
    expect(await passageTexts("jeschow")).toEqual([]);
    const hit = (await search(db(), null, { q: "Jeschow", kind: "passage", level: "sentence" })).items.find((item) =>
      item.snippet.text.startsWith("Nikolai"),
    )!;
    const text = (await db().source.findUniqueOrThrow({ where: { id: source.id } })).text;
    expect(hit.snippet.highlights.map((mark) => text.slice(mark.start, mark.end))).toEqual(["Yezhov"]);
  });

  it("understands prefixes", async () => {
    await makeSource("The Stalinist state grew.\n\nStalin ruled.\n\nA stall sold apples.");
    expect((await passageTexts("Stalin*")).sort()).toEqual(["Stalin ruled.", "The Stalinist state grew."]);
    expect(await passageTexts("Stalin")).toEqual(["Stalin ruled."]);
  });

  it("reads a prefix as a word's beginning, not as a name's ending", async () => {
    await makeSource("The Bolsheviks took power.\n\nRichard wrote it down.\n\nThe archive was sealed.");
    expect(await passageTexts("Bolshev*")).toEqual(["The Bolsheviks took power."]);
    expect(await passageTexts("Rich*")).toEqual(["Richard wrote it down."]);
    expect(await passageTexts("Arch*")).toEqual(["The archive was sealed."]);
  });

  it("filters by kind, source and person, and pages through the results", async () => {
    const first = await makeSource(
      Array.from({ length: 25 }, (_, index) => `Report ${index} names Yagoda again.`).join("\n\n"),
      "Reports",
    );
    await makeSource("Yagoda appears here too.", "Other");
    await makePerson("Genrikh Yagoda", ["Yagoda", "Jagoda"]);
    const page1 = await search(db(), null, {
      q: "Yagoda",
      kind: "passage",
      level: "sentence",
      source: first.id,
      pageSize: 10,
    });
    expect(page1.total).toBe(25);
    expect(page1.items).toHaveLength(10);
    const page3 = await search(db(), null, {
      q: "Yagoda",
      kind: "passage",
      level: "sentence",
      source: first.id,
      pageSize: 10,
      page: 3,
    });
    expect(page3.items).toHaveLength(5);
    const seen = new Set([...page1.items, ...page3.items].map((item) => item.id));
    expect(seen.size).toBe(15);

    const people = await search(db(), null, { q: "Iagoda", kind: "person" });
    expect(people.items.map((item) => item.title)).toEqual(["Genrikh Yagoda"]);

    // The person filter: every spelling of the person, no words needed.
    const mentioning = await search(db(), null, { person: "jagoda", kind: "passage", level: "sentence", pageSize: 50 });
    expect(mentioning.total).toBe(26);
    expect(mentioning.person?.name).toBe("Genrikh Yagoda");
  });

  it("returns snippets with offsets into the source and the matched words marked", async () => {
    const long = `${"Background words fill the paragraph. ".repeat(20)}Here Nikolayev waited in the corridor. ${"More filler follows here. ".repeat(20)}`;
    const source = await makeSource(long);
    const result = await search(db(), null, { q: "Nikolaev", kind: "passage", level: "paragraph" });
    const hit = result.items[0]!;
    const text = (await db().source.findUniqueOrThrow({ where: { id: source.id } })).text;
    expect(hit.snippet.text.length).toBeLessThanOrEqual(300);
    expect(text.slice(hit.snippet.start, hit.snippet.end)).toBe(hit.snippet.text);
    expect(hit.snippet.highlights.map((mark) => text.slice(mark.start, mark.end))).toEqual(["Nikolayev"]);
    expect(hit.url).toContain(`/sources/${source.id}?at=`);
  });

  it("never shows a claim the reader may not see", async () => {
    const contributor = await makeActor("contributor");
    await createClaim(db(), contributor, { statement: "Yagoda poisoned Gorky in secret" });
    expect((await search(db(), null, { q: "Gorky", kind: "claim" })).items).toHaveLength(0);
    expect((await search(db(), contributor, { q: "Gorky", kind: "claim" })).items).toHaveLength(1);
    expect((await search(db(), await makeActor("contributor"), { q: "Gorky", kind: "claim" })).items).toHaveLength(0);
    expect((await search(db(), await makeActor("moderator"), { q: "Gorky", kind: "claim" })).items).toHaveLength(1);
    expect((await search(db(), SYSTEM_ACTOR, { q: "Gorki", kind: "claim" })).items).toHaveLength(1);
  });

  it("refuses bad input naming the field", async () => {
    const refused = async (input: Parameters<typeof search>[2]) => {
      const error = await search(db(), null, input).catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(AppError);
      return (error as AppError).field;
    };
    expect(await refused({ q: "" })).toBe("q");
    expect(await refused({ q: "?!" })).toBe("q");
    expect(await refused({ q: "x".repeat(201) })).toBe("q");
    expect(await refused({ q: "a", kind: "passage,nope" })).toBe("kind");
    expect(await refused({ q: "a", page: "0" })).toBe("page");
    expect(await refused({ q: "a", pageSize: "500" })).toBe("pageSize");
    expect(await refused({ q: "a", level: "word" as "any" })).toBe("level");
    expect(await refused({ q: "a", person: "Nobody Atall" })).toBe("person");
  });

  it("treats operators and quotes in the query as plain words", async () => {
    await makeSource(
      [
        "NEAR the end, AND then OR not.",
        "Not near the door.",
        "The unclosed door stood open.",
        "Ratio a:b was two to one.",
        "Box (x) was empty.",
        "The col:umnist wrote daily.",
        "A column without a colon.",
        "He left a 'quote' in the margin.",
        "The minus sign was missing.",
        "Nothing else here at all.",
      ].join("\n\n"),
    );
    // Each query finds the sentences holding all its words, and only those: read as FTS5 or
    // tsquery syntax, these would fail, match everything, or exclude ("-minus") instead.
    const expected: [string, string[]][] = [
      ["NEAR AND OR NOT", ["NEAR the end, AND then OR not."]],
      ["NEAR OR NOT", ["NEAR the end, AND then OR not."]],
      ['"unclosed', ["The unclosed door stood open."]],
      ["a:b", ["Ratio a:b was two to one."]],
      ["(x", ["Box (x) was empty."]],
      ["col:umn*", ["The col:umnist wrote daily."]],
      ["'quote'", ["He left a 'quote' in the margin."]],
      ["-minus", ["The minus sign was missing."]],
    ];
    for (const [q, texts] of expected) expect(await passageTexts(q), q).toEqual(texts);
    expect((await passageTexts("NOT near")).sort()).toEqual(["NEAR the end, AND then OR not.", "Not near the door."]);
  });
});
