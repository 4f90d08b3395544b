// The reads behind the claim forms' people picker: people by any spelling (saying which spelling
// matched), the people a statement names with the role to offer, and the picker's state when its
// form comes back without JavaScript.
import { beforeEach, describe, expect, it } from "vitest";
import { GET as namedInRoute } from "@/app/api/people/named-in/route";
import { GET as listPeopleRoute } from "@/app/api/people/route";
import { detectMentions } from "@/lib/people/detect";
import { peopleInOrder, roleForNext } from "@/lib/people/named";
import { nameKey } from "@/lib/people/names";
import { loadPeoplePicker } from "@/lib/people/picker";
import { listPeople, peopleNamedIn } from "@/lib/people/queries";
import type { MaybeActor } from "@/lib/permissions";
import { SAMPLE_CLAIMS, SAMPLE_PEOPLE } from "@/prisma/sample/data";
import { makeActor, makePerson } from "../factories";
import { db, resetDatabase } from "../helpers";

beforeEach(resetDatabase);

const BASE = "http://localhost/api";
const EVERYONE = ["anonymous", "viewer", "contributor", "moderator", "admin"] as const;
const actorFor = async (who: (typeof EVERYONE)[number]): Promise<MaybeActor> =>
  who === "anonymous" ? null : makeActor(who);

async function samplePeople() {
  return {
    stalin: await makePerson("Joseph Stalin", ["Stalin", "Dzhugashvili", "Сталин"]),
    kirov: await makePerson("Sergei Kirov", ["Kirov"]),
    borisov: await makePerson("Mikhail Borisov", ["Borisov"]),
    yezhov: await makePerson("Nikolai Yezhov", ["Yezhov"]),
  };
}

describe("listPeople for a type-ahead", () => {
  it("says which spelling matched when it is not the name, under any romanization", async () => {
    const { stalin, yezhov } = await samplePeople();
    const [found] = await listPeople(db(), null, { q: "dzhug" });
    expect(found).toMatchObject({ id: stalin.id, name: "Joseph Stalin", matched: "Dzhugashvili" });
    // The name itself matching, as written or romanized another way: nothing more to say.
    for (const q of ["Jeschow", "Iejov", "Ezhov", "nikolai"]) {
      expect(await listPeople(db(), null, { q }), q).toEqual([
        expect.objectContaining({ id: yezhov.id, matched: null }),
      ]);
    }
    expect((await listPeople(db(), null, { q: "Сталин" }))[0]).toMatchObject({ id: stalin.id, matched: null });
    // Without a search, no spelling matched.
    expect((await listPeople(db(), null)).every((person) => person.matched === null)).toBe(true);
  });

  it("takes the first `limit` by name, and refuses a limit out of range by name", async () => {
    await samplePeople();
    expect((await listPeople(db(), null, { limit: 2 })).map((person) => person.name)).toEqual([
      "Joseph Stalin",
      "Mikhail Borisov",
    ]);
    const body = await (await listPeopleRoute(new Request(`${BASE}/people?q=ov&limit=1`))).json();
    expect(body.items.map((person: { name: string }) => person.name)).toEqual(["Mikhail Borisov"]);
    const refused = await listPeopleRoute(new Request(`${BASE}/people?limit=0`));
    expect(refused.status).toBe(400);
    expect((await refused.json()).error.field).toBe("limit");
  });
});

describe("peopleInOrder (who a statement is about)", () => {
  const person = (id: string, ...names: string[]) => ({
    id,
    aliases: names.map((name) => ({ name, key: nameKey(name) })),
  });
  const people = [
    person("stalin", "Joseph Stalin", "Stalin"),
    person("kirov", "Sergei Kirov", "Kirov"),
    person("borisov", "Mikhail Borisov", "Borisov"),
    person("nikolaev", "Leonid Nikolaev", "Nikolaev"),
  ];
  const roles = (text: string) =>
    peopleInOrder(text, detectMentions(text, people)).map((named) => [named.personId, named.role]);

  it("offers the first person named as the subject and the others as mentioned, in the order named", () => {
    expect(roles("Stalin ordered Kirov's murder")).toEqual([
      ["stalin", "subject"],
      ["kirov", "mentioned"],
    ]);
    expect(roles("Leonid Nikolayev acted alone when he killed Kirov")).toEqual([
      ["nikolaev", "subject"],
      ["kirov", "mentioned"],
    ]);
  });

  it("passes over a possessive: the statement is about whoever acts", () => {
    expect(roles("Kirov's bodyguard Borisov was killed in a staged accident")).toEqual([
      ["kirov", "mentioned"],
      ["borisov", "subject"],
    ]);
    expect(roles("Kirov’s murder suited Stalin’s plans")).toEqual([
      ["kirov", "subject"],
      ["stalin", "mentioned"],
    ]);
  });

  it("finds a name as whole words only, and names nobody in a text without names", () => {
    expect(roles("Kirovsk is a town; Kirov was not from there")).toEqual([["kirov", "subject"]]);
    expect(roles("the murder was ordered from above")).toEqual([]);
  });

  it("marks a surname several people share as ambiguous, offering each of them", () => {
    const twoKirovs = [...people, person("other-kirov", "Ivan Kirov", "Kirov")];
    const text = "Kirov met Stalin";
    const named = peopleInOrder(text, detectMentions(text, twoKirovs));
    expect(named).toEqual([
      { personId: "kirov", surface: "Kirov", start: 0, role: "subject", ambiguous: true },
      { personId: "other-kirov", surface: "Kirov", start: 0, role: "subject", ambiguous: true },
      { personId: "stalin", surface: "Stalin", start: 10, role: "mentioned", ambiguous: false },
    ]);
  });

  it("suggests, for each sample claim, a subject its editors chose, and links nobody they did not", () => {
    const samplePeople = SAMPLE_PEOPLE.map((entry) => person(entry.slug!, entry.name, ...(entry.aliases ?? [])));
    for (const claim of SAMPLE_CLAIMS) {
      const suggested = peopleInOrder(claim.statement, detectMentions(claim.statement, samplePeople));
      const chosen = new Map(claim.people.map((link) => [link.slug, link.role]));
      const subject = suggested.find((named) => named.role === "subject");
      expect(subject && chosen.get(subject.personId), claim.statement).toBe("subject");
      for (const named of suggested)
        expect(chosen.has(named.personId), `${claim.statement}: ${named.personId}`).toBe(true);
    }
  });

  it("gives the first person chosen the subject's role and the next ones mentioned", () => {
    expect(roleForNext([])).toBe("subject");
    expect(roleForNext([{ role: "mentioned" }])).toBe("subject");
    expect(roleForNext([{ role: "subject" }])).toBe("mentioned");
  });
});

describe("peopleNamedIn", () => {
  it("finds the known people a statement names under any spelling, with the role to offer", async () => {
    const { stalin, kirov } = await samplePeople();
    expect(await peopleNamedIn(db(), null, { text: "Dzhugashvili ordered Sergey Kirov's murder" })).toEqual([
      {
        id: stalin.id,
        slug: stalin.slug,
        name: "Joseph Stalin",
        surface: "Dzhugashvili",
        role: "subject",
        ambiguous: false,
      },
      {
        id: kirov.id,
        slug: kirov.slug,
        name: "Sergei Kirov",
        surface: "Sergey Kirov",
        role: "mentioned",
        ambiguous: false,
      },
    ]);
    expect(await peopleNamedIn(db(), null, { text: "Nobody we know" })).toEqual([]);
  });

  it("is public: every role, and anonymous readers, get the same answer", async () => {
    await samplePeople();
    const text = "Stalin ordered Kirov's murder";
    const expected = await peopleNamedIn(db(), null, { text });
    expect(expected).toHaveLength(2);
    for (const who of EVERYONE) expect(await peopleNamedIn(db(), await actorFor(who), { text }), who).toEqual(expected);
  });

  it("refuses a missing, empty or too long text by name", async () => {
    for (const input of [{}, { text: "   " }, { text: "x".repeat(1001) }, { text: 42 }]) {
      await expect(peopleNamedIn(db(), null, input), JSON.stringify(input).slice(0, 40)).rejects.toMatchObject({
        code: "INVALID",
        field: "text",
      });
    }
  });

  it("GET /api/people/named-in answers with items, and 400 naming the parameter", async () => {
    const { stalin } = await samplePeople();
    const response = await namedInRoute(new Request(`${BASE}/people/named-in?text=${encodeURIComponent("Сталин")}`));
    expect(response.status).toBe(200);
    expect((await response.json()).items).toEqual([expect.objectContaining({ id: stalin.id, role: "subject" })]);
    for (const [query, field] of [
      ["", "text"],
      ["?text=", "text"],
      ["?text=Stalin&q=x", "q"],
      ["?text=a&text=b", "text"],
    ]) {
      const refused = await namedInRoute(new Request(`${BASE}/people/named-in${query}`));
      expect(refused.status, query).toBe(400);
      expect((await refused.json()).error.field, query).toBe(field);
    }
  });
});

describe("loadPeoplePicker", () => {
  it("starts from the claim's people and statement, offering only the named people not chosen", async () => {
    const { stalin, kirov, borisov } = await samplePeople();
    const picker = await loadPeoplePicker(db(), null, {
      params: {},
      current: {
        statement: "Stalin ordered Kirov's murder",
        people: [{ personId: kirov.id, name: "Sergei Kirov", role: "mentioned" }],
      },
    });
    expect(picker).toMatchObject({
      statement: "Stalin ordered Kirov's murder",
      chosen: [{ id: kirov.id, name: "Sergei Kirov", role: "mentioned" }],
      named: [expect.objectContaining({ id: stalin.id, role: "subject" })],
      query: "",
      matches: null,
      roundTrip: false,
    });
    // Subjects first, then by name.
    const ordered = await loadPeoplePicker(db(), null, {
      current: {
        statement: "",
        people: [
          { personId: kirov.id, role: "mentioned" },
          { personId: borisov.id, role: "mentioned" },
          { personId: stalin.id, role: "subject" },
        ],
      },
    });
    expect(ordered.chosen.map((person) => person.name)).toEqual(["Joseph Stalin", "Mikhail Borisov", "Sergei Kirov"]);
    // A new claim: nothing chosen, nothing named.
    expect(await loadPeoplePicker(db(), null, {})).toMatchObject({ chosen: [], named: [], roundTrip: false });
  });

  it("reads the form back from a round trip without JavaScript: chosen, removed, added and searched", async () => {
    const { stalin, kirov, borisov, yezhov } = await samplePeople();
    const picker = await loadPeoplePicker(db(), null, {
      params: {
        statement: "Stalin ordered Kirov's murder",
        [`person:${kirov.id}`]: "mentioned",
        // "not linked": removed.
        [`person:${borisov.id}`]: "",
        "person:no-such-person": "subject",
        "person:<bad id>": "subject",
        peopleAdd: `${yezhov.id}:subject`,
        peopleQuery: "  dzhugashvili ",
        $ACTION_REF_1: "",
      },
      // Ignored on a round trip: the URL holds what the form held.
      current: { statement: "Something else", people: [{ personId: borisov.id, role: "subject" }] },
    });
    expect(picker.roundTrip).toBe(true);
    expect(picker.statement).toBe("Stalin ordered Kirov's murder");
    expect(picker.chosen).toEqual([
      { id: kirov.id, name: "Sergei Kirov", role: "mentioned" },
      { id: yezhov.id, name: "Nikolai Yezhov", role: "subject" },
    ]);
    expect(picker.named.map((person) => person.id)).toEqual([stalin.id]);
    expect(picker.query).toBe("dzhugashvili");
    expect(picker.matches).toEqual([expect.objectContaining({ id: stalin.id, matched: "Dzhugashvili" })]);

    // An added person without a valid role gets the next role; one already chosen is not added twice.
    const again = await loadPeoplePicker(db(), null, {
      params: { [`person:${kirov.id}`]: "subject", peopleAdd: `${kirov.id}:mentioned` },
    });
    expect(again.chosen).toEqual([{ id: kirov.id, name: "Sergei Kirov", role: "subject" }]);
    const next = await loadPeoplePicker(db(), null, {
      params: { [`person:${kirov.id}`]: "subject", peopleAdd: `${stalin.id}:boss` },
    });
    expect(next.chosen.map((person) => person.role)).toEqual(["subject", "mentioned"]);
  });

  it("a search alone is a round trip, and a long query is cut to what the search takes", async () => {
    await samplePeople();
    const picker = await loadPeoplePicker(db(), null, { params: { peopleQuery: "q".repeat(500), peopleFind: "1" } });
    expect(picker).toMatchObject({ roundTrip: true, query: "q".repeat(200), matches: [] });
  });
});
