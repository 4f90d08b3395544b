// npm run bench:import -- [--database postgres] [--file text.txt] [--megabytes 5] [--people sample|none]:
// imports one source of real prose with names (the sample Kirov article, repeated to the size
// asked for, or a file) into a scratch database that already knows the sample people, and
// reports the time of each stage, the throughput and the process's peak memory.
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import pg from "pg";

const { values } = parseArgs({
  options: {
    database: { type: "string", default: "sqlite" },
    file: { type: "string" },
    megabytes: { type: "string", default: "5" },
    people: { type: "string", default: "sample" },
  },
});
const kind = values.database;
const scratch = mkdtempSync(join(tmpdir(), "factcheck-bench-import-"));
const schema = `bench_import_${Date.now().toString(36)}`;
const postgresUrl = process.env.TEST_POSTGRES_URL ?? "postgresql://postgres@127.0.0.1:5432/test";
if (kind === "postgres") {
  process.env.DATABASE_URL = postgresUrl;
  process.env.DATABASE_SCHEMA = schema;
} else {
  process.env.DATABASE_URL = `file:${join(scratch, "bench.db")}`;
}
process.env.DATA_DIR = scratch;
process.env.APP_MODE ??= "sample";

const { getEnv } = await import("@/lib/env");
const { applyMigrations } = await import("@/lib/migrations/apply");
const { getDb, disconnectDb } = await import("@/lib/db");
const { importSource } = await import("@/lib/sources/import");
const { SYSTEM_ACTOR } = await import("@/lib/permissions");
const { LARGEST_BENCH_TEXT, repeatedArticle } = await import("./support/repeated-article");
const { SAMPLE_PEOPLE } = await import("@/prisma/sample/data");
const { createPerson } = await import("@/lib/people/mutations");

try {
  await applyMigrations(getEnv());
  const db = getDb();
  if (values.people === "sample") {
    for (const person of SAMPLE_PEOPLE) await createPerson(db, SYSTEM_ACTOR, person);
  }
  const content = values.file
    ? readFileSync(values.file, "utf8")
    : repeatedArticle(Math.min(Number(values.megabytes) * 1048576, LARGEST_BENCH_TEXT));
  const bytes = Buffer.byteLength(content);
  const rssBefore = process.memoryUsage().rss;
  const stages = new Map<string, number>();
  let stageStart = performance.now();
  let current: string | undefined;
  const start = performance.now();
  const result = await importSource(
    db,
    SYSTEM_ACTOR,
    { content, title: "Import benchmark" },
    {
      onProgress: ({ stage }: { stage: string }) => {
        if (stage === current) return;
        const now = performance.now();
        if (current) stages.set(current, (stages.get(current) ?? 0) + now - stageStart);
        current = stage;
        stageStart = now;
      },
    },
  );
  const totalMs = performance.now() - start;
  if (current) stages.set(current, (stages.get(current) ?? 0) + performance.now() - stageStart);
  const mentions = await db.personMention.count({ where: { sourceId: result.sourceId } });
  const suggestions = await db.personSuggestion.count({ where: { sourceId: result.sourceId } });
  const documents = await db.searchDocument.count({ where: { sourceId: result.sourceId } });
  console.log(
    `\nImport benchmark on ${kind}: ${(bytes / 1048576).toFixed(2)} MB, ${values.people === "sample" ? SAMPLE_PEOPLE.length : 0} people known`,
  );
  for (const [stage, ms] of stages) console.log(`  ${stage.padEnd(28)} ${(ms / 1000).toFixed(2)} s`);
  console.log(`  ${"total".padEnd(28)} ${(totalMs / 1000).toFixed(2)} s`);
  console.log(`  ${"throughput".padEnd(28)} ${(bytes / 1048576 / (totalMs / 1000)).toFixed(2)} MB/s`);
  console.log(
    `  ${"rows".padEnd(28)} ${result.passageCount} passages, ${documents} search documents, ${mentions} mention rows, ${suggestions} suggestions`,
  );
  // maxRSS is in kilobytes: the peak of the whole process, the scratch database's set-up included.
  console.log(
    `  ${"peak RSS".padEnd(28)} ${Math.round(process.resourceUsage().maxRSS / 1024)} MB (${Math.round(rssBefore / 1048576)} MB before the import)`,
  );
} finally {
  await disconnectDb();
  rmSync(scratch, { recursive: true, force: true });
  if (kind === "postgres") {
    const client = new pg.Client({ connectionString: postgresUrl });
    await client.connect();
    await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
    await client.end();
  }
}
