// The person page's data (lib/people/page.ts): one read per reader, remembered until the next write.
import { beforeEach, describe, expect, it } from "vitest";
import { publicReadCache } from "@/lib/cache/public-reads";
import { getPersonPage } from "@/lib/people/page";
import { makeActor, makeClaim, makePerson, makeSource } from "../factories";
import { db, resetDatabase, tableSnapshot } from "../helpers";

beforeEach(async () => {
  await resetDatabase();
  publicReadCache().clear();
});

describe("getPersonPage", () => {
  it("holds the person, the claims about them with their lines, the sources naming them and their history", async () => {
    const kirov = await makePerson("Sergei Kirov", ["Sergey Kirov"]);
    const other = await makePerson("Leonid Nikolaev");
    const source = await makeSource("Sergey Kirov was shot in the Smolny.\n\nKirov had led Leningrad since 1926.");
    const claim = await makeClaim({ statement: "Kirov was shot in the Smolny", personIds: [kirov.id] });
    await makeClaim({ statement: "A draft about Kirov", status: "draft", personIds: [kirov.id] });

    const page = await getPersonPage(db(), null, { slug: "sergey-kirov" });
    expect(page.person).toMatchObject({ id: kirov.id, name: "Sergei Kirov", aliases: ["Sergey Kirov"] });
    // Drafts are not for anonymous readers, here as on the claim list.
    expect(page.person.claims.map((item) => item.id)).toEqual([claim.id]);
    expect(page.lines.get(claim.id)).toEqual({
      supports: { lines: 0, passages: 0 },
      contradicts: { lines: 0, passages: 0 },
    });
    expect(page.sources).toEqual([expect.objectContaining({ id: source.id, count: 2 })]);
    expect(page.history.map((entry) => entry.action)).toEqual(["person.create"]);
    // Only those who may merge get the other people to merge with, never the person themselves.
    expect(page.others).toEqual([]);
    const moderator = await makeActor("moderator");
    const forModerator = await getPersonPage(db(), moderator, { slug: kirov.slug });
    expect(forModerator.others.map((person) => person.id)).toEqual([other.id]);
  });

  it("is remembered for each reader until the next write, which the next read shows", async () => {
    const kirov = await makePerson("Sergei Kirov");
    const viewer = await makeActor("viewer");
    const first = await getPersonPage(db(), viewer, { slug: kirov.slug });
    expect(first.person.claims).toEqual([]);
    expect(await getPersonPage(db(), viewer, { slug: kirov.slug })).toBe(first);

    const claim = await makeClaim({ statement: "Kirov was popular in Leningrad", personIds: [kirov.id] });
    const after = await getPersonPage(db(), viewer, { slug: kirov.slug });
    expect(after.person.claims.map((item) => item.id)).toEqual([claim.id]);
  });

  it("refuses a person nobody has, an empty, huge or hostile name, naming the field, and keeps nothing", async () => {
    await makePerson("Sergei Kirov");
    const viewer = await makeActor("viewer");
    const before = await tableSnapshot();
    for (const actor of [null, viewer]) {
      await expect(getPersonPage(db(), actor, { slug: "nobody-at-all" })).rejects.toMatchObject({ code: "NOT_FOUND" });
      await expect(getPersonPage(db(), actor, { slug: '<script>alert("x")</script>' })).rejects.toMatchObject({
        code: "NOT_FOUND",
      });
      await expect(getPersonPage(db(), actor, { slug: "   " })).rejects.toMatchObject({
        code: "INVALID",
        field: "slug",
      });
      await expect(getPersonPage(db(), actor, { slug: "k".repeat(100_000) })).rejects.toMatchObject({
        code: "INVALID",
        field: "slug",
      });
      await expect(getPersonPage(db(), actor, {})).rejects.toMatchObject({ code: "INVALID", field: "slug" });
    }
    expect(await tableSnapshot()).toEqual(before);
    expect(publicReadCache().size).toBe(0);
  });
});
