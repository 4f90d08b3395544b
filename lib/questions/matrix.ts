// The analysis of competing hypotheses for one question: competing claims in rows, the evidence
// cited on any of them in columns, each member's mark per cell, and what the team's marks make of
// it. Pure: no database. docs/decisions/0022-questions-and-the-matrix.md.

export const MARKS = ["consistent", "inconsistent", "neutral"] as const;
export type Mark = (typeof MARKS)[number];

/** A piece of evidence (a passage) as a column: how much it weighs and the line of evidence it belongs to. */
export type MatrixColumn = {
  key: string;
  /** Source reliability × credibility, each in [0, 1] (0.5 for "cannot be judged" or unrated). */
  weight: number;
  /** Pieces sharing one origin are one line of evidence; a piece without an origin is its own line. */
  line: string;
};

export type MatrixInput = {
  claims: readonly { id: string }[];
  columns: readonly MatrixColumn[];
  /** The mark a cell takes for a member who has not marked it: from the evidence's stance on that claim. */
  defaultMark: (claimId: string, columnKey: string) => Mark;
  /** Members' own marks, by member. */
  marks: ReadonlyMap<string, ReadonlyMap<string, Mark>>;
};

export type CellResult = {
  claimId: string;
  columnKey: string;
  /** The mark most members give the cell (their own, or the default where they gave none). */
  consensus: Mark;
  counts: Record<Mark, number>;
  /** Share of members outside the largest group of like marks: 0 when all agree, 0.5 for an even split. */
  disagreement: number;
  /** Whether any member marked the cell, rather than every member taking its default. */
  marked: boolean;
};

export type ClaimStanding = {
  claimId: string;
  /** Weighted inconsistency: the sum over lines of evidence of the strongest inconsistent piece. */
  inconsistency: number;
  /** The same for consistency, which only breaks ties: ACH ranks by what argues against a hypothesis. */
  consistency: number;
  /** 1 for the least inconsistent; claims with the same figures share a rank. */
  rank: number;
};

export type MatrixResult = {
  cells: CellResult[];
  ranking: ClaimStanding[];
  /** Columns by how differently they bear on the claims (weighted spread of inconsistency), most first. */
  diagnostic: { columnKey: string; spread: number }[];
  /** Lines of evidence which, if discredited (weight 0), would change the ranking, with the ranking it would become. */
  pivotal: { line: string; columnKeys: string[]; ranking: string[]; leaderChanges: boolean }[];
};

export const cellKey = (claimId: string, columnKey: string) => `${claimId}\u0000${columnKey}`;

const EPSILON = 1e-9;
const rounded = (value: number) => Math.round(value * 1e9) / 1e9;

/** Each cell's marks: one per member (their own or the cell's default), or the default alone when nobody marked anything. */
function cellsOf(input: MatrixInput): CellResult[] {
  const members = [...input.marks.values()];
  const cells: CellResult[] = [];
  for (const claim of input.claims) {
    for (const column of input.columns) {
      const fallback = input.defaultMark(claim.id, column.key);
      const counts: Record<Mark, number> = { consistent: 0, inconsistent: 0, neutral: 0 };
      let marked = false;
      if (members.length === 0) counts[fallback]++;
      for (const own of members) {
        const mark = own.get(cellKey(claim.id, column.key));
        if (mark) marked = true;
        counts[mark ?? fallback]++;
      }
      const total = counts.consistent + counts.inconsistent + counts.neutral;
      // Ties go to neutral, then to the default: a split team has not decided.
      const most = Math.max(counts.consistent, counts.inconsistent, counts.neutral);
      const leading = MARKS.filter((mark) => counts[mark] === most);
      const consensus: Mark = leading.length === 1 ? leading[0]! : leading.includes(fallback) ? fallback : "neutral";
      cells.push({
        claimId: claim.id,
        columnKey: column.key,
        consensus,
        counts,
        disagreement: total === 0 ? 0 : (total - most) / total,
        marked,
      });
    }
  }
  return cells;
}

/** Share of a cell's marks that say `mark`. */
const share = (cell: CellResult, mark: Mark) => {
  const total = cell.counts.consistent + cell.counts.inconsistent + cell.counts.neutral;
  return total === 0 ? 0 : cell.counts[mark] / total;
};

function rank(
  claims: readonly { id: string }[],
  columns: readonly MatrixColumn[],
  cells: ReadonlyMap<string, CellResult>,
): ClaimStanding[] {
  const lines = new Map<string, MatrixColumn[]>();
  for (const column of columns) lines.set(column.line, [...(lines.get(column.line) ?? []), column]);
  const standings = claims.map((claim) => {
    let inconsistency = 0;
    let consistency = 0;
    // A line of evidence counts once, as strongly as its strongest piece: many passages repeating
    // one witness cannot outweigh one independent piece of the same weight.
    for (const members of lines.values()) {
      let against = 0;
      let towards = 0;
      for (const column of members) {
        const cell = cells.get(cellKey(claim.id, column.key))!;
        against = Math.max(against, column.weight * share(cell, "inconsistent"));
        towards = Math.max(towards, column.weight * share(cell, "consistent"));
      }
      inconsistency += against;
      consistency += towards;
    }
    // Rounded, so that sums reached in another order compare equal and ties are ties.
    return { claimId: claim.id, inconsistency: rounded(inconsistency), consistency: rounded(consistency), rank: 0 };
  });
  const order = [...standings].sort(
    (a, b) => a.inconsistency - b.inconsistency || b.consistency - a.consistency || a.claimId.localeCompare(b.claimId),
  );
  order.forEach((standing, index) => {
    const previous = order[index - 1];
    const tied =
      previous && previous.inconsistency === standing.inconsistency && previous.consistency === standing.consistency;
    standing.rank = tied ? previous.rank : index + 1;
  });
  return order;
}

/** The claims ranked first (more than one when tied), as one comparable string. */
const leaders = (ranking: readonly ClaimStanding[]) =>
  ranking
    .filter((standing) => standing.rank === 1)
    .map((standing) => standing.claimId)
    .sort()
    .join(" ");

const sameRanking = (a: readonly ClaimStanding[], b: readonly ClaimStanding[]) =>
  a.length === b.length &&
  a.every((standing, index) => standing.claimId === b[index]!.claimId && standing.rank === b[index]!.rank);

/**
 * The team's reading of the matrix: each cell's consensus and disagreement, the claims ranked by
 * how little weighted evidence is inconsistent with them, the evidence that best tells them apart,
 * and the lines of evidence on which the ranking turns.
 */
export function analyseMatrix(input: MatrixInput): MatrixResult {
  const cells = cellsOf(input);
  const byKey = new Map(cells.map((cell) => [cellKey(cell.claimId, cell.columnKey), cell]));
  const ranking = rank(input.claims, input.columns, byKey);

  const diagnostic = input.columns
    .map((column) => {
      const against = input.claims.map(
        (claim) => column.weight * share(byKey.get(cellKey(claim.id, column.key))!, "inconsistent"),
      );
      const spread = against.length > 1 ? Math.max(...against) - Math.min(...against) : 0;
      return { columnKey: column.key, spread: Math.round(spread * 1000) / 1000 };
    })
    .filter((item) => item.spread > EPSILON)
    .sort((a, b) => b.spread - a.spread || a.columnKey.localeCompare(b.columnKey));

  const pivotal: MatrixResult["pivotal"] = [];
  const lines = [...new Set(input.columns.map((column) => column.line))];
  for (const line of lines) {
    const discredited = input.columns.map((column) => (column.line === line ? { ...column, weight: 0 } : column));
    const without = rank(input.claims, discredited, byKey);
    if (sameRanking(without, ranking)) continue;
    pivotal.push({
      line,
      columnKeys: input.columns.filter((column) => column.line === line).map((column) => column.key),
      ranking: without.map((standing) => standing.claimId),
      leaderChanges: leaders(without) !== leaders(ranking),
    });
  }
  pivotal.sort((a, b) => Number(b.leaderChanges) - Number(a.leaderChanges) || a.line.localeCompare(b.line));
  return { cells, ranking, diagnostic, pivotal };
}
