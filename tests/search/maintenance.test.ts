import { beforeEach, describe, expect, it } from "vitest";
import { mergeClaims } from "@/lib/claims/merge";
import { listSourceMentions } from "@/lib/people/mentions";
import { ensureSearchIndex, SEARCH_KEY_VERSION } from "@/lib/search/maintenance";
import { search } from "@/lib/search/queries";
import { makeActor, makeClaim, makePerson, makeSource } from "../factories";
import { db, resetDatabase } from "../helpers";

beforeEach(resetDatabase);

describe("search index maintenance at start", () => {
  it("indexes what was stored before search existed, re-folds after the folding changed, and scans for people again", async () => {
    const source = await makeSource("Fyodor Medved headed the Leningrad NKVD.\n\nMedved was later shot.");
    const claim = await makeClaim({ statement: "Medved knew of the plot" });
    const person = await makePerson("Filipp Medved", ["Medved"]);
    // As a database from before the search index and the current folding would be.
    await db().searchDocument.deleteMany({
      where: { OR: [{ kind: "claim" }, { kind: "source" }, { kind: "person" }, { sourceId: source.id }] },
    });
    await db().personAlias.updateMany({ where: { personId: person.id }, data: { key: "stale" } });
    await db().personMention.deleteMany({});
    await db().setting.upsert({
      where: { key: "search.keyVersion" },
      create: { key: "search.keyVersion", value: "1" },
      update: { value: "1" },
    });
    expect((await search(db(), null, { q: "Medved" })).total).toBe(0);

    const result = await ensureSearchIndex(db());
    expect(result.indexed).toBeGreaterThanOrEqual(5);
    expect(result.rescanned).toBe(1);
    const found = await search(db(), null, { q: "Medved" });
    expect(found.items.map((item) => item.kind).sort()).toEqual(["claim", "passage", "passage", "person"]);
    expect(found.items.find((item) => item.kind === "claim")!.id).toBe(claim.id);
    expect(
      (await db().personAlias.findMany({ where: { personId: person.id } })).every((alias) => alias.key !== "stale"),
    ).toBe(true);
    expect((await listSourceMentions(db(), source.id)).map((mention) => mention.name)).toEqual(["Filipp Medved"]);
    expect((await db().setting.findUniqueOrThrow({ where: { key: "search.keyVersion" } })).value).toBe(
      SEARCH_KEY_VERSION,
    );

    // Up to date: nothing to do.
    expect(await ensureSearchIndex(db())).toEqual({ indexed: 0, refolded: 0, rescanned: 0 });
  });

  it("leaves a claim merged into another out of the index, as the merge did", async () => {
    const duplicate = await makeClaim({ statement: "Medved knew of the plot in advance" });
    const kept = await makeClaim({ statement: "Medved knew about the plot" });
    await mergeClaims(db(), await makeActor("moderator"), { into: kept.id, from: duplicate.id });
    await ensureSearchIndex(db());
    expect(await db().searchDocument.count({ where: { kind: "claim", refId: duplicate.id } })).toBe(0);
    expect(await db().searchDocument.count({ where: { kind: "claim", refId: kept.id } })).toBe(1);
  });
});
