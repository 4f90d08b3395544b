import "server-only";
import { cachedForAnonymous } from "@/lib/cache/public-reads";
import { type Db, getDatabaseKind } from "@/lib/db";
import type { MaybeActor } from "@/lib/permissions";

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
    /** Only for admins: how many accounts an installation has is not the public's business. */
    users?: number;
  };
};

async function readHealth(db: Db, actor: MaybeActor): Promise<HealthDto> {
  const isAdmin = actor?.kind === "system" || (actor?.kind === "user" && actor.role === "admin");
  const [sources, passages, people, claims, evidence, votes, users] = await Promise.all([
    db.source.count(),
    db.passage.count(),
    db.person.count(),
    db.claim.count(),
    db.evidence.count(),
    db.confidenceVote.count(),
    isAdmin ? db.user.count() : undefined,
  ]);
  return {
    status: "ok",
    database: getDatabaseKind(),
    counts: { sources, passages, people, claims, evidence, votes, ...(users === undefined ? {} : { users }) },
  };
}

/** readHealth, remembered for anonymous readers (lib/cache/public-reads.ts). */
export const getHealth = cachedForAnonymous("getHealth", readHealth);
