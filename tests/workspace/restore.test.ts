// Workspace export and restore on this run's database: what the file holds and leaves out, that it
// is read in pages, and every way restore refuses a file or a database, writing nothing.
import { beforeEach, describe, expect, it } from "vitest";
import { mergeClaims } from "@/lib/claims/merge";
import { type Db, getDatabaseKind } from "@/lib/db";
import { addEvidence } from "@/lib/evidence/mutations";
import { SETUP_SETTING_KEY } from "@/lib/users/setup";
import { castVote } from "@/lib/votes/mutations";
import { type ExportOptions, exportWorkspace } from "@/lib/workspace/export";
import { restoreWorkspace } from "@/lib/workspace/restore";
import { EXPORT_ORDER, MOVED, NOT_MOVED } from "@/lib/workspace/tables";
import { UPGRADES } from "@/lib/workspace/upgrades";
import { makeActor, makeClaim, makePerson, makeSource, makeUser, SYSTEM_ACTOR } from "../factories";
import { db, resetDatabase, TABLES, tableSnapshot } from "../helpers";

beforeEach(resetDatabase);

type Line = Record<string, unknown> & { table?: string; row?: Record<string, unknown> };

async function exportLines(options: Partial<ExportOptions> = {}, client: Db = db()) {
  const chunks: string[] = [];
  const summary = await exportWorkspace(client, (chunk) => void chunks.push(chunk), {
    kind: getDatabaseKind(),
    ...options,
  });
  const text = chunks.join("");
  expect(text.endsWith("\n")).toBe(true);
  return { lines: text.slice(0, -1).split("\n"), chunks, summary };
}

const parse = (line: string) => JSON.parse(line) as Line;
const indexOfRow = (lines: string[], table: string, from = 1) =>
  lines.findIndex((line, index) => index >= from && parse(line).table === table);

/** A small workspace with a bit of everything: members (one with a password), a source, people, claims, votes, a merge. */
async function smallWorkspace() {
  const moderator = await makeActor("moderator");
  const voter = await makeUser("contributor", { password: "a long enough password" });
  await makeSource();
  await makeSource();
  const person = await makePerson("Sergei Kirov", ["Kirov"]);
  const duplicate = await makeClaim({ statement: "Kirov was shot in Smolny", personIds: [person.id] });
  const kept = await makeClaim({ statement: "Kirov was shot in the Smolny Institute", personIds: [person.id] });
  await castVote(db(), { kind: "user", id: voter.id, role: "contributor" }, { claimId: kept.id, value: 40 });
  await castVote(db(), { kind: "user", id: voter.id, role: "contributor" }, { claimId: kept.id, value: 65 });
  await mergeClaims(db(), moderator, { into: kept.id, from: duplicate.id });
  await db().account.create({
    data: {
      userId: voter.id,
      type: "oauth",
      provider: "github",
      providerAccountId: "4242",
      access_token: "gho_secret",
      refresh_token: "ghr_secret",
      id_token: "eyJ.secret",
      token_type: "bearer",
      scope: "read:user",
    },
  });
  await db().setting.create({
    data: {
      key: SETUP_SETTING_KEY,
      value: JSON.stringify({ tokenHash: "0".repeat(64), expiresAt: new Date().toISOString() }),
    },
  });
  return { voter };
}

async function emptySnapshot() {
  await resetDatabase();
  return tableSnapshot();
}

describe("workspace export", () => {
  it("holds every moved table in dependency order, leaves password hashes out unless asked, and never OAuth tokens or the setup link", async () => {
    const { voter } = await smallWorkspace();
    const { lines, summary } = await exportLines();
    const header = parse(lines[0]!);
    expect(header).toMatchObject({ format: "factcheck-workspace", version: 1, database: getDatabaseKind() });
    expect(header.tables).toEqual(EXPORT_ORDER.map((table) => table.name));
    // Every model is moved or named as not moved, and the header says why.
    expect([...MOVED.keys(), ...NOT_MOVED.keys()].sort()).toEqual([...TABLES].sort());
    expect(Object.keys(header.notMoved as object)).toEqual(
      expect.arrayContaining(["Session", "SignInAttempt", "RateLimitEvent", "SearchDocument", "VerificationToken"]),
    );
    expect(header.leftOut).toEqual({
      "User.passwordHash": 1,
      "Account.refresh_token": 1,
      "Account.access_token": 1,
      "Account.id_token": 1,
    });
    const rows = lines.slice(1, -1).map(parse);
    const users = rows.filter((line) => line.table === "User").map((line) => line.row!);
    expect(users.length).toBeGreaterThan(1);
    expect(users.every((user) => user.passwordHash === null)).toBe(true);
    const [account] = rows.filter((line) => line.table === "Account").map((line) => line.row!);
    expect(account).toMatchObject({
      userId: voter.id,
      provider: "github",
      providerAccountId: "4242",
      scope: "read:user",
    });
    expect(account).toMatchObject({ access_token: null, refresh_token: null, id_token: null });
    expect(rows.some((line) => line.table === "Setting" && line.row!.key === SETUP_SETTING_KEY)).toBe(false);
    expect(parse(lines[lines.length - 1]!)).toEqual({ end: { rows: summary.rows } });
    expect(summary.rows.Claim).toBe(2);

    const withHashes = await exportLines({ withPasswordHashes: true });
    const hashed = withHashes.lines
      .map(parse)
      .filter((line) => line.table === "User" && line.row!.id === voter.id)
      .map((line) => line.row!.passwordHash);
    expect(hashed).toEqual([expect.stringMatching(/^\$argon2id\$/)]);
    expect(parse(withHashes.lines[0]!).leftOut).not.toHaveProperty("User.passwordHash");
    expect(withHashes.lines.join("\n")).not.toContain("gho_secret");
  });

  it("reads every table in pages by primary key: pages of two rows give the same file, in many chunks", async () => {
    await smallWorkspace();
    const whole = await exportLines();
    const paged = await exportLines({ pageSize: 2 });
    expect(paged.lines.slice(1)).toEqual(whole.lines.slice(1));
    // Pages are written as they are read, not gathered first.
    expect(paged.chunks.length).toBeGreaterThan(whole.lines.length / 3);
    // Several pages of a table keyed by two columns, and of one whose rows are filtered.
    expect(paged.summary.rows.ClaimPerson).toBeGreaterThan(0);
    expect(paged.summary.rows.Passage).toBeGreaterThan(4);
  });

  it("declares exactly the database's foreign keys, so parents are restored first", async () => {
    const rows =
      getDatabaseKind() === "postgres"
        ? await db().$queryRawUnsafe<{ child: string; column: string; parent: string }[]>(
            `SELECT cl.relname::text AS child, a.attname::text AS column, parent.relname::text AS parent
               FROM pg_constraint c
               JOIN pg_class cl ON cl.oid = c.conrelid
               JOIN pg_class parent ON parent.oid = c.confrelid
               JOIN pg_namespace n ON n.oid = cl.relnamespace
               CROSS JOIN unnest(c.conkey) AS k(attnum)
               JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = k.attnum
              WHERE c.contype = 'f' AND n.nspname = current_schema()`,
          )
        : (
            await Promise.all(
              TABLES.map((table) =>
                db().$queryRawUnsafe<{ child: string; column: string; parent: string }[]>(
                  `SELECT ? AS child, "from" AS "column", "table" AS parent FROM pragma_foreign_key_list(?)`,
                  table,
                  table,
                ),
              ),
            )
          ).flat();
    const inDatabase = rows
      .filter((row) => MOVED.has(row.child))
      .map((row) => `${row.child}.${row.column} -> ${row.parent}`)
      .sort();
    const declared = [...MOVED.values()]
      .flatMap((table) =>
        Object.entries(table.references).map(([column, parent]) => `${table.name}.${column} -> ${parent}`),
      )
      .sort();
    expect(inDatabase).toEqual(declared);
  });
});

describe("workspace restore", () => {
  it("refuses a database that holds anything, naming what, and writes nothing", async () => {
    await smallWorkspace();
    const { lines } = await exportLines();
    const before = await tableSnapshot();
    const refused = restoreWorkspace(db(), lines);
    await expect(refused).rejects.toMatchObject({ code: "CONFLICT" });
    await expect(refused).rejects.toThrow(
      /The database is not empty \(User: \d+, .*Claim: 2.*\)\. .*Nothing was written\./,
    );
    expect(await tableSnapshot()).toEqual(before);

    // One row is enough to refuse.
    await resetDatabase();
    await makePerson("Genrikh Yagoda");
    const one = await tableSnapshot();
    await expect(restoreWorkspace(db(), lines)).rejects.toThrow(
      /not empty \(Person: 1, PersonAlias: \d+, .*SearchDocument: 1\)/,
    );
    expect(await tableSnapshot()).toEqual(one);
  });

  it("restores into a fresh installation that only holds its own settings and sign-in counters, replacing them", async () => {
    await smallWorkspace();
    const { lines } = await exportLines();
    await resetDatabase();
    await db().setting.createMany({
      data: [
        { key: SETUP_SETTING_KEY, value: "{}" },
        { key: "search.keyVersion", value: "0" },
      ],
    });
    await db().signInAttempt.create({ data: { key: "ip:192.0.2.1", success: false } });
    const report = await restoreWorkspace(db(), lines);
    expect(report.rows.Claim).toBe(2);
    expect(await db().setting.findUnique({ where: { key: SETUP_SETTING_KEY } })).toBeNull();
    expect(await db().signInAttempt.count()).toBe(1);
    // Left-out hashes are reported, and no admin could sign in: said too (there is no admin here).
    expect(report.warnings).toEqual([expect.stringMatching(/no password hashes \(left out for 1 member/)]);
  });

  it("refuses a corrupted line, naming its number and what is wrong, and writes nothing", async () => {
    await smallWorkspace();
    const { lines } = await exportLines();
    const empty = await emptySnapshot();
    const claimLine = indexOfRow(lines, "Claim");
    const passageLine = indexOfRow(lines, "Passage");
    const userLine = indexOfRow(lines, "User");
    const auditLine = indexOfRow(lines, "AuditEvent");
    const audits = lines.filter((line) => parse(line).table === "AuditEvent").length;
    const edit = (index: number, change: (row: Record<string, unknown>) => void) => {
      const copy = [...lines];
      const line = parse(copy[index]!);
      change(line.row!);
      copy[index] = JSON.stringify(line);
      return copy;
    };
    const cases: [string, string[], RegExp][] = [
      [
        "cut off in the middle",
        lines.map((line, index) => (index === claimLine ? line.slice(0, 40) : line)),
        new RegExp(`^line ${claimLine + 1}: is not valid JSON`),
      ],
      ["an empty line", lines.map((line, index) => (index === 3 ? "" : line)), /^line 4: is empty/],
      [
        "a wrong type",
        edit(claimLine, (row) => {
          row.version = "2";
        }),
        new RegExp(`^line ${claimLine + 1}: Claim.version must be a 32-bit integer`),
      ],
      [
        "an impossible date",
        edit(claimLine, (row) => {
          row.createdAt = "2026-02-30T10:00:00.000Z";
        }),
        new RegExp(`^line ${claimLine + 1}: Claim.createdAt is not a real date`),
      ],
      [
        "an unknown enum value",
        edit(claimLine, (row) => {
          row.status = "secret";
        }),
        new RegExp(`^line ${claimLine + 1}: Claim.status must be one of draft, pending_review, published, archived`),
      ],
      [
        "an unknown column",
        edit(userLine, (row) => {
          row.isRoot = true;
        }),
        new RegExp(`^line ${userLine + 1}: User has no column isRoot`),
      ],
      [
        "a missing column",
        edit(userLine, (row) => {
          delete row.role;
        }),
        new RegExp(`^line ${userLine + 1}: User.role is missing`),
      ],
      [
        "a row pointing at nothing",
        edit(passageLine, (row) => {
          row.sourceId = "no-such-source";
        }),
        new RegExp(`^lines? ${passageLine + 1}(-\\d+)? \\(Passage\\): the database refused the rows`),
      ],
      [
        "rows out of the header's order",
        [...lines.slice(0, claimLine + 1), lines[userLine]!, ...lines.slice(claimLine + 1)],
        new RegExp(`^line ${claimLine + 2}: a User row after the Claim rows`),
      ],
      ["cut short (no end line)", lines.slice(0, -1), /the file ends without its end line/],
      [
        "a row lost on the way",
        lines.filter((_, index) => index !== auditLine),
        new RegExp(`^line \\d+: the end line counts ${audits} AuditEvent row\\(s\\) but the file holds ${audits - 1}`),
      ],
    ];
    for (const [what, file, expected] of cases) {
      await expect(restoreWorkspace(db(), file), what).rejects.toThrow(expected);
      expect(await tableSnapshot(), `${what}: nothing written`).toEqual(empty);
    }
    // The intact file still restores: every refusal above rolled back whole.
    const report = await restoreWorkspace(db(), lines);
    expect(report.rows.Claim).toBe(2);
  });

  it("refuses a file of another format version, another schema, or no export at all", async () => {
    await smallWorkspace();
    const { lines } = await exportLines();
    const empty = await emptySnapshot();
    const withHeader = (change: (header: Record<string, unknown>) => void) => {
      const header = parse(lines[0]!);
      change(header);
      return [JSON.stringify(header), ...lines.slice(1)];
    };
    const migrations = parse(lines[0]!).migrations as string[];
    const notUpgradable = migrations.filter((name) => !UPGRADES.some((upgrade) => upgrade.migration === name)).at(-1);
    const cases: [string, string[], RegExp][] = [
      [
        "a newer format",
        withHeader((header) => {
          header.version = 2;
        }),
        /^line 1: the file is in workspace format version 2, and this version of the app reads version 1 only/,
      ],
      [
        "a schema with a migration this database lacks",
        withHeader((header) => {
          header.migrations = [...migrations, "20991231000000_from_the_future"];
        }),
        /^line 1: the file was exported from a database with another schema: the file's schema has 20991231000000_from_the_future, which this database lacks/,
      ],
      [
        // Older than a migration restore cannot fill in (lib/workspace/upgrades.ts lists those it can).
        "an older schema",
        withHeader((header) => {
          header.migrations = migrations.filter((name) => name !== notUpgradable);
        }),
        new RegExp(`this database has ${notUpgradable}, which the file's schema lacks`),
      ],
      [
        "not an export",
        [JSON.stringify({ hello: "world" }), ...lines.slice(1)],
        /^line 1: this is not a workspace export/,
      ],
      ["an empty file", [], /^line 1: the file is empty/],
      [
        "tables in an order that cannot be restored",
        withHeader((header) => {
          header.tables = [...(header.tables as string[])].reverse();
        }),
        /^line 1: the header's table list cannot be restored: "Invitation" \(createdById\) comes before "User"/,
      ],
    ];
    for (const [what, file, expected] of cases) {
      await expect(restoreWorkspace(db(), file), what).rejects.toThrow(expected);
      expect(await tableSnapshot(), `${what}: nothing written`).toEqual(empty);
    }
  });

  it("restores an export made before evidence origins, filling in what they added (each piece its own line)", async () => {
    await smallWorkspace();
    const claim = await makeClaim({ statement: "Stalin ordered Kirov's murder" });
    const source = await makeSource();
    for (const [quote, stance] of [
      ["Some historians hold that Stalin ordered the murder.", "supports"],
      ["Stalin ordered the murder", "supports"],
      ["Others say Nikolaev acted alone.", "contradicts"],
    ] as const) {
      await addEvidence(db(), SYSTEM_ACTOR, { claimId: claim.id, passage: { sourceId: source.id, quote }, stance });
    }
    const before = await tableSnapshot();
    expect(before.Claim.find((row) => row.id === claim.id)).toMatchObject({ supportsLines: 2, contradictsLines: 1 });
    const { lines } = await exportLines({ withPasswordHashes: true });
    // The same workspace as the version before origins wrote it: no such migration, table or columns.
    const upgrade = UPGRADES.find((entry) => entry.migration.endsWith("_evidence_origins"))!;
    const older = lines.flatMap((line, index) => {
      const value = parse(line);
      if (index === 0) {
        value.migrations = (value.migrations as string[]).filter((name) => name !== upgrade.migration);
        value.tables = (value.tables as string[]).filter((name) => name !== "EvidenceOrigin");
        return [JSON.stringify(value)];
      }
      if (value.table === "EvidenceOrigin") return [];
      if (value.table === "Evidence") delete value.row!.originId;
      if (value.table === "Claim") {
        delete value.row!.supportsLines;
        delete value.row!.contradictsLines;
      }
      if (value.end) delete (value.end as { rows: Record<string, number> }).rows.EvidenceOrigin;
      return [JSON.stringify(value)];
    });
    expect(older.filter((line) => /"table":"(EvidenceOrigin|Evidence|Claim)"/.test(line)).join("\n")).not.toMatch(
      /originId|supportsLines|contradictsLines|"EvidenceOrigin"/,
    );
    await resetDatabase();
    const logged: string[] = [];
    const report = await restoreWorkspace(db(), older, { log: (line) => logged.push(line) });
    expect(report.rows.Evidence).toBe(3);
    expect(logged.join("\n")).toContain(`predates ${upgrade.migration}`);
    const after = await tableSnapshot();
    for (const table of ["Claim", "Evidence", "EvidenceOrigin", "User", "Revision"] as const) {
      expect(after[table], table).toEqual(before[table]);
    }
    // A column the file lacks that no upgrade fills is still refused, naming it.
    await resetDatabase();
    const broken = older.map((line) => {
      const value = parse(line);
      if (value.table === "Evidence") delete value.row!.stance;
      return JSON.stringify(value);
    });
    await expect(restoreWorkspace(db(), broken)).rejects.toThrow(/Evidence\.stance is missing/);
  });
});
