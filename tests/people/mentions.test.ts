import { readFileSync } from "node:fs";
import { join } from "node:path";
import { beforeEach, describe, expect, it } from "vitest";
import { detectMentions } from "@/lib/people/detect";
import { listAmbiguousMentions, listSourceMentions, settleMention } from "@/lib/people/mentions";
import { nameKey } from "@/lib/people/names";
import { rescanPeopleInSources } from "@/lib/people/rescan";
import { acceptPersonSuggestion, dismissPersonSuggestion, listPersonSuggestions } from "@/lib/people/suggestions";
import { stripGlosses } from "@/lib/sources/glosses";
import { importSource } from "@/lib/sources/import";
import { SAMPLE_CORPUS_DIR } from "@/prisma/sample/data-paths";
import { makeActor, makePerson, makeSource, SYSTEM_ACTOR } from "../factories";
import { db, resetDatabase } from "../helpers";

beforeEach(resetDatabase);

const person = (id: string, ...names: string[]) => ({
  id,
  aliases: names.map((name) => ({ name, key: nameKey(name) })),
});

describe("name keys", () => {
  it("fold the common romanizations of Russian rather than a list per name", () => {
    const same = [
      ["Nikolaev", "Nikolayev", "Николаев"],
      ["Yagoda", "Iagoda", "Jagoda", "Ягода"],
      ["Yezhov", "Ezhov", "Ezhow", "Ежов"],
      ["Khrushchev", "Khruschev", "Хрущёв"],
      ["Sergei", "Sergey", "Sergy", "Сергей"],
      ["Zinoviev", "Zinovyev"],
      ["Dzerzhinsky", "Dzerzhinski", "Dzerjinsky"],
      ["Fyodor", "Fedor", "Fëdor", "Фёдор"],
      ["Pyotr", "Petr", "Пётр"],
    ];
    for (const spellings of same)
      expect(new Set(spellings.map(nameKey)), spellings.join("/")).toHaveProperty("size", 1);
    expect(nameKey("Kirov")).not.toBe(nameKey("Kamenev"));
    expect(nameKey("Ivanov")).not.toBe(nameKey("Ivanova"));
  });
});

describe("mention detection", () => {
  const people = [
    person("kirov", "Sergei Kirov"),
    person("nikolaev", "Leonid Nikolaev"),
    person("yezhov", "Nikolai Yezhov", "Ezhov"),
  ];

  it("finds full names and surnames under any transliteration, counting each spelling", () => {
    const found = detectMentions(
      "Sergey Kirov was shot by Leonid Nikolayev. Nikolayev and Nikolaev are the same man; Ezhow wrote later. Kirov's widow grieved.",
      people,
    );
    expect(found).toEqual(
      expect.arrayContaining([
        { personId: "kirov", surface: "Sergey Kirov", count: 1, status: "attached" },
        { personId: "kirov", surface: "Kirov", count: 1, status: "attached" },
        { personId: "nikolaev", surface: "Leonid Nikolayev", count: 1, status: "attached" },
        { personId: "nikolaev", surface: "Nikolayev", count: 1, status: "attached" },
        { personId: "nikolaev", surface: "Nikolaev", count: 1, status: "attached" },
        { personId: "yezhov", surface: "Ezhow", count: 1, status: "attached" },
      ]),
    );
  });

  it("does not take lower-case words or words split by a sentence end for names", () => {
    const found = detectMentions("The kirov district. Leonid. Nikolaev stood.", [
      person("kirov", "Sergei Kirov"),
      person("nikolaev", "Leonid Nikolaev"),
    ]);
    expect(found).toEqual([{ personId: "nikolaev", surface: "Nikolaev", count: 1, status: "attached" }]);
  });

  it("leaves a surname two people share for a human, unless only one of them is named in full in the text", () => {
    const orlovs = [person("alexander", "Alexander Orlov"), person("vladimir", "Vladimir Orlov")];
    expect(detectMentions("Orlov defected in 1938.", orlovs)).toEqual([
      { personId: "alexander", surface: "Orlov", count: 1, status: "ambiguous" },
      { personId: "vladimir", surface: "Orlov", count: 1, status: "ambiguous" },
    ]);
    expect(detectMentions("Alexander Orlov fled to America. Orlov defected in 1938.", orlovs)).toEqual([
      { personId: "alexander", surface: "Alexander Orlov", count: 1, status: "attached" },
      { personId: "alexander", surface: "Orlov", count: 1, status: "attached" },
    ]);
  });
});

describe("mentions in the library", () => {
  it("are found on import, and in earlier sources when the person is added later", async () => {
    const source = await makeSource("Genrikh Yagoda ran the NKVD.\n\nIagoda was tried in 1938. Jagoda confessed.");
    expect(await listSourceMentions(db(), source.id)).toEqual([]);
    await makePerson("Genrikh Yagoda", ["Yagoda"]);
    const [mention] = await listSourceMentions(db(), source.id);
    expect(mention).toMatchObject({ name: "Genrikh Yagoda", count: 3 });
    expect(mention!.spellings.sort()).toEqual(["Genrikh Yagoda", "Iagoda", "Jagoda"]);
  });

  it("keep a moderator's decision on a shared surname across rescans, and the decision is audited", async () => {
    const alexander = await makePerson("Alexander Orlov");
    const vladimir = await makePerson("Vladimir Orlov");
    const source = await makeSource("Orlov defected in 1938. Orlov wrote a book about it.");
    const [ambiguous] = await listAmbiguousMentions(db(), source.id);
    expect(ambiguous!.surface).toBe("Orlov");
    expect(ambiguous!.candidates.map((candidate) => candidate.name).sort()).toEqual([
      "Alexander Orlov",
      "Vladimir Orlov",
    ]);
    expect(ambiguous!.sentences).toHaveLength(2);
    expect(await listSourceMentions(db(), source.id)).toEqual([]);

    const moderator = await makeActor("moderator");
    await expect(
      settleMention(db(), moderator, { sourceId: source.id, surface: "Orlov", personId: "someone-else" }),
    ).rejects.toMatchObject({ code: "INVALID", field: "personId" });
    await settleMention(db(), moderator, { sourceId: source.id, surface: "Orlov", personId: alexander.id });
    await rescanPeopleInSources(db(), moderator, { sourceId: source.id });
    expect(await listAmbiguousMentions(db(), source.id)).toEqual([]);
    expect(await listSourceMentions(db(), source.id)).toEqual([
      { slug: "alexander-orlov", name: "Alexander Orlov", spellings: ["Orlov"], count: 2 },
    ]);
    expect(await db().personMention.findFirst({ where: { personId: vladimir.id } })).toMatchObject({
      status: "rejected",
    });
    expect(await db().auditEvent.count({ where: { action: "mention.settle", entityId: source.id } })).toBe(1);
  });
});

describe("glosses", () => {
  it("are taken out of the sentence they interrupt and kept as evidence", () => {
    const text =
      "Serov served under\nLavrentiy Beria Lavrentiy Pavlovich Beria (; – 23 December 1953) was a Georgian Bolshevik and Soviet politician ...\n, becoming his lieutenant in 1941.";
    const result = stripGlosses(text);
    expect(result.text).toBe("Serov served under Lavrentiy Beria, becoming his lieutenant in 1941.");
    expect(result.glosses).toEqual([
      {
        anchor: "Lavrentiy Beria",
        text: expect.stringContaining("Lavrentiy Pavlovich Beria (; – 23 December 1953) was a Georgian Bolshevik"),
      },
    ]);
  });

  it("stay out of the sample corpus's sentence passages, whose quoted evidence still resolves", async () => {
    const text = readFileSync(join(SAMPLE_CORPUS_DIR, "serov.txt"), "utf8");
    const imported = await importSource(db(), SYSTEM_ACTOR, {
      content: text,
      title: "Ivan Serov",
      url: "https://en.wikipedia.org/wiki/Ivan_Serov",
    });
    const sentences = await db().passage.findMany({
      where: { sourceId: imported.sourceId, kind: "sentence" },
      select: { text: true },
    });
    expect(sentences.some((sentence) => sentence.text.includes("was a Georgian Bolshevik"))).toBe(false);
    expect(sentences.some((sentence) => sentence.text.includes("Viktor Semyonovich Abakumov ("))).toBe(false);
    expect(sentences.some((sentence) => /under Beria as one of his primary lieutenants/.test(sentence.text))).toBe(
      true,
    );
  });
});

describe("suggested people", () => {
  async function importSerov() {
    const text = readFileSync(join(SAMPLE_CORPUS_DIR, "serov.txt"), "utf8");
    return importSource(db(), SYSTEM_ACTOR, {
      content: text,
      title: "Ivan Serov",
      url: "https://en.wikipedia.org/wiki/Ivan_Serov",
    });
  }

  it("offer names nobody matches, with the full name and dates from a gloss, and not common phrases", async () => {
    await makePerson("Ivan Serov", ["Serov"]);
    const { sourceId } = await importSerov();
    const moderator = await makeActor("moderator");
    const suggestions = await listPersonSuggestions(db(), moderator, { sourceId });
    const byName = new Map(suggestions.map((suggestion) => [suggestion.name, suggestion]));
    expect(byName.get("Viktor Semyonovich Abakumov")).toMatchObject({
      birthDate: "1908-04-24",
      deathDate: "1954-12-19",
      spellings: ["Viktor Abakumov"],
    });
    expect(byName.get("Lavrentiy Pavlovich Beria")).toMatchObject({ birthDate: null, deathDate: "1953-12-23" });
    expect(byName.get("Lavrentiy Pavlovich Beria")!.sentences.length).toBeGreaterThan(0);
    expect(byName.get("Lavrentiy Pavlovich Beria")!.sentences.every((sentence) => /Beria/.test(sentence))).toBe(true);
    for (const phrase of ["Soviet Union", "Red Army", "World War II", "Ivan Serov"])
      expect(byName.has(phrase), phrase).toBe(false);
    await expect(listPersonSuggestions(db(), await makeActor("contributor"))).rejects.toMatchObject({
      code: "FORBIDDEN",
    });
  });

  it("become people with their dates and spellings when accepted; dismissed ones are not offered again", async () => {
    const { sourceId } = await importSerov();
    const moderator = await makeActor("moderator");
    const suggestions = await listPersonSuggestions(db(), moderator, { sourceId });
    const beria = suggestions.find((suggestion) => suggestion.name === "Lavrentiy Pavlovich Beria")!;
    const created = await acceptPersonSuggestion(db(), moderator, {
      suggestionId: beria.id,
      name: "Lavrentiy Beria",
      aliases: ["Beria", "Lavrenty Beria"],
    });
    const saved = await db().person.findUniqueOrThrow({ where: { id: created.id }, include: { aliases: true } });
    expect(saved).toMatchObject({ name: "Lavrentiy Beria", deathDate: "1953-12-23" });
    expect(saved.aliases.map((alias) => alias.name).sort()).toEqual([
      "Beria",
      "Lavrentiy Beria",
      "Lavrentiy Pavlovich Beria",
      "Lavrenty Beria",
    ]);
    const mentions = await listSourceMentions(db(), sourceId);
    expect(mentions.find((mention) => mention.name === "Lavrentiy Beria")!.count).toBeGreaterThanOrEqual(5);
    await expect(acceptPersonSuggestion(db(), moderator, { suggestionId: beria.id })).rejects.toMatchObject({
      code: "CONFLICT",
    });

    const abakumov = suggestions.find((suggestion) => suggestion.name === "Viktor Semyonovich Abakumov")!;
    await dismissPersonSuggestion(db(), moderator, { suggestionId: abakumov.id });
    await rescanPeopleInSources(db(), moderator, { sourceId });
    const after = await listPersonSuggestions(db(), moderator, { sourceId });
    expect(after.some((suggestion) => suggestion.name === "Viktor Semyonovich Abakumov")).toBe(false);
    expect(after.some((suggestion) => /Beria/.test(suggestion.name))).toBe(false);
    expect(after.length).toBeGreaterThan(3);
  });
});
