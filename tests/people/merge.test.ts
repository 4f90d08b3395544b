import { beforeEach, describe, expect, it } from "vitest";
import { listSourceMentions } from "@/lib/people/mentions";
import { mergePeople, splitAlias } from "@/lib/people/merge";
import { getPerson, listPersonHistory } from "@/lib/people/queries";
import { search } from "@/lib/search/queries";
import { makeActor, makeClaim, makePerson, makeSource } from "../factories";
import { db, resetDatabase } from "../helpers";

beforeEach(resetDatabase);

async function duplicatePair() {
  const yezhov = await makePerson("Nikolai Yezhov", ["Yezhov"]);
  const dwarf = await makePerson("Bloody Dwarf", ["Nikolai Ivanovich Ezhov"]);
  await db().person.update({
    where: { id: dwarf.id },
    data: { birthDate: "1895-05-01", description: "People's Commissar for Internal Affairs." },
  });
  const source = await makeSource(
    "Nikolai Ivanovich Ezhov headed the NKVD. Yezhov was shot in 1940. The Bloody Dwarf was feared.",
  );
  const both = await makeClaim({ statement: "Yezhov ran the Great Purge.", personIds: [yezhov.id] });
  await db().claimPerson.create({ data: { claimId: both.id, personId: dwarf.id, role: "mentioned" } });
  const onlyDwarf = await makeClaim({ statement: "The Bloody Dwarf was shot in 1940.", personIds: [dwarf.id] });
  return { yezhov, dwarf, source, both, onlyDwarf };
}

describe("merging people", () => {
  it("moves spellings, claims and mentions to the kept person, fills missing facts, and records the merge", async () => {
    const { yezhov, dwarf, source, both, onlyDwarf } = await duplicatePair();
    const mentionsBefore = await listSourceMentions(db(), source.id);
    // "Yezhov" alone goes to the one of the two named in full in the text.
    expect(mentionsBefore).toEqual([
      { slug: dwarf.slug, name: "Bloody Dwarf", spellings: expect.any(Array), count: 3 },
    ]);
    const moderator = await makeActor("moderator");

    await expect(mergePeople(db(), moderator, { into: yezhov.slug, from: yezhov.slug })).rejects.toMatchObject({
      code: "INVALID",
      field: "from",
    });
    await expect(mergePeople(db(), moderator, { into: yezhov.slug, from: "nobody" })).rejects.toMatchObject({
      code: "NOT_FOUND",
      field: "from",
    });
    await expect(
      mergePeople(db(), moderator, { into: yezhov.slug } as unknown as { into: string; from: string }),
    ).rejects.toMatchObject({ code: "INVALID", field: "from" });

    const kept = await mergePeople(db(), moderator, { into: yezhov.slug, from: dwarf.slug });
    expect(kept.slug).toBe(yezhov.slug);
    expect(await db().person.findUnique({ where: { id: dwarf.id } })).toBeNull();

    const person = await getPerson(db(), null, { slug: yezhov.slug });
    expect([...person.aliases].sort()).toEqual(["Bloody Dwarf", "Nikolai Ivanovich Ezhov", "Yezhov"]);
    expect(person).toMatchObject({ birthDate: "1895-05-01", description: "People's Commissar for Internal Affairs." });
    expect(person.claims.map((claim) => [claim.statement, claim.role]).sort()).toEqual([
      ["The Bloody Dwarf was shot in 1940.", "subject"],
      ["Yezhov ran the Great Purge.", "subject"],
    ]);
    expect(await db().claimPerson.count({ where: { claimId: { in: [both.id, onlyDwarf.id] } } })).toBe(2);

    const [mention] = await listSourceMentions(db(), source.id);
    expect(mention!.name).toBe("Nikolai Yezhov");
    expect(mention!.count).toBe(mentionsBefore.reduce((sum, entry) => sum + entry.count, 0));

    // The old page's names still lead to the person, and search finds them by any spelling.
    expect((await getPerson(db(), null, { slug: "Bloody Dwarf" })).slug).toBe(yezhov.slug);
    const found = await search(db(), null, { q: "Ezhov", kind: "person" });
    expect(found.items.map((item) => item.person?.slug ?? item.title)).toContain(yezhov.slug);

    const history = await listPersonHistory(db(), yezhov.id);
    expect(history.map((entry) => entry.action)).toEqual(["person.merge", "person.create", "person.create"]);
    expect(history[0]!.summary).toContain("Bloody Dwarf");
    const audit = await db().auditEvent.findFirstOrThrow({ where: { action: "person.merge" } });
    expect(JSON.parse(audit.data).merged).toMatchObject({
      id: dwarf.id,
      aliases: expect.arrayContaining(["Nikolai Ivanovich Ezhov"]),
      claims: expect.any(Array),
    });
  });

  it("turns a surname the two shared from ambiguous into the merged person's", async () => {
    const first = await makePerson("Alexander Orlov");
    const second = await makePerson("Aleksandr Orlov");
    const source = await makeSource("Orlov defected in 1938.");
    expect(await listSourceMentions(db(), source.id)).toEqual([]);
    await mergePeople(db(), await makeActor("moderator"), { into: first.slug, from: second.slug });
    expect(await listSourceMentions(db(), source.id)).toEqual([
      { slug: first.slug, name: "Alexander Orlov", spellings: ["Orlov"], count: 1 },
    ]);
  });
});

describe("splitting a spelling off", () => {
  it("makes the spelling a person of its own with its mentions, and records it on both", async () => {
    const { yezhov, dwarf, source } = await duplicatePair();
    const moderator = await makeActor("moderator");
    await mergePeople(db(), moderator, { into: yezhov.slug, from: dwarf.slug });

    await expect(splitAlias(db(), moderator, { person: yezhov.slug, alias: "Nikolai Yezhov" })).rejects.toMatchObject({
      code: "INVALID",
      field: "alias",
    });
    await expect(splitAlias(db(), moderator, { person: yezhov.slug, alias: "Lavrentiy Beria" })).rejects.toMatchObject({
      code: "NOT_FOUND",
      field: "alias",
    });

    const created = await splitAlias(db(), moderator, { person: yezhov.slug, alias: "Bloody Dwarf" });
    expect(created.name).toBe("Bloody Dwarf");
    expect([...(await getPerson(db(), null, { slug: yezhov.slug })).aliases].sort()).toEqual([
      "Nikolai Ivanovich Ezhov",
      "Yezhov",
    ]);
    const mentions = await listSourceMentions(db(), source.id);
    expect(mentions.find((mention) => mention.slug === created.slug)).toMatchObject({
      spellings: ["Bloody Dwarf"],
      count: 1,
    });
    expect([...mentions.find((mention) => mention.slug === yezhov.slug)!.spellings].sort()).toEqual([
      "Nikolai Ivanovich Ezhov",
      "Yezhov",
    ]);
    expect((await listPersonHistory(db(), yezhov.id))[0]!.summary).toContain("“Bloody Dwarf” split off");
  });
});
