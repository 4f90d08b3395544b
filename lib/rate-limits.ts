import "server-only";
import type { Db, Tx } from "@/lib/db";
import { AppError } from "@/lib/errors";
import type { MaybeActor } from "@/lib/permissions";

/** How many of an action one member (or address) may take within a window. */
export type RateLimit = {
  /** The action, as it appears in the key and in logs ("comment", "signup"). */
  action: string;
  max: number;
  windowMs: number;
  /** What the member is told when over the limit. */
  message: string;
};

// Events older than the longest window no longer count toward anything.
const KEEP_EVENTS_MS = 24 * 60 * 60 * 1000;

/**
 * Counts one action by `who` and refuses it (RATE_LIMITED) when that makes more than the limit
 * within its window. The event is written and committed before it is counted, outside any
 * transaction of the caller: two requests at once each see the other's event, so parallel
 * requests can never all slip under the limit (at worst both are refused at the boundary).
 * A refused action still counts, so hammering does not reopen the window.
 */
export async function takeRateLimit(db: Db, limit: RateLimit, who: string): Promise<void> {
  const key = `${limit.action}:${who}`;
  await db.rateLimitEvent.create({ data: { key } });
  const since = new Date(Date.now() - limit.windowMs);
  const count = await db.rateLimitEvent.count({ where: { key, createdAt: { gte: since } } });
  if (count > limit.max) throw new AppError("RATE_LIMITED", limit.message);
  // Now and then, forget old events (cheap: the index on key, createdAt is not needed for it).
  if (Math.random() < 0.01) {
    await db.rateLimitEvent.deleteMany({ where: { createdAt: { lt: new Date(Date.now() - KEEP_EVENTS_MS) } } });
  }
}

/** How many of an action `who` has left within the window, without counting one. */
export async function rateLimitRemaining(db: Db, limit: RateLimit, who: string): Promise<number> {
  const since = new Date(Date.now() - limit.windowMs);
  const count = await db.rateLimitEvent.count({ where: { key: `${limit.action}:${who}`, createdAt: { gte: since } } });
  return Math.max(0, limit.max - count);
}

/**
 * How much one member may write, sized for people working fast by hand; scripts run as the
 * system, which has no limit. Stored in the database, so limits hold across restarts and instances.
 */
export const WRITE_LIMITS = {
  comment: { max: 20, windowMs: 10 * 60_000, what: "20 comments in 10 minutes" },
  claim: { max: 30, windowMs: 60 * 60_000, what: "30 new claims an hour" },
  evidence: { max: 120, windowMs: 60 * 60_000, what: "120 pieces of evidence an hour" },
  vote: { max: 60, windowMs: 10 * 60_000, what: "60 votes in 10 minutes" },
  edit: { max: 60, windowMs: 60 * 60_000, what: "60 edits or proposals an hour" },
  import: { max: 20, windowMs: 60 * 60_000, what: "20 imported sources an hour" },
  relation: { max: 30, windowMs: 60 * 60_000, what: "30 proposed relations an hour" },
  question: { max: 30, windowMs: 60 * 60_000, what: "30 questions or claims put in questions an hour" },
  // A member working through a question's matrix marks every cell: a 6-claim, 50-passage matrix has 300.
  mark: { max: 600, windowMs: 60 * 60_000, what: "600 marks in question matrices an hour" },
  // Rating a source or a piece of evidence, re-rating and withdrawing alike: a member working
  // through a claim's evidence rates each piece, so the limit is that of citing.
  rating: { max: 120, windowMs: 60 * 60_000, what: "120 ratings an hour" },
} as const;
export type WriteAction = keyof typeof WRITE_LIMITS;

/**
 * Refuses a member's write (RATE_LIMITED) once they have made as many of its kind as the window
 * allows. Read-only: the write itself is counted by `recordWrite` inside its own transaction, so a
 * write that fails (refused, invalid, rolled back) is never counted. Parallel writes by one member
 * can pass the check together and overshoot by their number; that is accepted for writes, which
 * are authenticated and audited (sign-in uses the strict `takeRateLimit`).
 */
export async function checkWriteLimit(db: Db | Tx, actor: MaybeActor, action: WriteAction): Promise<void> {
  if (actor?.kind !== "user") return;
  const limit = WRITE_LIMITS[action];
  const since = new Date(Date.now() - limit.windowMs);
  const count = await db.rateLimitEvent.count({
    where: { key: `write.${action}:${actor.id}`, createdAt: { gte: since } },
  });
  if (count >= limit.max) {
    throw new AppError("RATE_LIMITED", `Too many writes: a member may make at most ${limit.what}. Try again later.`);
  }
}

/** Counts a member's write, inside the write's transaction. */
export async function recordWrite(tx: Tx, actor: MaybeActor, action: WriteAction): Promise<void> {
  if (actor?.kind !== "user") return;
  await tx.rateLimitEvent.create({ data: { key: `write.${action}:${actor.id}` } });
}
