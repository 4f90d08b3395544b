import { beforeEach, describe, expect, it } from "vitest";
import { getClaim, listClaims } from "@/lib/claims/queries";
import { addEvidence } from "@/lib/evidence/mutations";
import { getPerson, listPeople } from "@/lib/people/queries";
import { getSource } from "@/lib/sources/queries";
import { makeActor, makeClaim, makePerson, makeSource } from "../factories";
import { db, resetDatabase } from "../helpers";

beforeEach(resetDatabase);

describe("listClaims", () => {
  it("finds claims by folded words, by any spelling of a person, and by status", async () => {
    const nikolaev = await makePerson("Leonid Nikolaev", ["Nikolayev", "Леонид Николаев"]);
    const stalin = await makePerson("Joseph Stalin", ["Stalin"]);
    await makeClaim({ statement: "Nikolaev acted alone", personIds: [nikolaev.id] });
    await makeClaim({ statement: "Stalin ordered Kirov’s murder", personIds: [stalin.id, nikolaev.id] });
    await makeClaim({ statement: "Kádár met Serov in 1956" });
    await makeClaim({ statement: "Archived claim about Kirov", status: "archived" });

    const statements = async (input: Parameters<typeof listClaims>[2]) =>
      (await listClaims(db(), null, input)).items.map((claim) => claim.statement).sort();

    expect(await statements({ q: "KIROV'S murder" })).toEqual(["Stalin ordered Kirov’s murder"]);
    expect(await statements({ q: "kadar" })).toEqual(["Kádár met Serov in 1956"]);
    expect(await statements({ person: "nikolayev" })).toEqual([
      "Nikolaev acted alone",
      "Stalin ordered Kirov’s murder",
    ]);
    expect(await statements({ person: "ЛЕОНИД николаев" })).toHaveLength(2);
    expect(await statements({ person: "leonid-nikolaev" })).toHaveLength(2);
    expect(await statements({ status: "archived" })).toEqual(["Archived claim about Kirov"]);
    expect(await statements({ person: "Nobody" })).toEqual([]);
  });

  it("paginates with a stable order and reports the totals", async () => {
    for (let index = 0; index < 7; index++) await makeClaim({ statement: `Paged claim ${index}` });
    const first = await listClaims(db(), null, { pageSize: 3, page: 1 });
    const third = await listClaims(db(), null, { pageSize: "3" as never, page: "3" as never });
    expect(first).toMatchObject({ total: 7, totalPages: 3, page: 1, pageSize: 3 });
    expect(first.items).toHaveLength(3);
    expect(third.items).toHaveLength(1);
    const all = [...first.items, ...(await listClaims(db(), null, { pageSize: 3, page: 2 })).items, ...third.items];
    expect(new Set(all.map((claim) => claim.id)).size).toBe(7);
  });

  it("never shows drafts or pending claims to anonymous readers; authors see their own", async () => {
    const author = await makeActor("contributor");
    await makeClaim({ statement: "Public claim" });
    await makeClaim({ statement: "Draft claim", status: "draft", authorId: author.id! });
    await makeClaim({ statement: "Pending claim", status: "pending_review" });
    const titles = async (actor: Parameters<typeof listClaims>[1], status?: "draft") =>
      (await listClaims(db(), actor, { status })).items.map((claim) => claim.statement).sort();
    expect(await titles(null)).toEqual(["Public claim"]);
    expect(await titles(null, "draft")).toEqual([]);
    expect(await titles(author)).toEqual(["Draft claim", "Public claim"]);
    expect(await titles(await makeActor("moderator"))).toEqual(["Draft claim", "Pending claim", "Public claim"]);
    const draft = await db().claim.findFirstOrThrow({ where: { statement: "Draft claim" } });
    await expect(getClaim(db(), null, { claimId: draft.id })).rejects.toMatchObject({ code: "NOT_FOUND" });
  });

  it.each([
    [{ page: 0 }, "page"],
    [{ page: "two" }, "page"],
    [{ pageSize: 101 }, "pageSize"],
    [{ status: "secret" }, "status"],
    [{ q: "x".repeat(201) }, "q"],
  ])("refuses %o naming %s", async (input, field) => {
    await expect(listClaims(db(), null, input as never)).rejects.toMatchObject({ code: "INVALID", field });
  });
});

describe("getClaim, getPerson and getSource", () => {
  it("return evidence with offsets that point at the quoted words, citations and the people", async () => {
    const actor = await makeActor("contributor");
    const source = await makeSource();
    const stalin = await makePerson("Joseph Stalin", ["Stalin", "Iosif Stalin"]);
    const claim = await makeClaim({ statement: "Stalin ordered the murder of Kirov", personIds: [stalin.id] });
    await addEvidence(db(), actor, {
      claimId: claim.id,
      passage: { sourceId: source.id, quote: "Some historians hold that Stalin ordered the murder." },
      stance: "supports",
    });
    await addEvidence(db(), actor, {
      claimId: claim.id,
      passage: { sourceId: source.id, quote: "Nikolaev acted alone" },
      stance: "contradicts",
    });

    const detail = await getClaim(db(), null, { claimId: claim.slug });
    expect(detail.id).toBe(claim.id);
    expect(detail.evidence.map((item) => item.stance)).toEqual(["supports", "contradicts"]);
    for (const item of detail.evidence) {
      expect(source.text.slice(item.passage.start, item.passage.end)).toBe(item.passage.text);
      expect(item.source).toMatchObject({
        sourceId: source.id,
        title: source.title,
        url: "https://example.org/source",
        publishedDate: "1988",
      });
      expect(item.citation).toContain(source.title);
    }

    const person = await getPerson(db(), null, { slug: "iosif stalin" });
    expect(person.slug).toBe("joseph-stalin");
    expect(person.claims.map((entry) => entry.statement)).toEqual(["Stalin ordered the murder of Kirov"]);
    expect((await listPeople(db(), null, { q: "STALIN" })).map((entry) => entry.slug)).toEqual(["joseph-stalin"]);

    const reader = await getSource(db(), null, { sourceId: source.id });
    expect(reader.cited).toHaveLength(2);
    // Three paragraphs (the sample text's two and a unique note) and their sentences.
    expect(reader.passages.filter((passage) => passage.kind === "paragraph")).toHaveLength(3);
    for (const passage of reader.passages) expect(reader.text.slice(passage.start, passage.end)).toBe(passage.text);
  });

  it("say NOT_FOUND for unknown ids", async () => {
    await expect(getClaim(db(), null, { claimId: "missing" })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(getPerson(db(), null, { slug: "missing" })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(getSource(db(), null, { sourceId: "missing" })).rejects.toMatchObject({ code: "NOT_FOUND" });
  });
});
