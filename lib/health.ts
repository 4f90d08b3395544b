import "server-only";
import { type Db, getDatabaseKind } from "@/lib/db";

export type HealthDto = {
  status: "ok";
  database: "sqlite" | "postgres";
  counts: {
    sources: number;
    passages: number;
    people: number;
    claims: number;
    evidence: number;
    votes: number;
    users: number;
  };
};

export async function getHealth(db: Db): Promise<HealthDto> {
  const [sources, passages, people, claims, evidence, votes, users] = await Promise.all([
    db.source.count(),
    db.passage.count(),
    db.person.count(),
    db.claim.count(),
    db.evidence.count(),
    db.confidenceVote.count(),
    db.user.count(),
  ]);
  return {
    status: "ok",
    database: getDatabaseKind(),
    counts: { sources, passages, people, claims, evidence, votes, users },
  };
}
