// npm run bench [-- --database postgres] [--passages N] [--only claims|search]: import throughput,
// read-path latency and search over a generated library of N passages, on a scratch database.
// Figures go in the README; nothing here is asserted by the test suite.
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import pg from "pg";

const { values } = parseArgs({
  options: {
    database: { type: "string", default: "sqlite" },
    claims: { type: "string", default: "10000" },
    passages: { type: "string", default: "1000000" },
    only: { type: "string" },
    // Keep the SQLite database in this file and reuse its generated library on the next run.
    file: { type: "string" },
    // The same for PostgreSQL: keep this schema (and its library) instead of a throwaway one.
    schema: { type: "string" },
  },
});
const passageCount = Number(values.passages);
const runClaims = values.only === undefined || values.only === "claims";
const runSearch = (values.only === undefined || values.only === "search") && passageCount > 0;
const kind = values.database;
const claimCount = Number(values.claims);
const scratch = mkdtempSync(join(tmpdir(), "factcheck-bench-"));
const schema = values.schema ?? `bench_${Date.now().toString(36)}`;
const postgresUrl = process.env.TEST_POSTGRES_URL ?? "postgresql://postgres@127.0.0.1:5432/test";
if (kind === "postgres") {
  process.env.DATABASE_URL = postgresUrl;
  process.env.DATABASE_SCHEMA = schema;
} else {
  process.env.DATABASE_URL = `file:${values.file ?? join(scratch, "bench.db")}`;
}
process.env.DATA_DIR = scratch;
process.env.APP_MODE ??= "sample";

const { getEnv } = await import("@/lib/env");
const { applyMigrations } = await import("@/lib/migrations/apply");
const { getDb, disconnectDb } = await import("@/lib/db");
type Db = ReturnType<typeof getDb>;
const { importSource } = await import("@/lib/sources/import");
const { prepareSource } = await import("@/lib/sources/import");
const { listClaims, getClaim } = await import("@/lib/claims/queries");
const { SYSTEM_ACTOR } = await import("@/lib/permissions");
const { loadSampleData, SAMPLE_CORPUS_DIR } = await import("@/prisma/sample/load");
const { foldText } = await import("@/lib/text/fold");
const { publicReadCache } = await import("@/lib/cache/public-reads");

function median(samples: number[]): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}
/**
 * The median time of `work`, each run a miss: reads for anonymous readers are remembered
 * (lib/cache/public-reads.ts), so without clearing them every run after the first would time a
 * lookup in memory, not the read.
 */
async function time(runs: number, work: () => Promise<unknown>): Promise<number> {
  publicReadCache().clear();
  await work();
  const samples: number[] = [];
  for (let index = 0; index < runs; index++) {
    publicReadCache().clear();
    const start = performance.now();
    await work();
    samples.push(performance.now() - start);
  }
  return median(samples);
}

const rows: [string, string][] = [];
/** Records a figure and prints it at once, so a long run shows progress. */
function report(label: string, value: string) {
  rows.push([label, value]);
  console.log(`  ${label.padEnd(52)} ${value}`);
}
try {
  await applyMigrations(getEnv());
  const db = getDb();
  const corpus = readFileSync(join(SAMPLE_CORPUS_DIR, "kirov-assassination.txt"), "utf8");
  if (runClaims) await benchClaims(db, corpus);
  if (runSearch) await benchSearch(db);
  rows.push(["heap used after run", `${Math.round(process.memoryUsage().heapUsed / 1048576)} MB`]);
} finally {
  await disconnectDb();
  if (!values.file) rmSync(scratch, { recursive: true, force: true });
  if (kind === "postgres" && !values.schema) {
    const client = new pg.Client({ connectionString: postgresUrl });
    await client.connect();
    await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
    await client.end();
  }
}

console.log(`\nBenchmark on ${kind}\n`);
for (const [label, value] of rows) console.log(`  ${label.padEnd(52)} ${value}`);

async function benchSearch(db: Db) {
  const { generateLibrary, SEARCH_QUERIES } = await import("./bench-search");
  const { search } = await import("@/lib/search/queries");
  const corpus = ["kirov-assassination.txt", "serov.txt", "spigelglas.txt"]
    .map((file) => readFileSync(join(SAMPLE_CORPUS_DIR, file), "utf8"))
    .join("\n\n");
  const existing = await db.searchDocument.count({ where: { kind: "passage", refId: { startsWith: "bench-" } } });
  if (existing < passageCount) {
    console.log(`Generating ${passageCount.toLocaleString("en")} passages…`);
    const generatedMs = await generateLibrary(db, corpus, passageCount, (line) => console.log(line));
    report(`generate and index ${passageCount.toLocaleString("en")} passages`, `${(generatedMs / 1000).toFixed(0)} s`);
  }
  const { insertPerson, parsePersonInput } = await import("@/lib/people/mutations");
  if (!(await db.person.findUnique({ where: { slug: "leonid-nikolaev" } }))) {
    // Only the person, not a mention scan of the generated library.
    const person = parsePersonInput({ name: "Leonid Nikolaev", aliases: ["Nikolayev", "Nikolaev"] });
    await db.$transaction((tx) => insertPerson(tx, SYSTEM_ACTOR, person, "leonid-nikolaev"));
  }
  if (kind === "postgres") await db.$executeRawUnsafe('ANALYZE "SearchDocument"');
  for (const { label, input } of SEARCH_QUERIES) {
    let total = 0;
    const ms = await time(15, async () => {
      const result = await search(db, null, input);
      total = result.total;
    });
    report(`search ${label}`, `${ms.toFixed(1)} ms (${total >= 1000 ? "1000+" : total} hits)`);
  }

  // Suggested evidence and duplicate detection read the same index.
  const { suggestEvidence } = await import("@/lib/claims/suggestions");
  const { findSimilarClaims } = await import("@/lib/claims/similar");
  const { indexClaim } = await import("@/lib/search/documents");
  for (const [slug, name, aliases] of [
    ["joseph-stalin", "Joseph Stalin", ["Stalin"]],
    ["sergei-kirov", "Sergei Kirov", ["Kirov", "Sergey Kirov"]],
    // Named next to the murder words in many passages: suggestions look for the passages that make
    // such a person the only doer too, one more read of the index.
    ["leonid-nikolaev", "Leonid Nikolaev", ["Nikolaev", "Nikolayev"]],
  ] as const) {
    if (await db.person.findUnique({ where: { slug } })) continue;
    const person = parsePersonInput({ name, aliases: [...aliases] });
    await db.$transaction((tx) => insertPerson(tx, SYSTEM_ACTOR, person, slug));
  }
  const statement = "Stalin ordered Kirov's murder";
  const claim =
    (await db.claim.findUnique({ where: { slug: "bench-stalin-ordered-kirovs-murder" } })) ??
    (await db.claim.create({
      data: {
        slug: "bench-stalin-ordered-kirovs-murder",
        statement,
        statementNormalized: foldText(statement),
        status: "published",
      },
    }));
  await db.$transaction((tx) => indexClaim(tx, claim));
  let suggested = 0;
  const suggestMs = await time(7, async () => {
    suggested = (await suggestEvidence(db, null, { claimId: claim.id, limit: 10 })).length;
  });
  report(`suggestEvidence "${statement}" (10)`, `${suggestMs.toFixed(1)} ms (${suggested} suggested)`);
  const similarMs = await time(15, () =>
    findSimilarClaims(db, null, { text: "Stalin was behind the killing of Kirov" }),
  );
  report("findSimilarClaims while typing", `${similarMs.toFixed(1)} ms`);
}

async function benchClaims(db: Db, corpus: string) {
  const cleanStart = performance.now();
  const prepared = prepareSource({ content: corpus, title: "bench" });
  rows.push([
    "clean + segment kirov-assassination.txt (49 KB)",
    `${(performance.now() - cleanStart).toFixed(1)} ms, ${prepared.passages.length} passages`,
  ]);

  const big = Array.from({ length: 80 }, (_, index) => `Copy ${index}.\n\n${corpus}`).join("\n\n");
  const bigStart = performance.now();
  const bigResult = await importSource(db, SYSTEM_ACTOR, { content: big, title: "4 MB bench source" });
  const bigMs = performance.now() - bigStart;
  rows.push([
    `import a ${(Buffer.byteLength(big) / 1048576).toFixed(1)} MB source`,
    `${(bigMs / 1000).toFixed(2)} s, ${bigResult.passageCount} passages (${Math.round(bigResult.passageCount / (bigMs / 1000))} passages/s)`,
  ]);

  await loadSampleData(db, { dataDir: scratch });
  const stalin = await db.claim.findFirstOrThrow({ where: { statement: "Stalin ordered Kirov's murder" } });

  const fillStart = performance.now();
  const batch = 1000;
  for (let offset = 0; offset < claimCount; offset += batch) {
    const data = Array.from({ length: Math.min(batch, claimCount - offset) }, (_, index) => {
      const statement = `Generated claim ${offset + index} about the purge of ${index % 2 ? "Leningrad" : "Moscow"} party officials`;
      const median = (offset + index) % 101;
      return {
        slug: `bench-${offset + index}`,
        statement,
        statementNormalized: foldText(statement),
        status: "published" as const,
        voteCount: 5,
        voteMedian: median,
        voteIqr: (offset + index) % 53,
        contested: (offset + index) % 53 >= 40,
        evidenceCount: (offset + index) % 7,
      };
    });
    await db.claim.createMany({ data });
  }
  rows.push([`insert ${claimCount} claims`, `${((performance.now() - fillStart) / 1000).toFixed(2)} s`]);

  rows.push(["listClaims page 1 (20 of all)", `${(await time(30, () => listClaims(db, null, {}))).toFixed(1)} ms`]);
  rows.push(["listClaims page 400", `${(await time(30, () => listClaims(db, null, { page: 400 }))).toFixed(1)} ms`]);
  rows.push([
    'listClaims q="leningrad purge"',
    `${(await time(30, () => listClaims(db, null, { q: "leningrad purge" }))).toFixed(1)} ms`,
  ]);
  rows.push([
    "listClaims sort=contested, page 100",
    `${(await time(30, () => listClaims(db, null, { sort: "contested", page: 100 }))).toFixed(1)} ms`,
  ]);
  rows.push([
    "listClaims confidence 40–60, sort=confidence_desc",
    `${(await time(30, () => listClaims(db, null, { minConfidence: 40, maxConfidence: 60, sort: "confidence_desc" }))).toFixed(1)} ms`,
  ]);
  rows.push([
    "listClaims person=Nikolayev",
    `${(await time(30, () => listClaims(db, null, { person: "Nikolayev" }))).toFixed(1)} ms`,
  ]);
  rows.push([
    "getClaim (10 evidence, 5 votes)",
    `${(await time(50, () => getClaim(db, null, { claimId: stalin.id }))).toFixed(1)} ms`,
  ]);
}
