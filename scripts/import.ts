// npm run import -- <file> --title "…" [--author "…" (repeatable)] [--url …] [--published YYYY[-MM[-DD]]]
//                  [--accessed …] [--publisher "…"] [--kind web_page|article|book|archive_document|other]
//                  [--language en] [--format text|markdown|html] [--version-of <source id>]
import { readFileSync, statSync } from "node:fs";
import { basename } from "node:path";
import { parseArgs } from "node:util";
import { disconnectDb, getDb } from "@/lib/db";
import { getEnv } from "@/lib/env";
import { isAppError } from "@/lib/errors";
import { applyMigrations } from "@/lib/migrations/apply";
import { SYSTEM_ACTOR } from "@/lib/permissions";
import { importSource } from "@/lib/sources/import";
import { MAX_SOURCE_BYTES } from "@/lib/sources/schemas";
import { importSourceVersion } from "@/lib/sources/versions";
import { progressLine } from "./support/progress-line";

const USAGE = `usage: npm run import -- <file> --title "Title" [--author "Name"]... [--url URL] [--published YYYY[-MM[-DD]]]
       [--accessed YYYY-MM-DD] [--publisher "Site"] [--kind web_page|article|book|archive_document|other]
       [--language en] [--format text|markdown|html] [--version-of <source id>]
--version-of imports the file as a new version of that source (its newest version): fields not
given keep that version's title, authors and other details, and its citations are re-anchored.`;

function fail(message: string): never {
  console.error(`✗ ${message}`);
  process.exit(2);
}

function parseCommandLine() {
  try {
    return parseArgs({
      allowPositionals: true,
      options: {
        title: { type: "string" },
        author: { type: "string", multiple: true },
        url: { type: "string" },
        published: { type: "string" },
        accessed: { type: "string" },
        publisher: { type: "string" },
        kind: { type: "string" },
        language: { type: "string" },
        format: { type: "string" },
        "version-of": { type: "string" },
        help: { type: "boolean", short: "h" },
      },
    });
  } catch (error) {
    fail(`${(error as Error).message}\n${USAGE}`);
  }
}
const { values, positionals } = parseCommandLine();
if (values.help) {
  console.log(USAGE);
  process.exit(0);
}
if (positionals.length !== 1) fail(`give exactly one file to import\n${USAGE}`);
const file = positionals[0]!;
let size: number;
try {
  size = statSync(file).size;
} catch {
  fail(`file: cannot read ${file}`);
}
if (size > MAX_SOURCE_BYTES)
  fail(`file: ${file} is ${(size / 1048576).toFixed(1)} MB; the limit is ${MAX_SOURCE_BYTES / 1048576} MB`);

const env = getEnv();
await applyMigrations(env);
const versionOf = values["version-of"];
// Stage and percent on a terminal, for imports that take more than a second.
const progress = progressLine();
const options = { onProgress: progress.update };
try {
  const fields = {
    content: new Uint8Array(readFileSync(file)),
    title: values.title,
    authors: values.author ?? [],
    url: values.url,
    publishedDate: values.published,
    accessedDate: values.accessed ?? new Date().toISOString().slice(0, 10),
    publisher: values.publisher,
    kind: values.kind,
    language: values.language,
    format: values.format,
    fileName: basename(file),
  };
  if (versionOf !== undefined) {
    const result = await importSourceVersion(getDb(), SYSTEM_ACTOR, { ...fields, sourceId: versionOf }, options);
    progress.clear();
    const { moved, changed, notFound } = result.citations;
    console.log(
      `✓ Imported "${result.title}" as version ${result.versionNumber}, source ${result.sourceId} (${result.passageCount} passages).\n` +
        `  Citations of the previous version: ${moved} moved, ${changed} wait for a moderator (changed words), ${notFound} not found (kept on the previous version).`,
    );
  } else {
    const result = await importSource(getDb(), SYSTEM_ACTOR, fields, options);
    progress.clear();
    console.log(
      result.created
        ? `✓ Imported "${result.title}" as source ${result.sourceId} (${result.passageCount} passages).`
        : `• Already imported: the same text is source ${result.sourceId} ("${result.title}"); nothing written.`,
    );
  }
} catch (error) {
  progress.clear();
  if (isAppError(error)) {
    const flags: Record<string, string> = {
      publishedDate: "--published",
      accessedDate: "--accessed",
      authors: "--author",
      sourceId: "--version-of",
    };
    const field = error.field ?? "";
    fail(flags[field] ? error.message.replace(field, flags[field]) : error.message);
  }
  throw error;
} finally {
  await disconnectDb();
}
