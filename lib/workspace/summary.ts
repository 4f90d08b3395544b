import "server-only";
import type { ExportSummary } from "./export";
import type { RestoreReport } from "./restore";

// What `npm run export` and `npm run restore` print: what moved, what was left out and what that means.

const count = (value: number) => value.toLocaleString("en");

function size(bytes: number): string {
  return bytes >= 1024 * 1024
    ? `${(bytes / 1024 / 1024).toFixed(1)} MB`
    : `${Math.max(1, Math.round(bytes / 1024))} KB`;
}

export function describeExport(
  summary: ExportSummary,
  context: { file: string; from: string; seconds: number; withPasswordHashes: boolean },
): string[] {
  const total = Object.values(summary.rows).reduce((sum, rows) => sum + rows, 0);
  const tables = Object.keys(summary.rows).length;
  const lines = [
    `✓ Exported ${count(total)} rows of ${tables} tables from ${context.from} to ${context.file} (${size(summary.bytes)}) in ${context.seconds.toFixed(1)} s.`,
    `  ${Object.entries(summary.rows)
      .map(([table, rows]) => `${table} ${count(rows)}`)
      .join(", ")}`,
  ];
  const hashes = summary.leftOut["User.passwordHash"];
  if (hashes !== undefined) {
    lines.push(
      hashes > 0
        ? `  Left out: the password hashes of ${count(hashes)} member(s). Restored from this file, they cannot sign in with a password; export with --with-password-hashes to move them.`
        : "  Left out: password hashes (no member had one).",
    );
  } else if (context.withPasswordHashes) {
    lines.push("  Password hashes are in the file: keep it as private as the database itself.");
  }
  const tokens = Object.entries(summary.leftOut).filter(([column]) => column.startsWith("Account."));
  const linked = Math.max(0, ...tokens.map(([, rows]) => rows));
  lines.push(
    `  Never exported: OAuth access, refresh and ID tokens${linked > 0 ? ` (held for ${count(linked)} linked account(s))` : ""}; the app does not use them and the links themselves move.`,
  );
  lines.push(
    `  Not moved: ${Object.entries(summary.notMoved)
      .map(([what, why]) => `${what} (${why})`)
      .join("; ")}.`,
  );
  return lines;
}

export function describeRestore(
  report: RestoreReport,
  context: { file: string; to: string; seconds: number },
): string[] {
  const total = Object.values(report.rows).reduce((sum, rows) => sum + rows, 0);
  const lines = [
    `✓ Restored ${count(total)} rows from ${context.file} (exported ${report.header.exportedAt} from ${report.header.database}) into ${context.to} in ${context.seconds.toFixed(1)} s; search index: ${count(report.indexed)} document(s) built.`,
  ];
  for (const warning of report.warnings) lines.push(`! ${warning}`);
  return lines;
}
