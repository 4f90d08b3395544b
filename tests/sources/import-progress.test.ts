// Imports written in bulk (lib/bulk-insert.ts) and the progress they report (issue 12): what the
// bulk path stores is what Prisma stored before, progress moves forward through the stages, the
// import page's token shows it to its member only, and a failure part-way leaves nothing behind.
import { afterAll, beforeEach, describe, expect, it } from "vitest";
import { getDatabaseKind } from "@/lib/db";
import { getEnv } from "@/lib/env";
import { channelName, NotifyChannel } from "@/lib/notify";
import { SYSTEM_ACTOR } from "@/lib/permissions";
import { searchText } from "@/lib/search/text";
import { importSource } from "@/lib/sources/import";
import {
  IMPORT_STAGES,
  type ImportProgress,
  ImportProgressBoard,
  importProgressBoard,
  readImportProgress,
  trackImportProgress,
} from "@/lib/sources/import-progress";
import { makeActor } from "../factories";
import { db, resetDatabase, tableSnapshot } from "../helpers";

beforeEach(resetDatabase);
afterAll(() => importProgressBoard().close());

const CUID_SHAPE = /^c[a-z0-9]{24}$/;

/** Enough one-sentence paragraphs that an import reports progress while writing passages. */
function manyParagraphs(count: number): string {
  return Array.from({ length: count }, (_, index) => `Paragraph ${index} says that Kirov was shot.`).join("\n\n");
}

describe("passages written in bulk", () => {
  it("stores each passage and its search document as Prisma did: ids, times, offsets, text", async () => {
    const content = "Sergei Kirov was shot in 1934. Stalin went to Leningrad.\n\nNikolaev was arrested.";
    const { sourceId } = await importSource(db(), SYSTEM_ACTOR, { content, title: "Kirov" });
    const source = await db().source.findUniqueOrThrow({ where: { id: sourceId }, include: { passages: true } });
    expect(source.text).toBe(content);
    expect(source.originalText).toBe(content);
    expect(source.passages.map((passage) => [passage.kind, passage.text]).sort()).toEqual([
      ["paragraph", "Nikolaev was arrested."],
      ["paragraph", "Sergei Kirov was shot in 1934. Stalin went to Leningrad."],
      ["sentence", "Nikolaev was arrested."],
      ["sentence", "Sergei Kirov was shot in 1934."],
      ["sentence", "Stalin went to Leningrad."],
    ]);
    for (const passage of source.passages) {
      expect(passage.id).toMatch(CUID_SHAPE);
      expect(passage.createdAt).toBeInstanceOf(Date);
      expect(Math.abs(passage.createdAt.getTime() - Date.now())).toBeLessThan(60_000);
      expect(passage.createdById).toBeNull();
    }
    const documents = await db().searchDocument.findMany({ where: { kind: "passage", sourceId } });
    // The one-sentence paragraph is indexed once, as its sentence.
    expect(documents).toHaveLength(4);
    const byId = new Map(source.passages.map((passage) => [passage.id, passage]));
    for (const document of documents) {
      const passage = byId.get(document.refId)!;
      expect(document.id).toMatch(CUID_SHAPE);
      expect(document).toMatchObject({ subKind: passage.kind, text: passage.text });
      expect(document.createdAt).toBeInstanceOf(Date);
    }
    expect(documents.find((document) => document.text === "Sergei Kirov was shot in 1934.")?.folded).toBe(
      searchText("Sergei Kirov was shot in 1934."),
    );
  });

  it("stores text that COPY's and SQL's formats escape exactly as given: tabs, backslashes, a lone \\. line, \\N, markup", async () => {
    const content = [
      "Kirov\twas shot; the file C:\\NKVD\\1934 holds \\N and \\t as written.",
      "\\.",
      '<script>alert("Kirov")</script> \'; DROP TABLE "Passage"; -- Stalin went to Leningrad.',
      "A line ending in a backslash \\",
    ].join("\n\n");
    const { sourceId, passageCount } = await importSource(db(), SYSTEM_ACTOR, {
      content,
      format: "text",
      title: "<b>Hostile</b>",
    });
    const source = await db().source.findUniqueOrThrow({ where: { id: sourceId }, include: { passages: true } });
    expect(source.title).toBe("<b>Hostile</b>");
    expect(source.passages).toHaveLength(passageCount);
    for (const passage of source.passages) expect(source.text.slice(passage.start, passage.end)).toBe(passage.text);
    expect(source.passages.map((passage) => passage.text)).toEqual(
      expect.arrayContaining(["\\.", "A line ending in a backslash \\"]),
    );
    expect(source.text).toContain("C:\\NKVD\\1934 holds \\N and \\t");
    const documents = await db().searchDocument.findMany({ where: { kind: "passage", sourceId } });
    const byId = new Map(source.passages.map((passage) => [passage.id, passage.text]));
    for (const document of documents) expect(document.text).toBe(byId.get(document.refId));
    expect(await db().passage.count()).toBe(passageCount);
  });

  it("stores lone surrogates as U+FFFD, as the drivers do, so passages still match the stored text", async () => {
    const content = "Kirov\uD800 was shot. Stalin\uDC00 went to Leningrad.";
    const { sourceId } = await importSource(db(), SYSTEM_ACTOR, { content, title: "Broken" });
    const source = await db().source.findUniqueOrThrow({ where: { id: sourceId }, include: { passages: true } });
    expect(source.text).toBe("Kirov\uFFFD was shot. Stalin\uFFFD went to Leningrad.");
    expect(source.passages).toHaveLength(3);
    for (const passage of source.passages) expect(source.text.slice(passage.start, passage.end)).toBe(passage.text);
  });

  it("writes a long text whole, in pieces that never split a surrogate pair", async () => {
    // The pieces are a million characters: the emoji's two halves straddle the first boundary.
    const content = `${"x".repeat(999_999)}😀 and Kirov.`;
    const { sourceId } = await importSource(db(), SYSTEM_ACTOR, { content, title: "Long" });
    const source = await db().source.findUniqueOrThrow({ where: { id: sourceId } });
    expect(source.text).toBe(content);
    expect(source.originalText).toBe(content);
  });
});

describe("import progress", () => {
  it("goes through the stages in order, never back, to saving", async () => {
    const reports: ImportProgress[] = [];
    await importSource(
      db(),
      SYSTEM_ACTOR,
      { content: manyParagraphs(1500), title: "Many" },
      { onProgress: (progress) => reports.push(progress) },
    );
    const stages = [...new Set(reports.map((report) => report.stage))];
    expect(stages).toEqual(["cleaning", "segmenting", "passages", "people", "suggestions", "saving"]);
    for (const stage of stages) expect(IMPORT_STAGES).toContain(stage);
    for (let index = 1; index < reports.length; index++)
      expect(reports[index]!.fraction).toBeGreaterThanOrEqual(reports[index - 1]!.fraction);
    // Passages report as they are written, not only when they start.
    expect(reports.filter((report) => report.stage === "passages").length).toBeGreaterThan(2);
    expect(reports.at(-1)!.fraction).toBeLessThanOrEqual(1);
    expect(reports[0]!.fraction).toBe(0);
  });

  it("is read under the page's token by the member importing, and by nobody else", async () => {
    const member = await makeActor("contributor");
    const other = await makeActor("contributor");
    const token = "a1b2c3d4e5f6a7b8c9d0";
    const tracking = trackImportProgress(token, member);
    const seen: (ImportProgress | null)[] = [];
    const seenByOther: (ImportProgress | null)[] = [];
    await importSource(
      db(),
      member,
      { content: manyParagraphs(50), title: "Tracked" },
      {
        onProgress: (progress) => {
          tracking.options.onProgress?.(progress);
          seen.push(readImportProgress(member, { token }).progress);
          seenByOther.push(readImportProgress(other, { token }).progress);
        },
      },
    );
    expect(seen.map((progress) => progress?.stage)).toContain("passages");
    expect(seenByOther.every((progress) => progress === null)).toBe(true);
    tracking.done();
    expect(readImportProgress(member, { token }).progress).toBeNull();

    expect(() => readImportProgress(member, { token: "short" })).toThrow(expect.objectContaining({ code: "INVALID" }));
    expect(() => readImportProgress(null, { token })).toThrow(expect.objectContaining({ code: "UNAUTHENTICATED" }));
    const viewer = await makeActor("viewer");
    expect(() => readImportProgress(viewer, { token })).toThrow(expect.objectContaining({ code: "FORBIDDEN" }));
    // No token, or a malformed one: the import goes ahead untracked.
    expect(trackImportProgress(undefined, member).options).toEqual({});
    expect(trackImportProgress("../etc", member).options).toEqual({});
  });

  it("refuses empty, huge, malformed and hostile tokens with the field named, shows no one another member's import, and writes nothing", async () => {
    const member = await makeActor("contributor");
    const other = await makeActor("moderator");
    const token = "abcdefabcdefabcdef012345";
    const tracking = trackImportProgress(token, member);
    tracking.options.onProgress?.({ stage: "passages", label: "writing", fraction: 0.5 });
    const before = await tableSnapshot();
    for (const bad of ["", "x".repeat(100_000), "<script>alert(1)</script>", "../../etc/passwd", 42, null, undefined]) {
      expect(() => readImportProgress(member, { token: bad })).toThrow(
        expect.objectContaining({ code: "INVALID", field: "token" }),
      );
    }
    // Markup or a path given as the page's token: the import goes ahead untracked.
    expect(trackImportProgress("<script>alert(1)</script>", member).options).toEqual({});
    // Another member (a moderator too) asking with the token sees nothing.
    expect(readImportProgress(other, { token }).progress).toBeNull();
    expect(readImportProgress(member, { token }).progress).toMatchObject({ stage: "passages" });
    tracking.done();
    expect(await tableSnapshot()).toEqual(before);
  });

  it("a failure part-way through the passages leaves nothing behind", async () => {
    const before = await tableSnapshot();
    const failure = new Error("stopped while writing passages");
    await expect(
      importSource(
        db(),
        SYSTEM_ACTOR,
        { content: manyParagraphs(1500), title: "Interrupted" },
        {
          onProgress: (progress) => {
            if (progress.stage === "passages" && progress.fraction > 0.3) throw failure;
          },
        },
      ),
    ).rejects.toBe(failure);
    expect(await tableSnapshot()).toEqual(before);
  });
});

describe.runIf(getDatabaseKind() === "postgres")("import progress across instances on one PostgreSQL", () => {
  const boards: ImportProgressBoard[] = [];
  const channels: NotifyChannel[] = [];
  afterAll(async () => {
    await Promise.all(boards.map((board) => board.close()));
    await Promise.all(channels.map((channel) => channel.close()));
  });
  const env = getEnv();
  const channel = () => {
    const made = new NotifyChannel(env.DATABASE_URL!, channelName("import_progress", env.DATABASE_SCHEMA));
    channels.push(made);
    return made;
  };
  const board = () => {
    const made = new ImportProgressBoard(channel());
    boards.push(made);
    return made;
  };
  /** Polls `read` until `done` holds of its answer, as the import page polls, for at most five seconds. */
  async function until<T>(read: () => T, done: (value: T) => boolean): Promise<T> {
    const deadline = Date.now() + 5000;
    for (let value = read(); ; value = read()) {
      if (done(value) || Date.now() > deadline) return value;
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
  }

  it("shows an import's progress on the instance the page polls, not only the one importing, to its member only", async () => {
    const member = await makeActor("contributor");
    const other = await makeActor("contributor");
    const importing = board();
    const polled = board();
    const token = "f0e1d2c3b4a5968778695a4b";
    expect(polled.read(member, { token }).progress).toBeNull();
    await channels[1]!.listen();
    let heard = 0;
    channels[1]!.onMessage(() => heard++);

    const tracking = importing.track(token, member);
    const started = await until(
      () => polled.read(member, { token }).progress,
      (progress) => progress !== null,
    );
    expect(started).toEqual({ stage: "cleaning", label: "cleaning the text", fraction: 0 });
    // Many changes at once are sent at most every 200 ms; the last one arrives.
    const reports: ImportProgress[] = [];
    const importStarted = Date.now();
    await importSource(
      db(),
      member,
      { content: manyParagraphs(1500), title: "Across instances" },
      {
        onProgress: (progress) => {
          reports.push(progress);
          tracking.options.onProgress?.(progress);
        },
      },
    );
    const last = reports.at(-1)!;
    expect(
      await until(
        () => polled.read(member, { token }).progress,
        (progress) => progress?.fraction === last.fraction,
      ),
    ).toEqual(last);
    // At most one message per 200 ms reached the other instance (and the first, sent at once).
    expect(heard).toBeLessThan(reports.length);
    expect(heard).toBeLessThanOrEqual(Math.ceil((Date.now() - importStarted) / 200) + 2);
    expect(polled.read(other, { token }).progress).toBeNull();
    expect(() => polled.read(null, { token })).toThrow(expect.objectContaining({ code: "UNAUTHENTICATED" }));

    tracking.done();
    expect(
      await until(
        () => polled.read(member, { token }).progress,
        (progress) => progress === null,
      ),
    ).toBeNull();
  });

  it("ignores messages on its channel that are not an instance's progress", async () => {
    const member = await makeActor("contributor");
    const polled = board();
    const token = "0123456789abcdef01234567";
    polled.read(member, { token });
    await channels.at(-1)!.listen();
    const name = channelName("import_progress", env.DATABASE_SCHEMA);
    const progress = { stage: "passages", label: "writing", fraction: 0.5 };
    const hostile = [
      "not json",
      JSON.stringify({ origin: "x", message: { token: "../../etc/passwd", actorId: member.id, progress } }),
      JSON.stringify({ origin: "x", message: { token, actorId: member.id, progress: { ...progress, fraction: 7 } } }),
      JSON.stringify({ origin: "x", message: { token, actorId: member.id, progress: { ...progress, stage: "<b>" } } }),
      JSON.stringify({
        origin: "x",
        message: { token, actorId: member.id, progress: { ...progress, label: "x".repeat(5000) } },
      }),
      JSON.stringify({ origin: "x", message: null }),
      // JSON that is not an object: reading its fields must not throw where nothing would catch it.
      "null",
      "42",
      "[]",
      '"text"',
    ];
    for (const payload of hostile) await db().$queryRawUnsafe("SELECT pg_notify($1, $2)::text", name, payload);
    // A well-formed one sent after them, for another import, arrives: the ones before it were heard and set aside.
    const sentinel = "89abcdef0123456789abcdef";
    await db().$queryRawUnsafe(
      "SELECT pg_notify($1, $2)::text",
      name,
      JSON.stringify({ origin: "x", message: { token: sentinel, actorId: member.id, progress } }),
    );
    expect(
      await until(
        () => polled.read(member, { token: sentinel }).progress,
        (seen) => seen !== null,
      ),
    ).toEqual(progress);
    expect(polled.read(member, { token }).progress).toBeNull();
  });
});
