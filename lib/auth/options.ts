import "server-only";
import { PrismaAdapter } from "@next-auth/prisma-adapter";
import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import GitHubProvider from "next-auth/providers/github";
import { type Db, getDb } from "@/lib/db";
import { getEnv } from "@/lib/env";
import { isAppError } from "@/lib/errors";
import { completeProviderSignUp, mayJoinWithProvider } from "@/lib/users/accounts";
import { safeCallbackPath } from "./callback-url";
import { authenticateWithPassword } from "./credentials";
import { clientAddress, type HeaderSource } from "./request";
import { getAuthSecret } from "./secret";
import { endSession, readActiveSession, SESSION_LIFETIME_MS, startSession } from "./sessions";

// The JWT (and its cookie) may be renewed for this long; the session row behind it is what
// limits a session to SESSION_LIFETIME_MS from sign-in (lib/auth/sessions.ts).
export const SESSION_MAX_AGE_SECONDS = SESSION_LIFETIME_MS / 1000;

/** Thrown when a token is renewed (/api/auth/session) after its session ended: next-auth then clears the cookie. */
class SessionEndedError extends Error {
  override name = "SessionEndedError";
}

/** The credentials provider's check: email and password from the form, the address from the request. */
export async function authorizeCredentials(
  db: Db,
  credentials: Record<string, unknown> | undefined,
  headers: HeaderSource,
) {
  try {
    const user = await authenticateWithPassword(db, {
      email: credentials?.email,
      password: credentials?.password,
      ip: clientAddress(headers),
    });
    return { id: user.id, email: user.email, name: user.name };
  } catch (error) {
    // The message reaches the sign-in page as ?error=…; it never says whether the email exists.
    if (isAppError(error)) throw new Error(error.message);
    throw error;
  }
}

/**
 * The part of the database @next-auth/prisma-adapter uses: the four models of next-auth's
 * Prisma schema (prisma/schema.prisma has them with next-auth's fields). The adapter types its
 * parameter as @prisma/client's PrismaClient, which here is Prisma's ungenerated stub (`any`:
 * this project generates its clients into lib/generated), so nothing is checked at that call;
 * this names, and the compiler checks, what the adapter actually needs.
 */
function adapterModels(db: Db): Pick<Db, "user" | "account" | "session" | "verificationToken"> {
  return db;
}

let cached: NextAuthOptions | undefined;

/** next-auth configuration: email + password always; GitHub and any OIDC issuer when configured. */
export function getAuthOptions(): NextAuthOptions {
  if (cached) return cached;
  const env = getEnv();
  const db = getDb();
  const providers: NextAuthOptions["providers"] = [
    CredentialsProvider({
      name: "Email and password",
      credentials: { email: { label: "Email", type: "email" }, password: { label: "Password", type: "password" } },
      authorize: (credentials, request) => authorizeCredentials(db, credentials, request?.headers as HeaderSource),
    }),
  ];
  if (env.GITHUB_ID && env.GITHUB_SECRET) {
    providers.push(GitHubProvider({ clientId: env.GITHUB_ID, clientSecret: env.GITHUB_SECRET }));
  }
  if (env.OIDC_ISSUER && env.OIDC_CLIENT_ID && env.OIDC_CLIENT_SECRET) {
    providers.push({
      id: "oidc",
      name: env.OIDC_NAME,
      type: "oauth",
      wellKnown: `${env.OIDC_ISSUER.replace(/\/$/, "")}/.well-known/openid-configuration`,
      clientId: env.OIDC_CLIENT_ID,
      clientSecret: env.OIDC_CLIENT_SECRET,
      authorization: { params: { scope: "openid email profile" } },
      idToken: true,
      checks: ["pkce", "state"],
      profile(profile: { sub: string; name?: string; email?: string; picture?: string }) {
        return {
          id: profile.sub,
          name: profile.name ?? profile.email ?? null,
          email: profile.email ?? null,
          image: profile.picture ?? null,
        };
      },
    });
  }

  cached = {
    secret: getAuthSecret(),
    // The adapter only links OAuth accounts to users; sessions are JWTs naming a Session row
    // (lib/auth/sessions.ts), checked against the database on every request.
    adapter: PrismaAdapter(adapterModels(db)),
    session: { strategy: "jwt", maxAge: SESSION_MAX_AGE_SECONDS },
    // Secure cookies (and their __Secure- names) whenever the public URL is https; without
    // NEXTAUTH_URL (development, tests) next-auth decides from the request.
    ...(env.NEXTAUTH_URL ? { useSecureCookies: env.NEXTAUTH_URL.startsWith("https://") } : {}),
    logger: {
      error(code, metadata) {
        // A renewal of an ended session is expected (signed out elsewhere), not a server error.
        const name = (metadata as { name?: unknown } | undefined)?.name;
        if (code === "JWT_SESSION_ERROR" && name === "SessionEndedError") return;
        console.error(`[next-auth][error][${code}]`, metadata);
      },
      warn(code) {
        console.warn(`[next-auth][warn][${code}]`);
      },
      debug() {},
    },
    pages: { signIn: "/signin", error: "/signin" },
    providers,
    callbacks: {
      async signIn({ user, account }) {
        if (!account || account.provider === "credentials") return true;
        const existing = user.email
          ? await db.user.findUnique({ where: { email: user.email }, select: { active: true } })
          : null;
        if (existing) return existing.active;
        // A new person signing in with an outside provider is a registration: the same rules apply
        // (lib/users/accounts.ts), on an empty installation too.
        return (await mayJoinWithProvider(db)) ? true : "/signin?error=RegistrationClosed";
      },
      async jwt({ token, user }) {
        // Signing in (any provider) opens a session; its id ("sid") is all the token adds.
        if (user) {
          const { sessionId } = await startSession(db, user.id);
          return { sub: user.id, name: user.name, email: user.email, sid: sessionId };
        }
        // A renewal keeps the session's id, and with it the session's fixed expiry.
        if (!(await readActiveSession(db, token))) throw new SessionEndedError("This session has ended.");
        return { sub: token.sub, name: token.name, email: token.email, sid: token.sid };
      },
      async session({ session, token }) {
        return { ...session, user: { ...session.user, id: token.sub } };
      },
      // Only paths on this site (lib/auth/callback-url.ts), for outside providers as for the form.
      async redirect({ url, baseUrl }) {
        return `${baseUrl}${safeCallbackPath(url, baseUrl)}`;
      },
    },
    events: {
      async signOut({ token }) {
        // The copied cookie dies with the row: signing out ends the session on the server too.
        await endSession(db, token?.sid);
      },
      async createUser({ user }) {
        // Outside sign-ups contribute; nobody becomes admin by being first (lib/users/setup.ts).
        await completeProviderSignUp(db, user.id);
      },
    },
  };
  return cached;
}
