// How many statements a hot read sends to the database on a miss (nothing in memory): each is a round
// trip on a team's PostgreSQL, where the network sits between the app and the data (issue 12 asks for
// at most three). Counted, not timed: a count does not depend on the machine.
import { afterAll, beforeEach, describe, expect, it } from "vitest";
import { publicReadCache } from "@/lib/cache/public-reads";
import { getClaim, listClaims } from "@/lib/claims/queries";
import { createDb, getDatabaseKind } from "@/lib/db";
import { getPerson } from "@/lib/people/queries";
import { search } from "@/lib/search/queries";
import { actorOf, makeActor, makeClaim, makePerson, makeSource, makeUser } from "../factories";
import { db, resetDatabase, tableSnapshot } from "../helpers";

const statements: string[] = [];
const counted = createDb(undefined, { onQuery: (statement) => statements.push(statement) });
afterAll(() => counted.$disconnect());

/** The statements `read` sent, from a cold cache. */
async function statementsOf(read: () => Promise<unknown>): Promise<string[]> {
  publicReadCache().clear();
  statements.length = 0;
  await read();
  return [...statements];
}

const postgres = getDatabaseKind() === "postgres";

beforeEach(async () => {
  await resetDatabase();
  const kirov = await makePerson("Sergei Kirov", ["Sergey Kirov"]);
  await makeSource();
  await makeSource("Kirov was popular in Leningrad.\n\nHis murder led to the purges.", "Kirov in Leningrad");
  await makeClaim({ statement: "Stalin ordered Kirov's murder", personIds: [kirov.id] });
  await makeClaim({ statement: "Kirov was shot by Nikolaev", personIds: [kirov.id] });
});

describe("search", () => {
  it("finds passages, claims, people and sources, with what a results page shows of each, in one statement besides the cache's token", async () => {
    let result: Awaited<ReturnType<typeof search>> | undefined;
    const sent = await statementsOf(async () => {
      result = await search(counted, null, { q: "Kirov" });
    });
    expect(new Set(result!.items.map((item) => item.kind))).toEqual(new Set(["passage", "claim", "person", "source"]));
    // The cache's token, then the ranked page with its details.
    expect(sent).toHaveLength(2);
  });

  it("reads the person of a person filter first, and counts the matches for a page past the last", async () => {
    const member = await makeActor("viewer");
    // A member is never served from memory: no token, the reads themselves. The person and their
    // spellings are one joined statement on PostgreSQL, two on SQLite.
    const filtered = await statementsOf(() => search(counted, member, { q: "murder", person: "sergei-kirov" }));
    expect(filtered.length).toBeLessThanOrEqual(3);
    expect(await statementsOf(() => search(counted, member, { q: "Kirov", page: 40 }))).toHaveLength(2);
  });
});

// SQLite runs in the app's process: a statement there is a function call, not a round trip, and Prisma
// does not join relations on it (decision 0026), so these budgets are PostgreSQL's.
describe.runIf(postgres)("PostgreSQL: a claim, the claim list and a person", () => {
  it.each([
    ["a claim", () => getClaim(counted, null, { claimId: "stalin-ordered-kirovs-murder" })],
    ["the claim list", () => listClaims(counted, null, {})],
    ["a person", () => getPerson(counted, null, { slug: "sergei-kirov" })],
  ])("%s in at most three statements, the cache's token included", async (_name, read) => {
    expect((await statementsOf(read)).length).toBeLessThanOrEqual(3);
  });
});

describe("search's details, read in the ranked statement", () => {
  it("carry a hostile statement as text, keep another member's draft from others, and refuse bad pages by name without keeping anything", async () => {
    const hostile = `<script>alert("Kirov")</script><img src=x onerror=alert(1)> Kirov`;
    const published = await makeClaim({ statement: hostile });
    const authorUser = await makeUser("contributor");
    const author = actorOf(authorUser);
    const draft = await makeClaim({ statement: "Kirov knew his killer", status: "draft", authorId: authorUser.id });
    const other = await makeActor("contributor");

    const found = await search(counted, null, { q: "Kirov", kind: "claim" });
    const item = found.items.find((hit) => hit.id === published.id);
    expect(item).toMatchObject({ title: hostile, url: `/claims/${published.slug}`, claim: { status: "published" } });
    expect(found.items.some((hit) => hit.id === draft.id)).toBe(false);
    expect((await search(counted, other, { q: "Kirov", kind: "claim" })).items.some((hit) => hit.id === draft.id)).toBe(
      false,
    );
    expect((await search(counted, author, { q: "Kirov", kind: "claim" })).items.map((hit) => hit.id)).toContain(
      draft.id,
    );

    publicReadCache().clear();
    const before = await tableSnapshot();
    await expect(search(counted, null, { q: "" })).rejects.toMatchObject({ code: "INVALID", field: "q" });
    await expect(search(counted, null, { q: "k".repeat(10_000) })).rejects.toMatchObject({
      code: "INVALID",
      field: "q",
    });
    await expect(search(counted, null, { q: "Kirov", page: 0 })).rejects.toMatchObject({
      code: "INVALID",
      field: "page",
    });
    await expect(search(counted, null, { q: "Kirov", page: 51, pageSize: 20 })).rejects.toMatchObject({
      code: "INVALID",
      field: "page",
    });
    await expect(search(counted, null, { q: "Kirov", kind: "claim,<b>" })).rejects.toMatchObject({
      code: "INVALID",
      field: "kind",
    });
    expect((await search(counted, null, { q: "Kirov", source: "no-such-source" })).items).toEqual([]);
    expect(await tableSnapshot()).toEqual(before);
  });

  it("leave out a hit whose row is gone since it was indexed", async () => {
    const person = await makePerson("Grigory Zinoviev");
    // The person's row gone, its search document left behind (as between a delete and its re-index).
    await db().personAlias.deleteMany({ where: { personId: person.id } });
    await db().$executeRawUnsafe(`DELETE FROM "Person" WHERE "id" = '${person.id}'`);
    const left = await db().searchDocument.count({ where: { kind: "person", refId: person.id } });
    const result = await search(counted, null, { q: "Zinoviev", kind: "person" });
    expect(result.items.some((hit) => hit.id === person.id)).toBe(false);
    // Meaningful only while the document outlived its row.
    expect(left).toBe(1);
  });
});
