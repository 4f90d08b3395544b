import "server-only";
import { randomBytes } from "node:crypto";
import type { Db, Tx } from "@/lib/db";
import type { RoleName } from "@/lib/permissions";

// Sessions that can end (docs/decisions/0011-sign-in-throttling-and-revocable-sessions.md).
// The session cookie is still next-auth's signed JWT, but it carries the id of a Session row
// ("sid"), and a token counts only while that row exists and has not expired. Signing out,
// an admin's "sign out everywhere", a password change and deactivation delete rows, so a copied
// cookie stops working at once. The row's expiry is set at sign-in and never moved: next-auth
// renews the JWT, not the session.

/** A session lasts this long from sign-in, however active its member is. */
export const SESSION_LIFETIME_MS = 30 * 24 * 60 * 60 * 1000;

export type ActiveSession = { sessionId: string; user: { id: string; role: RoleName } };

/** Opens a session for a member who just signed in; its id goes into their JWT. */
export async function startSession(
  db: Db,
  userId: string,
  now: Date = new Date(),
): Promise<{ sessionId: string; expires: Date }> {
  // The id is the row's sessionToken: random, unique, and never shown except inside the signed JWT.
  const sessionId = randomBytes(32).toString("base64url");
  const expires = new Date(now.getTime() + SESSION_LIFETIME_MS);
  await db.session.create({ data: { sessionToken: sessionId, userId, expires } });
  // This member's expired sessions are of no further use.
  await db.session.deleteMany({ where: { userId, expires: { lt: now } } });
  return { sessionId, expires };
}

/**
 * The session a token names, with its member, when the token may still act: the row exists,
 * belongs to the token's subject, has not expired, and the member is active. One query.
 */
export async function readActiveSession(
  db: Db,
  token: { sub?: unknown; sid?: unknown } | null | undefined,
  now: Date = new Date(),
): Promise<ActiveSession | null> {
  if (typeof token?.sub !== "string" || typeof token.sid !== "string" || token.sid.length === 0) return null;
  const session = await db.session.findUnique({
    where: { sessionToken: token.sid },
    select: { userId: true, expires: true, user: { select: { id: true, role: true, active: true } } },
  });
  if (!session || session.userId !== token.sub || session.expires.getTime() <= now.getTime()) return null;
  if (!session.user.active) return null;
  return { sessionId: token.sid, user: { id: session.user.id, role: session.user.role } };
}

/** Ends one session (signing out). Unknown or already ended sessions are fine. */
export async function endSession(db: Db, sessionId: unknown): Promise<void> {
  if (typeof sessionId !== "string" || sessionId.length === 0) return;
  await db.session.deleteMany({ where: { sessionToken: sessionId } });
}

/** Ends every session of a member, inside the caller's transaction; returns how many there were. */
export async function endAllSessions(tx: Tx, userId: string): Promise<number> {
  const { count } = await tx.session.deleteMany({ where: { userId } });
  return count;
}
