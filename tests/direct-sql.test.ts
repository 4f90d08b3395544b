// Statements sent straight to an interactive transaction's connection (lib/direct-sql.ts): they
// belong to that transaction, on both databases, and are committed or rolled back with it.
import { beforeEach, describe, expect, it } from "vitest";
import { BulkWriter, copyValue, withBulkWriter } from "@/lib/bulk-insert";
import { getDatabaseKind } from "@/lib/db";
import { directConnection } from "@/lib/direct-sql";
import { passageDocumentTarget } from "@/lib/search/documents";
import { db, resetDatabase } from "./helpers";

beforeEach(resetDatabase);

const postgres = getDatabaseKind() === "postgres";
const insertSetting = postgres
  ? `INSERT INTO "Setting" ("key", "value", "updatedAt") VALUES ($1, $2, CURRENT_TIMESTAMP)`
  : `INSERT INTO "Setting" ("key", "value", "updatedAt") VALUES (?, ?, CURRENT_TIMESTAMP)`;

const settingKeys = async () =>
  (await db().setting.findMany({ select: { key: true }, orderBy: { key: "asc" } })).map((row) => row.key);

class Abandoned extends Error {}

describe("directConnection", () => {
  it("finds the transaction's own connection: what it writes is seen inside, and committed with the transaction", async () => {
    await db().$transaction(async (tx) => {
      const connection = await directConnection(tx);
      expect(connection).toBeDefined();
      expect(await connection!.execute(insertSetting, ["direct.one", "1"])).toBe(1);
      // The same transaction sees it; a reader outside does not yet.
      expect(await tx.setting.findUnique({ where: { key: "direct.one" } })).toMatchObject({ value: "1" });
      if (postgres) expect(await db().setting.findUnique({ where: { key: "direct.one" } })).toBeNull();
    });
    expect(await settingKeys()).toEqual(["direct.one"]);
  });

  it("is rolled back with the transaction", async () => {
    await expect(
      db().$transaction(async (tx) => {
        await (await directConnection(tx))!.execute(insertSetting, ["direct.gone", "1"]);
        await tx.setting.create({ data: { key: "direct.gone.too", value: "1" } });
        throw new Abandoned();
      }),
    ).rejects.toBeInstanceOf(Abandoned);
    expect(await settingKeys()).toEqual([]);
  });

  it("gives each of two transactions under way at once its own connection", async () => {
    let release!: () => void;
    const bothStarted = new Promise<void>((resolve) => {
      release = resolve;
    });
    const committed = db().$transaction(async (tx) => {
      await (await directConnection(tx))!.execute(insertSetting, ["direct.kept", "1"]);
      release();
    });
    const rolledBack = db().$transaction(async (tx) => {
      await (await directConnection(tx))!.execute(insertSetting, ["direct.dropped", "1"]);
      await bothStarted;
      throw new Abandoned();
    });
    // Both outcomes are awaited together: the second transaction may fail before the first has
    // committed, and a rejection nobody is waiting for yet is reported as an unhandled error.
    const [kept, dropped] = await Promise.allSettled([committed, rolledBack]);
    expect(kept.status).toBe("fulfilled");
    expect(dropped.status === "rejected" && dropped.reason).toBeInstanceOf(Abandoned);
    expect(await settingKeys()).toEqual(["direct.kept"]);
  });

  it("is undefined outside an interactive transaction, where statements go through Prisma", async () => {
    expect(await directConnection(db())).toBeUndefined();
  });

  it("reports a failing statement as the error of the transaction, which then writes nothing", async () => {
    await expect(
      db().$transaction(async (tx) => {
        await tx.setting.create({ data: { key: "direct.before", value: "1" } });
        await (await directConnection(tx))!.execute(insertSetting, ["direct.before", "again"]);
      }),
    ).rejects.toThrow(/unique|duplicate/i);
    expect(await settingKeys()).toEqual([]);
  });
});

describe("BulkWriter", () => {
  const now = new Date();
  const target = {
    table: "Setting",
    columns: [
      ["key", "text"],
      ["value", "text"],
    ],
    shared: [["updatedAt", now, "timestamp(3)"]],
  } as const;

  // Text that COPY's text format escapes, or that SQL or JSON would (no NUL: PostgreSQL's text
  // cannot hold it, and imports replace it).
  const hostile = [
    '\'; DROP TABLE "Setting"; --',
    "emoji 😀 and \u2028",
    '"quoted" \\ back',
    "tab\there, line\nbreak, return\r, \\N, \\.",
    "\\.",
    "\\N",
    "ends with a backslash \\",
    "",
  ];

  it("writes rows of any text in a transaction, and the times as Prisma reads them", async () => {
    const before = now.getTime();
    await db().$transaction(async (tx) => {
      const writer = await BulkWriter.open(tx);
      expect(writer.method).toBe(postgres ? "copy" : "insert");
      for (const [index, value] of hostile.entries()) await writer.add(target, [`bulk.${index}`, value]);
      expect(await writer.finish()).toBe(hostile.length);
    });
    const rows = await db().setting.findMany({ orderBy: { key: "asc" } });
    expect(rows.map((row) => row.value)).toEqual(hostile);
    for (const row of rows) {
      expect(row.updatedAt.getTime()).toBeGreaterThanOrEqual(before - 1);
      expect(row.updatedAt.getTime()).toBeLessThanOrEqual(Date.now());
    }
  });

  it("writes nulls as null and many batches of two tables added in turn, every row once", async () => {
    const documents = passageDocumentTarget();
    // Past several batches of 64,000 characters in each table, the tables taking turns.
    const count = 3000;
    const long = "x".repeat(40);
    await db().$transaction(async (tx) => {
      const writer = await BulkWriter.open(tx);
      for (let index = 0; index < count; index++) {
        await writer.add(target, [`many.${String(index).padStart(5, "0")}`, `${long}\t${index}`]);
        await writer.add(documents, [
          `doc${index}`,
          "test",
          `ref${index}`,
          null,
          null,
          `text ${index}`,
          `text ${index}`,
        ]);
      }
      expect(await writer.finish()).toBe(2 * count);
    });
    expect(await db().setting.count()).toBe(count);
    expect(await db().setting.findUnique({ where: { key: "many.02999" } })).toMatchObject({ value: `${long}\t2999` });
    const document = await db().searchDocument.findUnique({ where: { id: "doc7" } });
    expect(document).toMatchObject({ sourceId: null, subKind: null, text: "text 7" });
    expect(await db().searchDocument.count({ where: { kind: "test" } })).toBe(count);
  });

  it("reports a row the database refuses as the transaction's error; nothing is kept and the next transaction works", async () => {
    await expect(
      db().$transaction(async (tx) => {
        await tx.setting.create({ data: { key: "bulk.taken", value: "1" } });
        const writer = await BulkWriter.open(tx);
        for (let index = 0; index < 2000; index++) await writer.add(target, [`bulk.${index}`, "x".repeat(50)]);
        await writer.add(target, ["bulk.taken", "again"]);
        await writer.finish();
      }),
    ).rejects.toThrow(/unique|duplicate/i);
    expect(await settingKeys()).toEqual([]);
    await db().$transaction(async (tx) => {
      const writer = await BulkWriter.open(tx);
      await writer.add(target, ["bulk.after", "1"]);
      await writer.finish();
    });
    expect(await settingKeys()).toEqual(["bulk.after"]);
  });

  it("gives up its rows when the work fails half-way (withBulkWriter): the transaction rolls back without waiting", async () => {
    await expect(
      db().$transaction(async (tx) => {
        await withBulkWriter(tx, async (writer) => {
          // Several batches sent: on PostgreSQL a COPY is under way when the work fails.
          for (let index = 0; index < 3000; index++) await writer.add(target, [`half.${index}`, "x".repeat(50)]);
          throw new Abandoned();
        });
      }),
    ).rejects.toBeInstanceOf(Abandoned);
    expect(await settingKeys()).toEqual([]);
    await db().$transaction(async (tx) => {
      await withBulkWriter(tx, async (writer) => {
        await writer.add(target, ["half.after", "1"]);
        return writer.finish();
      });
    });
    expect(await settingKeys()).toEqual(["half.after"]);
  });

  it("writes outside a transaction through Prisma, the same rows", async () => {
    const writer = await BulkWriter.open(db());
    expect(writer.method).toBe("insert");
    await writer.add(target, ["bulk.one", "value"]);
    await writer.add(target, ["bulk.two", "value"]);
    expect(await writer.finish()).toBe(2);
    expect(await settingKeys()).toEqual(["bulk.one", "bulk.two"]);
  });
});

describe("copyValue", () => {
  it("writes COPY's text format: escapes, null, times as Prisma stores them", () => {
    expect(copyValue("plain")).toBe("plain");
    expect(copyValue("a\tb\nc\rd\\e")).toBe("a\\tb\\nc\\rd\\\\e");
    expect(copyValue(null)).toBe("\\N");
    expect(copyValue(undefined)).toBe("\\N");
    expect(copyValue("\\N")).toBe("\\\\N");
    expect(copyValue(42)).toBe("42");
    expect(copyValue(new Date("2026-11-25T01:02:03.004Z"))).toBe("2026-11-25T01:02:03.004+00:00");
  });
});
