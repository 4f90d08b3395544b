import Link from "next/link";
import type { ReactNode } from "react";
import type { Mark } from "@/lib/questions/matrix";
import type { MatrixCellDto, QuestionMatrixDto } from "@/lib/questions/queries";

const MARK_LABELS: Record<Mark, string> = {
  consistent: "Consistent",
  inconsistent: "Inconsistent",
  neutral: "Neutral",
};
const MARK_SIGNS: Record<Mark, string> = { consistent: "C", inconsistent: "I", neutral: "–" };

const short = (text: string, length = 110) => (text.length > length ? `${text.slice(0, length - 1)}…` : text);

/** One cell: the team's consensus, how many said what, and how split they are. */
function CellSummary({ cell }: { cell: MatrixCellDto }) {
  const { consistent, inconsistent, neutral } = cell.counts;
  return (
    <span className={`matrix-mark matrix-${cell.consensus}`}>
      <abbr title={MARK_LABELS[cell.consensus]}>{MARK_SIGNS[cell.consensus]}</abbr>
      <span className="visually-hidden">{MARK_LABELS[cell.consensus]}</span>
      <span className="small muted">
        {" "}
        {consistent}/{inconsistent}/{neutral}
        {cell.disagreement >= 0.34 ? " · split" : ""}
      </span>
    </span>
  );
}

/**
 * A question's matrix, hypotheses in rows (the layout that reduced confirmation bias in Dhami et
 * al. 2024) and evidence in columns; on a narrow screen, each claim folds out into its evidence.
 * `markControl` renders a member's control for one cell (a form bound to a server action), if any.
 */
export function QuestionMatrix({
  matrix,
  markControl,
}: {
  matrix: QuestionMatrixDto;
  markControl?: (cell: MatrixCellDto, place: "table" | "folded") => ReactNode;
}) {
  const cells = new Map(matrix.cells.map((cell) => [`${cell.claimId}\u0000${cell.passageId}`, cell]));
  const diagnostic = new Set(matrix.diagnostic.slice(0, 3).map((item) => item.passageId));
  const columnNumber = new Map(matrix.columns.map((column, index) => [column.passageId, index + 1]));
  if (matrix.claims.length === 0) return <p className="empty">No claim competes in this question yet.</p>;
  if (matrix.columns.length === 0)
    return <p className="empty">No evidence is cited on these claims yet: cite passages on them to weigh them here.</p>;
  return (
    <>
      {/* Scrolls sideways on a narrow screen; its links and controls take keyboard focus. */}
      <section className="matrix-scroll" aria-label="Matrix of claims and evidence">
        <table className="matrix">
          <caption className="visually-hidden">
            Claims in rows, ranked by weighted inconsistency; evidence in columns. Each cell: the team's mark and the
            count of consistent / inconsistent / neutral marks.
          </caption>
          <thead>
            <tr>
              <th scope="col">Rank</th>
              <th scope="col">Claim</th>
              <th scope="col">Against</th>
              {matrix.columns.map((column) => (
                <th
                  key={column.passageId}
                  scope="col"
                  className={diagnostic.has(column.passageId) ? "matrix-diagnostic" : undefined}
                >
                  <a href={column.url} title={column.text}>
                    E{columnNumber.get(column.passageId)}
                  </a>
                  {diagnostic.has(column.passageId) && <span className="small"> separates</span>}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {matrix.claims.map((claim) => (
              <tr key={claim.id}>
                <td>{claim.rank}</td>
                <th scope="row">
                  <Link href={`/claims/${claim.slug}`}>{claim.statement}</Link>
                </th>
                <td>{claim.inconsistency.toFixed(2)}</td>
                {matrix.columns.map((column) => {
                  const cell = cells.get(`${claim.id}\u0000${column.passageId}`)!;
                  return (
                    <td
                      key={column.passageId}
                      className={diagnostic.has(column.passageId) ? "matrix-diagnostic" : undefined}
                    >
                      <CellSummary cell={cell} />
                      {markControl?.(cell, "table")}
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </section>
      <div className="matrix-folded">
        {matrix.claims.map((claim) => (
          <details key={claim.id} className="card">
            <summary>
              {claim.rank}. {claim.statement}{" "}
              <span className="small muted">against: {claim.inconsistency.toFixed(2)}</span>
            </summary>
            <ul className="stack">
              {matrix.columns.map((column) => {
                const cell = cells.get(`${claim.id}\u0000${column.passageId}`)!;
                return (
                  <li key={column.passageId}>
                    <CellSummary cell={cell} /> E{columnNumber.get(column.passageId)}: {short(column.text)}
                    {markControl?.(cell, "folded")}
                  </li>
                );
              })}
            </ul>
          </details>
        ))}
      </div>
      <h3>The evidence</h3>
      <ol className="matrix-evidence">
        {matrix.columns.map((column) => (
          <li key={column.passageId} value={columnNumber.get(column.passageId)}>
            <a href={column.url}>“{short(column.text, 240)}”</a> <span className="muted">{column.source.title}</span>
            <span className="small muted">
              {" "}
              · weight {column.weight.toFixed(2)} (reliability {column.reliability ?? "unrated"}, credibility{" "}
              {column.credibility ?? "unrated"}){column.origin ? ` · line of evidence: ${column.origin.name}` : ""}
            </span>
          </li>
        ))}
      </ol>
    </>
  );
}
