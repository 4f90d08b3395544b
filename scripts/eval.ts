// `npm run eval`: how well suggested evidence, duplicate detection and people search do on the
// team's gold sets, on SQLite and on PostgreSQL, beside a plain BM25 ranking of every sentence:
// eval/gold.json, written from the sample texts, and eval/heldout/gold.json, written by another
// reader from texts on another subject that no method was tuned on (see eval/heldout/SOURCES.md).
// Fails when a figure drops below the floor recorded beside each gold set (floor.json).
//   npm run eval                              both databases, both gold sets
//   npm run eval -- --database sqlite         one database
//   npm run eval -- --gold eval/gold.json     one gold set
//   npm run eval -- --write-floor             record this run's figures (the lower of the databases) as the floors
//   npm run eval -- --verbose                 each claim's gold passages and the ranks they were found at
import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, relative, resolve } from "node:path";
import { parseArgs } from "node:util";
import type { Summary } from "./eval/metrics";
import { startTestPostgres, stopOnSignals, type TestPostgres } from "./support/postgres";

const root = resolve(import.meta.dirname, "..");
const { values } = parseArgs({
  options: {
    database: { type: "string", multiple: true },
    gold: { type: "string", multiple: true },
    "write-floor": { type: "boolean" },
    verbose: { type: "boolean" },
  },
});
const databases = values.database ?? ["sqlite", "postgres"];
const goldFiles = (values.gold ?? ["eval/gold.json", "eval/heldout/gold.json"]).map((file) => resolve(root, file));

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

/**
 * The figures that must not drop, by name; a figure the gold set gives nothing to measure (no spellings,
 * say) is left out, so that its floor cannot pass by default.
 */
function figures(report: Report): Record<string, number> {
  const measured: [string, number | null][] = [
    ["recall@10", report.app.recallAt10.all!],
    ["recall@10 supporting", report.app.recallAt10.supports!],
    ["recall@10 contradicting", report.app.recallAt10.contradicts!],
    ["recall@5", report.app.recallAt5.all!],
    ["MRR", report.app.mrr],
    [
      "two-sided claims with both sides in the top 10",
      report.app.twoSided ? report.app.bothSidesInTop10 / report.app.twoSided : null,
    ],
    ["stance accuracy", report.app.stanceAccuracy ?? 0],
    ["duplicate recall@3", report.duplicates.asked ? report.duplicates.recallAt3 : null],
    ["people found under other spellings", report.gold.spellings ? report.spellings.recall : null],
    [
      "opposite claim cited: its passages in the top 10",
      report.oppositeCited.cited ? report.oppositeCited.recallAt10OfCited : null,
    ],
    [
      "opposite claim cited: stance right",
      report.oppositeCited.pairs ? (report.oppositeCited.stanceAccuracy ?? 0) : null,
    ],
  ];
  return Object.fromEntries(measured.filter((entry): entry is [string, number] => entry[1] !== null));
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
  goldFile: string,
  output: string,
): Promise<void> {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    ...settings,
    APP_MODE: "sample",
    EVAL_GOLD: goldFile,
    DATA_DIR: join(workDir, `${database}-data-${Date.now().toString(36)}`),
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

/** Runs one gold set on every database asked for; prints its figures; false when one is below its floor. */
async function evaluate(goldFile: string, run: number): Promise<boolean> {
  const name = relative(root, goldFile);
  const floorFile = join(dirname(goldFile), "floor.json");
  const reports: Report[] = [];
  for (const database of databases) {
    const output = join(workDir, `${database}-${run}.json`);
    if (database === "sqlite") {
      await runOne(database, { DATABASE_URL: `file:${join(workDir, `eval-${run}.db`)}` }, goldFile, output);
    } else if (database === "postgres") {
      postgres ??= await startTestPostgres(process.env.TEST_POSTGRES_URL || undefined);
      await runOne(
        database,
        { DATABASE_URL: postgres.url, DATABASE_SCHEMA: `eval_${Date.now().toString(36)}` },
        goldFile,
        output,
      );
    } else {
      throw new Error(`unknown database ${database} (sqlite, postgres)`);
    }
    reports.push(JSON.parse(readFileSync(output, "utf8")) as Report);
  }

  const first = reports[0]!;
  console.log(
    `\nGold set ${name}: ${first.gold.claims} claims (${first.app.twoSided} with both sides), ${first.gold.paraphrases} paraphrases and near misses, ${first.gold.spellings} spellings\n`,
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
  if (values["write-floor"]) {
    writeFileSync(floorFile, `${JSON.stringify(measured, null, 2)}\n`);
    console.log(`\nRecorded the floor in ${relative(root, floorFile)}.`);
    return true;
  }
  if (!existsSync(floorFile)) {
    console.error(`\n✗ No floor recorded (${relative(root, floorFile)}); run with --write-floor once.`);
    return false;
  }
  const floor = JSON.parse(readFileSync(floorFile, "utf8")) as Record<string, number>;
  const drops = Object.entries(floor).filter(([name, value]) => (measured[name] ?? 0) < value - 1e-9);
  if (drops.length > 0) {
    console.error(
      `\n✗ Below the recorded floor: ${drops.map(([name, value]) => `${name} ${percent(measured[name] ?? 0)} < ${percent(value)}`).join("; ")}`,
    );
    return false;
  }
  console.log(`\n✓ Every figure is at or above the recorded floor (${relative(root, floorFile)}).`);
  return true;
}

let passed = true;
try {
  for (const [run, goldFile] of goldFiles.entries()) passed = (await evaluate(goldFile, run)) && passed;
} finally {
  await postgres?.stop();
  rmSync(workDir, { recursive: true, force: true });
}
process.exit(passed ? 0 : 1);
