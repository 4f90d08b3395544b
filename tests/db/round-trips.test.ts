// How many statements a hot read sends to the database on a miss (nothing in memory): each is a round
// trip on a team's PostgreSQL, where the network sits between the app and the data (issue 12 asks for
// at most three). Counted, not timed: a count does not depend on the machine.
import { afterAll, beforeEach, describe, expect, it } from "vitest";
import { publicReadCache } from "@/lib/cache/public-reads";
import { getClaim, listClaims } from "@/lib/claims/queries";
import { createDb, getDatabaseKind } from "@/lib/db";
import { getPerson } from "@/lib/people/queries";
import { search } from "@/lib/search/queries";
import { makeActor, makeClaim, makePerson, makeSource } from "../factories";
import { resetDatabase } from "../helpers";

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
