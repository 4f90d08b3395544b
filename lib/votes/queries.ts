import "server-only";
import type { Db } from "@/lib/db";
import type { MaybeActor } from "@/lib/permissions";
import { quantile } from "./aggregate";

export type TimelinePoint = { at: string; median: number; count: number };

/**
 * How the team median moved: after each vote cast (in time order), the median of every
 * member's latest vote at that moment.
 */
export function medianTimeline(events: { userId: string; value: number; castAt: Date }[]): TimelinePoint[] {
  const latest = new Map<string, number>();
  const points: TimelinePoint[] = [];
  for (const event of [...events].sort((a, b) => a.castAt.getTime() - b.castAt.getTime())) {
    latest.set(event.userId, event.value);
    const sorted = [...latest.values()].sort((a, b) => a - b);
    points.push({
      at: event.castAt.toISOString(),
      median: Math.round(quantile(sorted, 0.5) * 10) / 10,
      count: sorted.length,
    });
  }
  return points;
}

export async function getVoteTimeline(db: Db, claimId: string): Promise<TimelinePoint[]> {
  const events = await db.confidenceVoteHistory.findMany({
    where: { claimId },
    orderBy: [{ castAt: "asc" }, { id: "asc" }],
    take: 10_000,
    select: { userId: true, value: true, castAt: true },
  });
  return medianTimeline(events);
}

/** The actor's current vote on a claim and how many times they changed it. */
export async function getOwnVote(db: Db, actor: MaybeActor, claimId: string) {
  if (actor?.kind !== "user") return null;
  const [vote, casts] = await Promise.all([
    db.confidenceVote.findUnique({
      where: { claimId_userId: { claimId, userId: actor.id } },
      select: { value: true, rationale: true, updatedAt: true },
    }),
    db.confidenceVoteHistory.count({ where: { claimId, userId: actor.id } }),
  ]);
  return vote ? { value: vote.value, rationale: vote.rationale, updatedAt: vote.updatedAt.toISOString(), casts } : null;
}
