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

export type MemberProfile = { name: string | null; email: string | null };
export type ActiveSession = { sessionId: string; user: { id: string; role: RoleName }; profile: MemberProfile };

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
 * belongs to the token's subject, has not expired, and the member is active. One query, which
 * also reads the member's name and e-mail for the page header (profileReadWithSession).
 */
export async function readActiveSession(
  db: Db,
  token: { sub?: unknown; sid?: unknown } | null | undefined,
  now: Date = new Date(),
): Promise<ActiveSession | null> {
  if (typeof token?.sub !== "string" || typeof token.sid !== "string" || token.sid.length === 0) return null;
  // Joined by hand: Prisma reads a relation with a second query on SQLite, and this runs on every
  // request a member makes.
  const [session] = await db.$queryRaw<SessionRow[]>`
    SELECT s."userId" AS "userId", s."expires" AS "expires", u."role" AS "role", u."active" AS "active",
           u."name" AS "name", u."email" AS "email"
    FROM "Session" AS s JOIN "User" AS u ON u."id" = s."userId"
    WHERE s."sessionToken" = ${token.sid}`;
  if (!session || session.userId !== token.sub || new Date(session.expires).getTime() <= now.getTime()) return null;
  // SQLite gives a boolean column back as 0 or 1.
  if (session.active !== true && Number(session.active) !== 1) return null;
  return {
    sessionId: token.sid,
    user: { id: session.userId, role: session.role },
    profile: { name: session.name, email: session.email },
  };
}

type SessionRow = {
  userId: string;
  expires: Date | string;
  role: RoleName;
  active: boolean | number | bigint;
  name: string | null;
  email: string | null;
};

// The name and e-mail read with a session, by the actor made from it (one object per request).
const profiles = new WeakMap<object, MemberProfile>();

/** Records the profile read with the session an actor was made from (lib/auth/actor.ts). */
export function rememberProfile(actor: object, profile: MemberProfile): void {
  profiles.set(actor, profile);
}

/** The name and e-mail read with the session this actor was made from, if it was. */
export function profileReadWithSession(actor: object): MemberProfile | undefined {
  return profiles.get(actor);
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
