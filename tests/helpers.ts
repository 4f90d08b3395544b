import { type Db, getDatabaseKind, getDb } from "@/lib/db";

export const TABLES = [
  "SearchDocument",
  "PersonMention",
  "PersonSuggestion",
  "SignInAttempt",
  "Setting",
  "Invitation",
  "Comment",
  "AuditEvent",
  "Revision",
  "ConfidenceVoteHistory",
  "ConfidenceVote",
  "Evidence",
  "ClaimPerson",
  "Claim",
  "PersonAlias",
  "Person",
  "Passage",
  "SourceAuthor",
  "Source",
  "Account",
  "Session",
  "VerificationToken",
  "User",
] as const;

export function db(): Db {
  return getDb();
}

/** Empties every table so each test starts from a clean database. */
export async function resetDatabase(): Promise<void> {
  const client = getDb();
  if (getDatabaseKind() === "postgres") {
    await client.$executeRawUnsafe(`TRUNCATE ${TABLES.map((table) => `"${table}"`).join(", ")} CASCADE`);
  } else {
    await client.$transaction(TABLES.map((table) => client.$executeRawUnsafe(`DELETE FROM "${table}"`)));
  }
}

/** Row counts of every table: compare before and after to prove that nothing was written. */
export async function tableCounts(): Promise<Record<string, number>> {
  const client = getDb();
  const counts: Record<string, number> = {};
  for (const table of TABLES) {
    const rows = await client.$queryRawUnsafe<{ count: number | bigint }[]>(`SELECT COUNT(*) AS count FROM "${table}"`);
    counts[table] = Number(rows[0]!.count);
  }
  return counts;
}
