import "server-only";
import { decode } from "next-auth/jwt";
import { cache } from "react";
import { type Db, getDb } from "@/lib/db";
import type { Actor, MaybeActor } from "@/lib/permissions";
import { getAuthSecret } from "./secret";
import { readActiveSession, rememberProfile } from "./sessions";

export const SESSION_COOKIES = ["__Secure-next-auth.session-token", "next-auth.session-token"] as const;

function readCookie(header: string | null, name: string): string | undefined {
  if (!header) return undefined;
  for (const part of header.split(";")) {
    const index = part.indexOf("=");
    if (index > 0 && part.slice(0, index).trim() === name) return decodeURIComponent(part.slice(index + 1).trim());
  }
  return undefined;
}

/** The session token from a Cookie header (next-auth splits large ones into .0, .1, …). */
export function sessionTokenFromCookies(header: string | null): string | undefined {
  for (const name of SESSION_COOKIES) {
    const whole = readCookie(header, name);
    if (whole) return whole;
    const chunks: string[] = [];
    for (let index = 0; ; index++) {
      const chunk = readCookie(header, `${name}.${index}`);
      if (chunk === undefined) break;
      chunks.push(chunk);
    }
    if (chunks.length > 0) return chunks.join("");
  }
  return undefined;
}

/**
 * Resolves a session token to the acting member. The token must be signed by this installation
 * and name a session that still exists and has not expired (lib/auth/sessions.ts); the session
 * is read with its member on every request, in one query, so signing out, "sign out
 * everywhere", a password change, a role change or a deactivation take effect at once.
 */
export async function actorFromSessionToken(db: Db, token: string | undefined): Promise<MaybeActor> {
  if (!token) return null;
  let payload: Awaited<ReturnType<typeof decode>>;
  try {
    payload = await decode({ token, secret: getAuthSecret() });
  } catch {
    return null;
  }
  const session = await readActiveSession(db, payload);
  if (!session) return null;
  const actor: Actor = { kind: "user", id: session.user.id, role: session.user.role };
  // The page header's name and e-mail come with the session: no second read of the member.
  rememberProfile(actor, session.profile);
  return actor;
}

/** The actor of an API request (route handlers pass their Request). */
export async function getActorFromRequest(request: Request): Promise<MaybeActor> {
  return actorFromSessionToken(getDb(), sessionTokenFromCookies(request.headers.get("cookie")));
}

/** The actor of the current page render or server action; read once per request. */
export const getRequestActor = cache(async (): Promise<MaybeActor> => {
  const { headers } = await import("next/headers");
  return actorFromSessionToken(getDb(), sessionTokenFromCookies((await headers()).get("cookie")));
});
