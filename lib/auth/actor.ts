import "server-only";
import { decode } from "next-auth/jwt";
import { cache } from "react";
import { type Db, getDb } from "@/lib/db";
import type { Actor, MaybeActor } from "@/lib/permissions";
import { getAuthSecret } from "./secret";

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
 * Resolves a session token to the acting member, reading the user from the database on
 * every request so that a role change or deactivation takes effect at once, and sessions
 * issued before a password change or deactivation stop working.
 */
export async function actorFromSessionToken(db: Db, token: string | undefined): Promise<MaybeActor> {
  if (!token) return null;
  let payload: Awaited<ReturnType<typeof decode>>;
  try {
    payload = await decode({ token, secret: getAuthSecret() });
  } catch {
    return null;
  }
  if (!payload?.sub || typeof payload.authTime !== "number") return null;
  const user = await db.user.findUnique({
    where: { id: payload.sub },
    select: { id: true, role: true, active: true, credentialsChangedAt: true },
  });
  if (!user?.active) return null;
  if (user.credentialsChangedAt && payload.authTime * 1000 < user.credentialsChangedAt.getTime() - 1000) return null;
  const actor: Actor = { kind: "user", id: user.id, role: user.role };
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
