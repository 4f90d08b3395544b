// `npm run eval`: how well suggested evidence, duplicate detection and people search do on the
// team's gold set (eval/gold.json, written from the sample texts), on SQLite and on PostgreSQL,
// beside a plain BM25 ranking of every sentence. Fails when a figure drops below eval/floor.json.
//   npm run eval                       both databases
//   npm run eval -- --database sqlite  one
//   npm run eval -- --write-floor      record this run's figures (the lower of the databases) as the floor
//   npm run eval -- --verbose          each claim's gold passages and the ranks they were found at
import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { parseArgs } from "node:util";
import type { Summary } from "./eval/metrics";
import { startTestPostgres, stopOnSignals, type TestPostgres } from "./support/postgres";

const root = resolve(import.meta.dirname, "..");
const { values } = parseArgs({
  options: {
    database: { type: "string", multiple: true },
    "write-floor": { type: "boolean" },
    verbose: { type: "boolean" },
  },
});
const databases = values.database ?? ["sqlite", "postgres"];
const floorFile = join(root, "eval/floor.json");

type Report = {
  database: string;
  gold: { claims: number; paraphrases: number; spellings: number };
  app: Summary;
  bm25: Summary;
  duplicates: {
    nearMissesOffered: string[];
    recallAt3: number;
    asked: number;
    nearMissesFlagged: number;
    nearMisses: number;
    medianMillis: number;
    misses: string[];
  };
  oppositeCited: {
    pairs: number;
    recallAt10OfCited: number;
    cited: number;
    stanceAccuracy: number | null;
    recallAt10: number;
  };
  spellings: { recall: number; misses: string[] };
  perClaim: { id: string; app: (number | null)[]; bm25: (number | null)[]; quotes: string[] }[];
};

/** The figures that must not drop, by name. */
function figures(report: Report): Record<string, number> {
  return {
    "recall@10": report.app.recallAt10.all!,
    "recall@10 supporting": report.app.recallAt10.supports!,
    "recall@10 contradicting": report.app.recallAt10.contradicts!,
    "recall@5": report.app.recallAt5.all!,
    MRR: report.app.mrr,
    "two-sided claims with both sides in the top 10": report.app.twoSided
      ? report.app.bothSidesInTop10 / report.app.twoSided
      : 1,
    "stance accuracy": report.app.stanceAccuracy ?? 0,
    "duplicate recall@3": report.duplicates.recallAt3,
    "people found under other spellings": report.spellings.recall,
    "opposite claim cited: its passages in the top 10": report.oppositeCited.recallAt10OfCited,
    "opposite claim cited: stance right": report.oppositeCited.stanceAccuracy ?? 0,
  };
}

let postgres: TestPostgres | undefined;
const workDir = mkdtempSync(join(tmpdir(), "factcheck-eval-"));
stopOnSignals(async () => {
  await postgres?.stop();
  rmSync(workDir, { recursive: true, force: true });
});

function runOne(
  database: string,
  settings: { DATABASE_URL: string; DATABASE_SCHEMA?: string },
  output: string,
): Promise<void> {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    ...settings,
    APP_MODE: "sample",
    DATA_DIR: join(workDir, `${database}-data`),
  };
  if (!settings.DATABASE_SCHEMA) delete env.DATABASE_SCHEMA;
  return new Promise((done, fail) => {
    const child = spawn(
      process.execPath,
      // react-server: lib's "server-only" modules load as in Next.js's server (see `npm start`).
      [
        join(root, "node_modules/tsx/dist/cli.mjs"),
        "--conditions=react-server",
        join(root, "scripts/eval/run-one.ts"),
        output,
      ],
      {
        cwd: root,
        stdio: ["ignore", "inherit", "inherit"],
        env,
      },
    );
    child.on("exit", (code) =>
      code === 0 ? done() : fail(new Error(`evaluation on ${database} exited with ${code}`)),
    );
  });
}

const percent = (value: number | null) => (value === null ? "—" : `${(value * 100).toFixed(0)}%`);
const reports: Report[] = [];
try {
  for (const database of databases) {
    const output = join(workDir, `${database}.json`);
    if (database === "sqlite") {
      await runOne(database, { DATABASE_URL: `file:${join(workDir, "eval.db")}` }, output);
    } else if (database === "postgres") {
      postgres ??= await startTestPostgres(process.env.TEST_POSTGRES_URL || undefined);
      await runOne(
        database,
        { DATABASE_URL: postgres.url, DATABASE_SCHEMA: `eval_${Date.now().toString(36)}` },
        output,
      );
    } else {
      throw new Error(`unknown database ${database} (sqlite, postgres)`);
    }
    reports.push(JSON.parse(readFileSync(output, "utf8")) as Report);
  }
} finally {
  await postgres?.stop();
}

const first = reports[0]!;
console.log(
  `\nGold set: ${first.gold.claims} claims (${first.app.twoSided} with both sides), ${first.gold.paraphrases} paraphrases and near misses, ${first.gold.spellings} spellings\n`,
);
const rows: [string, (report: Report) => string][] = [
  [
    "recall@5 (all / supporting / contradicting)",
    (r) =>
      `${percent(r.app.recallAt5.all!)} / ${percent(r.app.recallAt5.supports!)} / ${percent(r.app.recallAt5.contradicts!)}`,
  ],
  [
    "recall@10 (all / supporting / contradicting)",
    (r) =>
      `${percent(r.app.recallAt10.all!)} / ${percent(r.app.recallAt10.supports!)} / ${percent(r.app.recallAt10.contradicts!)}`,
  ],
  ["contradicting recall@10, low-overlap claims", (r) => percent(r.app.lowOverlapContradictingRecallAt10)],
  ["MRR", (r) => r.app.mrr.toFixed(2)],
  ["both sides in the top 10 (two-sided claims)", (r) => `${r.app.bothSidesInTop10} of ${r.app.twoSided}`],
  [
    "stance suggested right (gold passages returned)",
    (r) => `${percent(r.app.stanceAccuracy)} of ${r.app.stanceJudged}`,
  ],
  ["median time per claim", (r) => `${r.app.medianMillis.toFixed(0)} ms`],
  [
    "BM25 baseline recall@10 (all / sup / contra)",
    (r) =>
      `${percent(r.bm25.recallAt10.all!)} / ${percent(r.bm25.recallAt10.supports!)} / ${percent(r.bm25.recallAt10.contradicts!)}`,
  ],
  [
    "BM25 baseline MRR, both sides in top 10",
    (r) => `${r.bm25.mrr.toFixed(2)}, ${r.bm25.bothSidesInTop10} of ${r.bm25.twoSided}`,
  ],
  [
    "opposite claim cited: its passages in the top 10",
    (r) =>
      `${percent(r.oppositeCited.recallAt10OfCited)} of ${r.oppositeCited.cited} (${r.oppositeCited.pairs} claims)`,
  ],
  ["opposite claim cited: stance right", (r) => percent(r.oppositeCited.stanceAccuracy)],
  ["opposite claim cited: recall@10 (all)", (r) => percent(r.oppositeCited.recallAt10)],
  ["duplicate recall@3", (r) => `${percent(r.duplicates.recallAt3)} of ${r.duplicates.asked}`],
  ["near misses offered as duplicates", (r) => `${r.duplicates.nearMissesFlagged} of ${r.duplicates.nearMisses}`],
  ["people found under other spellings", (r) => percent(r.spellings.recall)],
];
const width = Math.max(...rows.map(([label]) => label.length));
console.log(`${"".padEnd(width)}  ${reports.map((report) => report.database.padEnd(22)).join("")}`);
for (const [label, cell] of rows)
  console.log(`${label.padEnd(width)}  ${reports.map((report) => cell(report).padEnd(22)).join("")}`);
for (const report of reports) {
  if (report.duplicates.misses.length)
    console.log(`\n${report.database}: paraphrases not found: ${report.duplicates.misses.join(" | ")}`);
  if (report.duplicates.nearMissesOffered.length)
    console.log(
      `${report.database}: near misses offered as duplicates: ${report.duplicates.nearMissesOffered.join(" | ")}`,
    );
  if (report.spellings.misses.length)
    console.log(`${report.database}: spellings not found: ${report.spellings.misses.join(", ")}`);
}
if (values.verbose) {
  for (const claim of first.perClaim) {
    console.log(`\n${claim.id}`);
    claim.quotes.forEach((quote, index) => {
      const app = String(claim.app[index] ?? "—").padStart(2);
      const bm25 = String(claim.bm25[index] ?? "—").padStart(2);
      console.log(`  app ${app}  bm25 ${bm25}  ${quote.slice(0, 110)}`);
    });
  }
}

// The floor: each figure's lowest value over the databases.
const measured: Record<string, number> = {};
for (const report of reports) {
  for (const [name, value] of Object.entries(figures(report))) measured[name] = Math.min(measured[name] ?? 1, value);
}
rmSync(workDir, { recursive: true, force: true });
if (values["write-floor"]) {
  writeFileSync(floorFile, `${JSON.stringify(measured, null, 2)}\n`);
  console.log(`\nRecorded the floor in ${floorFile}.`);
  process.exit(0);
}
if (!existsSync(floorFile)) {
  console.error(`\n✗ No floor recorded (${floorFile}); run with --write-floor once.`);
  process.exit(1);
}
const floor = JSON.parse(readFileSync(floorFile, "utf8")) as Record<string, number>;
const drops = Object.entries(floor).filter(([name, value]) => (measured[name] ?? 0) < value - 1e-9);
if (drops.length > 0) {
  console.error(
    `\n✗ Below the recorded floor: ${drops.map(([name, value]) => `${name} ${percent(measured[name] ?? 0)} < ${percent(value)}`).join("; ")}`,
  );
  process.exit(1);
}
console.log("\n✓ Every figure is at or above the recorded floor (eval/floor.json).");
process.exit(0);
