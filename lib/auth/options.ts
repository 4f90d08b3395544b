import "server-only";
import { PrismaAdapter } from "@next-auth/prisma-adapter";
import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import GitHubProvider from "next-auth/providers/github";
import { type Db, getDb } from "@/lib/db";
import { getEnv } from "@/lib/env";
import { isAppError } from "@/lib/errors";
import { getRegistrationMode } from "@/lib/settings/registration";
import { authenticateWithPassword } from "./credentials";
import { clientAddress } from "./request";
import { getAuthSecret } from "./secret";

export const SESSION_MAX_AGE_SECONDS = 30 * 24 * 60 * 60;

function headerValue(headers: unknown, name: string): string | null {
  if (!headers) return null;
  if (typeof (headers as Headers).get === "function") return (headers as Headers).get(name);
  const value = (headers as Record<string, string | string[] | undefined>)[name];
  return Array.isArray(value) ? (value[0] ?? null) : (value ?? null);
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
      async authorize(credentials, request) {
        try {
          const user = await authenticateWithPassword(db, {
            email: credentials?.email,
            password: credentials?.password,
            ip: clientAddress(headerValue(request?.headers, "x-forwarded-for")),
          });
          return { id: user.id, email: user.email, name: user.name };
        } catch (error) {
          // The message reaches the sign-in page as ?error=…; it never says whether the email exists.
          if (isAppError(error)) throw new Error(error.message);
          throw error;
        }
      },
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
    // The adapter only links OAuth accounts to users; sessions are JWTs checked against the database on every request.
    adapter: PrismaAdapter(adapterModels(db)),
    session: { strategy: "jwt", maxAge: SESSION_MAX_AGE_SECONDS },
    pages: { signIn: "/signin", error: "/signin" },
    providers,
    callbacks: {
      async signIn({ user, account }) {
        if (!account || account.provider === "credentials") return true;
        const existing = user.email
          ? await db.user.findUnique({ where: { email: user.email }, select: { active: true } })
          : null;
        if (existing) return existing.active;
        // A new person signing in with an outside provider is a registration: the same rules apply.
        const users = await db.user.count();
        if (users === 0) return true;
        return (await getRegistrationMode(db)) === "open" ? true : "/signin?error=RegistrationClosed";
      },
      async jwt({ token, user }) {
        // authTime is when the member signed in; it survives token refreshes (which renew "iat"),
        // so a password change or deactivation can end every older session.
        if (user) return { sub: user.id, name: user.name, email: user.email, authTime: Math.floor(Date.now() / 1000) };
        return { sub: token.sub, name: token.name, email: token.email, authTime: token.authTime };
      },
      async session({ session, token }) {
        return { ...session, user: { ...session.user, id: token.sub } };
      },
    },
    events: {
      async createUser({ user }) {
        // The first account of an empty installation is its admin; other outside sign-ups contribute.
        const role = (await db.user.count()) === 1 ? "admin" : "contributor";
        await db.$transaction(async (tx) => {
          await tx.user.update({ where: { id: user.id }, data: { role } });
          await tx.auditEvent.create({
            data: {
              actorId: user.id,
              action: "user.register",
              entityType: "User",
              entityId: user.id,
              data: JSON.stringify({ role, provider: "oauth" }),
            },
          });
        });
      },
    },
  };
  return cached;
}
