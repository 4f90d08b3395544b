// Who a passage names as its informant, and which passages of a claim may share one origin
// (lib/evidence/informants.ts): varied phrasings, names nobody has entered as people, known people
// under several spellings, and the words that name nobody.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { findInformants, type KnownInformant, suggestOrigins } from "@/lib/evidence/informants";
import { nameKey } from "@/lib/people/names";
import { hostileText, PROPERTY_RUNS } from "../hostile-text";

const informant = (text: string) => findInformants(text)[0]?.name ?? null;

describe("findInformants", () => {
  it.each([
    ["According to Alexander Orlov, Stalin then ordered Yagoda to arrange the assassination.", "Alexander Orlov"],
    ["according to Orlov, Nikolayev had allegedly expressed a desire to kill.", "Orlov"],
    ["Orlov claimed that Stalin had personally ordered the killing.", "Orlov"],
    ["Orlov wrote that the order came from the Kremlin.", "Orlov"],
    ["In Orlov's account, the friend was later shot.", "Orlov"],
    ["In Orlov’s own account the friend was later shot.", "Orlov"],
    ["As Orlov recalled, the order came from above.", "Orlov"],
    ["as Walter Krivitsky later recalled, nobody dared ask.", "Walter Krivitsky"],
    ["Orlov, who defected in 1938, later wrote that Yagoda knew.", "Orlov"],
    ["“The order came from above,” recalled Orlov.", "Orlov"],
    ["The memoirs of Walter Krivitsky describe the same meeting.", "Walter Krivitsky"],
    ["According to the testimony of Zaporozhets, the guards were withdrawn.", "Zaporozhets"],
    ["Krivitsky's memoirs say so.", "Krivitsky"],
    ["In December 1934 Orlov claimed the opposite.", "Orlov"],
    ["Nikolayev claimed that he wanted to get revenge on Kirov.", "Nikolayev"],
    ["Conquest concluded, “There was no motive for anyone but Stalin to kill Kirov.”", "Conquest"],
    ["Knight is sure that the NKVD would not have acted without the consent of Stalin.", "Knight"],
    ["As former Soviet official Alexander Barmine noted, the negligence was without precedent.", "Alexander Barmine"],
    ["According to A. M. Larina, her husband never doubted it.", "A. M. Larina"],
    ["According to Ludwig von Mises, prices tell.", "Ludwig von Mises"],
    ["Selon Khrouchtchev — or so Khrouchtchev insisted in 1956 — it was planned.", "Khrouchtchev"],
    ["Nikita Khrushchev testified that the investigation was obstructed.", "Nikita Khrushchev"],
    ["Согласно источнику, Ежов claimed nothing.", "Ежов"],
  ])("%s → %s", (text, name) => {
    expect(informant(text)).toBe(name);
  });

  it.each([
    "According to Soviet sources, Nikolaev acted alone.",
    "Historians claimed otherwise.",
    "He said nothing of the kind.",
    "Some historians hold that Stalin ordered the murder.",
    "Others say Nikolaev acted alone.",
    "Stalin could not have ordered Kirov’s assassination because the two were close friends.",
    "Stalin ordered Yagoda to replace Medved.",
    "the memoirs reported that Stalin was unpopular.",
    "It has also been rejected by Soviet and some Russian historians.",
    "In December the court claimed jurisdiction.",
  ])("names nobody in: %s", (text) => {
    expect(findInformants(text)).toEqual([]);
  });

  it("puts a framing cue before a reporting verb: in “Nikolayev claimed, according to Orlov, …” the account is Orlov's", () => {
    expect(informant("Nikolayev claimed, according to Orlov, that the friend had a gun.")).toBe("Orlov");
    const found = findInformants("According to Orlov, Nikolayev claimed that he acted alone.");
    expect(found.map((entry) => [entry.name, entry.cue])).toEqual([
      ["Orlov", "according to"],
      ["Nikolayev", "reporting verb"],
    ]);
  });

  it("gives where the name is and the words that make it a report", () => {
    const text = "Much later, according to Alexander Orlov, Stalin gave the order.";
    const [found] = findInformants(text);
    expect(text.slice(found!.start, found!.end)).toBe("Alexander Orlov");
    expect(found!.phrase).toBe("according to Alexander Orlov");
    expect(found!.cue).toBe("according to");
  });

  it("never fails on hostile text, and every name it finds is where it says", () => {
    fc.assert(
      fc.property(hostileText, (text) => {
        for (const found of findInformants(text)) {
          expect(text.slice(found.start, found.end)).toBe(found.name);
          expect(found.name.trim()).toBe(found.name);
        }
      }),
      { numRuns: PROPERTY_RUNS },
    );
  });

  it("reads long runs of capitals and names in linear time", () => {
    const started = performance.now();
    findInformants("A".repeat(200_000));
    findInformants("Aaaa Bbbb ".repeat(20_000));
    findInformants(`According to ${"Orlov ".repeat(20_000)}`);
    findInformants(`Orlov, ${"x".repeat(100_000)}`);
    expect(performance.now() - started).toBeLessThan(2_000);
  });
});

const person = (id: string, name: string, aliases: string[] = []): KnownInformant => ({
  id,
  name,
  aliases: [name, ...aliases].map((alias) => ({ name: alias, key: nameKey(alias) })),
});

describe("suggestOrigins", () => {
  const passages = [
    {
      evidenceId: "a",
      text: "According to Alexander Orlov, Stalin then ordered Yagoda to arrange it.",
      originId: null,
    },
    { evidenceId: "b", text: "Knight is sure that the NKVD would not have acted without Stalin.", originId: null },
    { evidenceId: "c", text: "According to Orlov, the friend was later shot on Stalin's orders.", originId: null },
    { evidenceId: "d", text: "Orlov claimed that Medved was kept out of it.", originId: null },
    { evidenceId: "e", text: "The Supreme Court ruled that Nikolayev acted alone.", originId: null },
  ];

  it("offers the passages naming one informant, under any phrasing, with a name for their origin", () => {
    const [orlov, ...rest] = suggestOrigins(passages);
    expect(rest).toEqual([]);
    expect(orlov).toMatchObject({
      informant: "Alexander Orlov",
      evidenceIds: ["a", "c", "d"],
      originId: null,
      suggestedName: "Alexander Orlov's account",
    });
    expect(orlov!.passages.map((passage) => passage.phrase)).toEqual([
      "According to Alexander Orlov",
      "According to Orlov",
      "Orlov claimed",
    ]);
  });

  it("works for names it has never seen: any capitalised name near a reporting cue, spellings of one surname joined", () => {
    const suggestions = suggestOrigins([
      { evidenceId: "1", text: "According to Vasily Mitrokhin, the file was burnt.", originId: null },
      { evidenceId: "2", text: "In Mitrokhin's account the file survived in a copy.", originId: null },
      { evidenceId: "3", text: "Nikolayev claimed that he acted for his honour.", originId: null },
      { evidenceId: "4", text: "Nikolaev wrote in his diary that he would strike.", originId: null },
      { evidenceId: "5", text: "As Pavel Sudoplatov recalled, orders came by telephone.", originId: null },
    ]);
    // As many passages each: by name.
    expect(suggestions.map((suggestion) => [suggestion.informant, suggestion.evidenceIds])).toEqual([
      ["Nikolayev", ["3", "4"]],
      ["Vasily Mitrokhin", ["1", "2"]],
    ]);
  });

  it("joins a known person's spellings, and keeps two people who share a surname apart", () => {
    const people = [
      person("p-orlov", "Alexander Orlov", ["Orlov", "Aleksandr Orlov"]),
      person("p-vorlov", "Vladimir Orlov"),
    ];
    const suggestions = suggestOrigins(
      [
        { evidenceId: "1", text: "According to Aleksandr Orlov, Stalin knew.", originId: null },
        { evidenceId: "2", text: "Alexander Orlov wrote that Yagoda was told.", originId: null },
        { evidenceId: "3", text: "Vladimir Orlov claimed the opposite.", originId: null },
        { evidenceId: "4", text: "According to Vladimir Orlov, it was an accident.", originId: null },
      ],
      people,
    );
    expect(
      suggestions.map((suggestion) => [suggestion.informant, suggestion.personId, suggestion.evidenceIds]),
    ).toEqual([
      ["Alexander Orlov", "p-orlov", ["1", "2"]],
      ["Vladimir Orlov", "p-vorlov", ["3", "4"]],
    ]);
  });

  it("a surname alone joins the one known person who carries it among the passages", () => {
    const people = [person("p-orlov", "Alexander Orlov"), person("p-vorlov", "Vladimir Orlov")];
    const [suggestion] = suggestOrigins(
      [
        { evidenceId: "1", text: "According to Alexander Orlov, Stalin knew.", originId: null },
        { evidenceId: "2", text: "According to Orlov, Yagoda was told.", originId: null },
      ],
      people,
    );
    expect(suggestion).toMatchObject({ informant: "Alexander Orlov", evidenceIds: ["1", "2"] });
  });

  it("does not take an institution named after a person for the person", () => {
    const people = [person("p-kirov", "Sergei Kirov", ["Kirov"])];
    const suggestions = suggestOrigins(
      [
        {
          evidenceId: "1",
          text: "According to the Sergei Kirov Museum, the circumstances remain unknown.",
          originId: null,
        },
        { evidenceId: "2", text: "Kirov said that he feared nobody.", originId: null },
      ],
      people,
    );
    expect(suggestions).toEqual([]);
  });

  it("offers nothing for passages that already share one origin, and the shared origin to join when some do", () => {
    expect(
      suggestOrigins(
        passages.map((passage) => ({
          ...passage,
          originId: ["a", "c", "d"].includes(passage.evidenceId) ? "o1" : null,
        })),
      ),
    ).toEqual([]);
    const [joining] = suggestOrigins(
      passages.map((passage) => ({ ...passage, originId: ["a", "c"].includes(passage.evidenceId) ? "o1" : null })),
    );
    expect(joining).toMatchObject({ evidenceIds: ["a", "c", "d"], originId: "o1" });
  });

  it("a passage naming nobody joins an account the sentence before it begins, but never starts a suggestion", () => {
    const before =
      "However, Kirov intervened. According to Alexander Orlov, Stalin then ordered Yagoda to arrange it. ";
    const continuing = {
      evidenceId: "z",
      text: "Yagoda ordered Medved’s deputy, Vania Zaporozhets, to undertake the job.",
      originId: null,
      before,
    };
    const [suggestion] = suggestOrigins([...passages.slice(0, 2), continuing]);
    expect(suggestion?.evidenceIds).toEqual(["a", "z"]);
    expect(suggestion?.passages.find((passage) => passage.evidenceId === "z")).toMatchObject({ fromContext: true });
    // Alone with its context it is one passage: nothing to group.
    expect(suggestOrigins([continuing, passages[1]!])).toEqual([]);
  });

  it("lists the largest groups first and needs two passages", () => {
    const suggestions = suggestOrigins([
      { evidenceId: "1", text: "Knight remarked that the laws came the same day.", originId: null },
      { evidenceId: "2", text: "According to Knight, revisionists disagree.", originId: null },
      { evidenceId: "3", text: "Orlov claimed one thing.", originId: null },
      { evidenceId: "4", text: "Orlov wrote another.", originId: null },
      { evidenceId: "5", text: "In Orlov's account, a third.", originId: null },
      { evidenceId: "6", text: "Conquest concluded that only Stalin had a motive.", originId: null },
    ]);
    expect(suggestions.map((suggestion) => suggestion.informant)).toEqual(["Orlov", "Knight"]);
  });
});
