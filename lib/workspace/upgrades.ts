import "server-only";
import type { ColumnFill, Row, TableName } from "./tables";

// A workspace exported before a migration still restores: for each migration listed here, restore
// knows what it added and fills it in, so a team can move an export made by the previous version
// of the app (decision 0014 refused any other schema; decision 0020 lets a file predate these).
// A migration that changes what existing rows mean cannot be listed: its files are refused.

export type Upgrade = {
  /** The migration's folder name, as the header's `migrations` lists it. */
  migration: string;
  /** Tables the migration added: an older file has none of their rows, so they are restored empty. */
  tables: readonly TableName[];
  /** Columns the migration added, per table: a row without one gets the value made from the rest of it. */
  columns: Partial<Record<TableName, ColumnFill>>;
};

export const UPGRADES: readonly Upgrade[] = [
  {
    // Lines of evidence: nothing was grouped by origin before, so each piece is its own line.
    migration: "20261124043834_evidence_origins",
    tables: ["EvidenceOrigin"],
    columns: {
      Evidence: { originId: () => null },
      Claim: {
        supportsLines: (row: Row) => row.supportsCount,
        contradictsLines: (row: Row) => row.contradictsCount,
      },
    },
  },
  {
    // Questions and their matrices: none existed before.
    migration: "20261124050337_questions_and_matrix",
    tables: ["Question", "QuestionClaim", "MatrixMark"],
    columns: {},
  },
  {
    // The cached reads' token: runtime state, never in a workspace file.
    migration: "20261124102119_public_read_cache",
    tables: [],
    columns: {},
  },
];

/**
 * What restoring a file made with `file`'s migrations into a database with `database`'s must fill
 * in: the upgrades for the database's migrations the file lacks, or null when the file cannot be
 * read that way (it has a migration the database lacks, or lacks one no upgrade covers).
 */
export function upgradesFor(file: readonly string[], database: readonly string[]): Upgrade[] | null {
  const inDatabase = new Set(database);
  if (file.some((name) => !inDatabase.has(name))) return null;
  const inFile = new Set(file);
  const upgrades: Upgrade[] = [];
  for (const name of database) {
    if (inFile.has(name)) continue;
    const upgrade = UPGRADES.find((candidate) => candidate.migration === name);
    if (!upgrade) return null;
    upgrades.push(upgrade);
  }
  return upgrades;
}

/** The fills of several upgrades for one table, merged. */
export function fillsFor(upgrades: readonly Upgrade[], table: string): ColumnFill {
  return Object.assign({}, ...upgrades.map((upgrade) => upgrade.columns[table as TableName] ?? {}));
}
