// The "nothing changed" check of every test rests on tableSnapshot(): prove that it sees what
// a row count misses (an UPDATE), on every kind of column, and that it covers every table.
import { readFileSync } from "node:fs";
import { beforeEach, describe, expect, it } from "vitest";
import { hashPassword } from "@/lib/users/passwords";
import { makeClaim, makePerson, makeUser } from "../factories";
import { changedTables, db, resetDatabase, TABLES, tableSnapshot } from "../helpers";

beforeEach(resetDatabase);

describe("tableSnapshot", () => {
  it("lists every model of prisma/schema.prisma, so a new table cannot be left out", () => {
    const models = [...readFileSync("prisma/schema.prisma", "utf8").matchAll(/^model (\w+) \{/gm)].map(
      (match) => match[1]!,
    );
    expect(models.length).toBeGreaterThan(10);
    expect([...TABLES].sort()).toEqual(models.sort());
  });

  it("is the same twice over when nothing was written, with each table's rows ordered by key", async () => {
    await makeUser("contributor");
    await makeUser("viewer");
    await makeClaim();
    const first = await tableSnapshot();
    expect(Object.keys(first).sort()).toEqual([...TABLES].sort());
    expect(first.User).toHaveLength(2);
    expect(first.Claim).toHaveLength(1);
    expect(first.User.map((user) => user.id)).toEqual(first.User.map((user) => String(user.id)).sort());
    expect(await tableSnapshot()).toEqual(first);
  });

  it.each([
    ["a text column", { name: "Renamed" }],
    ["a boolean", { active: false }],
    ["a date", { credentialsChangedAt: new Date("2020-01-01T00:00:00Z") }],
    ["a secret column left out of ordinary queries", { passwordHash: "$argon2id$not-a-real-hash" }],
  ])("sees an UPDATE of %s that leaves every row count as it was", async (_kind, data) => {
    const user = await makeUser("contributor");
    const before = await tableSnapshot();
    await db().user.update({ where: { id: user.id }, data });
    const after = await tableSnapshot();
    expect(after.User).toHaveLength(before.User.length);
    expect(changedTables(before, after)).toEqual(["User"]);
    expect(after).not.toEqual(before);
  });

  it("sees a password change made through raw SQL, bypassing the client", async () => {
    const user = await makeUser("contributor");
    await db().user.update({ where: { id: user.id }, data: { passwordHash: await hashPassword("first password") } });
    const before = await tableSnapshot();
    await db().$executeRaw`UPDATE "User" SET "passwordHash" = 'changed' WHERE "id" = ${user.id}`;
    expect(changedTables(before, await tableSnapshot())).toEqual(["User"]);
  });

  it("sees a change to a number, and a row gone from a table keyed by two columns", async () => {
    const person = await makePerson("Sergei Kirov");
    const claim = await makeClaim({ personIds: [person.id] });
    const before = await tableSnapshot();
    await db().claim.update({ where: { id: claim.id }, data: { voteMedian: 42.5 } });
    expect(changedTables(before, await tableSnapshot())).toEqual(["Claim"]);
    const updated = await tableSnapshot();
    await db().claimPerson.delete({ where: { claimId_personId: { claimId: claim.id, personId: person.id } } });
    expect(changedTables(updated, await tableSnapshot())).toEqual(["ClaimPerson"]);
  });
});
