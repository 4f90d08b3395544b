// A question's matrix as CSV (RFC 4180), for a spreadsheet. Pure.
import type { QuestionMatrixDto } from "./queries";

/**
 * One field: quoted when it holds a comma, quote or line break; and a leading =, +, -, @, tab or
 * carriage return gets an apostrophe, so a spreadsheet shows a passage that starts like a formula
 * instead of running it (OWASP's advice on CSV injection).
 */
export function csvField(value: string | number | null): string {
  if (value === null) return "";
  let text = String(value);
  if (typeof value === "string" && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

const MARK_WORDS = { consistent: "C", inconsistent: "I", neutral: "N" } as const;

/**
 * Claims in rows (ranked), evidence in columns. The header rows name each column's passage, source,
 * line of evidence and weight; each cell holds the consensus (C, I, N) and the marks behind it.
 */
export function matrixCsv(matrix: QuestionMatrixDto): string {
  const cells = new Map(matrix.cells.map((cell) => [`${cell.claimId}\u0000${cell.passageId}`, cell]));
  const rows: (string | number | null)[][] = [
    ["Question", matrix.question.title, "", "", ...matrix.columns.map((column) => column.text)],
    ["", "", "", "source", ...matrix.columns.map((column) => column.source.title)],
    ["", "", "", "line of evidence", ...matrix.columns.map((column) => column.origin?.name ?? "")],
    ["", "", "", "weight", ...matrix.columns.map((column) => column.weight)],
    ["rank", "claim", "weighted inconsistency", "weighted consistency", ...matrix.columns.map(() => "")],
  ];
  for (const claim of matrix.claims) {
    rows.push([
      claim.rank,
      claim.statement,
      claim.inconsistency,
      claim.consistency,
      ...matrix.columns.map((column) => {
        const cell = cells.get(`${claim.id}\u0000${column.passageId}`);
        if (!cell) return "";
        const { consistent, inconsistent, neutral } = cell.counts;
        return `${MARK_WORDS[cell.consensus]} (${consistent} C / ${inconsistent} I / ${neutral} N)`;
      }),
    ]);
  }
  return `${rows.map((row) => row.map(csvField).join(",")).join("\r\n")}\r\n`;
}
