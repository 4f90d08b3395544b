// Sessions that end (lib/auth/sessions.ts), driven through next-auth itself where it matters:
// the real sign-in, renewal and sign-out routes run with this app's options.
import NextAuth from "next-auth";
import { decode } from "next-auth/jwt";
import { afterAll, beforeEach, describe, expect, it } from "vitest";
import { actorFromSessionToken } from "@/lib/auth/actor";
import { getAuthOptions } from "@/lib/auth/options";
import { getAuthSecret } from "@/lib/auth/secret";
import { SESSION_LIFETIME_MS } from "@/lib/auth/sessions";
import { changePassword, listUsers, updateUser } from "@/lib/users/accounts";
import { signOutEverywhere } from "@/lib/users/mutations";
import { getViewer } from "@/lib/users/queries";
import { actorOf, makeUser, sessionTokenFor } from "../factories";
import { db, resetDatabase } from "../helpers";

// next-auth reads its public URL from the environment itself.
const savedUrl = process.env.NEXTAUTH_URL;
process.env.NEXTAUTH_URL = "http://localhost:3000";
afterAll(() => {
  if (savedUrl === undefined) delete process.env.NEXTAUTH_URL;
  else process.env.NEXTAUTH_URL = savedUrl;
});

beforeEach(resetDatabase);

const PASSWORD = "correct horse battery";
const SESSION_COOKIE = "next-auth.session-token";
const CSRF_COOKIE = "next-auth.csrf-token";

type AuthResponse = { status: number; body: unknown; cookies: Map<string, string> };

/** One request to next-auth's route (/api/auth/…) as its pages-router handler takes it. */
async function callAuth(
  path: string[],
  request: {
    method?: "GET" | "POST";
    body?: Record<string, string>;
    cookies?: Record<string, string>;
    headers?: Record<string, string>;
  } = {},
): Promise<AuthResponse> {
  const out: AuthResponse = { status: 200, body: undefined, cookies: new Map() };
  const headers: Record<string, unknown> = {};
  const res = {
    status(code: number) {
      out.status = code;
      return res;
    },
    setHeader(name: string, value: unknown) {
      headers[name.toLowerCase()] = value;
      return res;
    },
    getHeader: (name: string) => headers[name.toLowerCase()],
    send(value: unknown) {
      out.body = value;
      return res;
    },
    json(value: unknown) {
      out.body = value;
      return res;
    },
    end: () => res,
  };
  const req = {
    query: { nextauth: path },
    method: request.method ?? "GET",
    body: request.body,
    cookies: request.cookies ?? {},
    headers: { host: "localhost:3000", ...request.headers },
  };
  await NextAuth(req as never, res as never, getAuthOptions());
  for (const line of [headers["set-cookie"] ?? []].flat() as string[]) {
    const [pair = ""] = line.split(";");
    const index = pair.indexOf("=");
    out.cookies.set(pair.slice(0, index), decodeURIComponent(pair.slice(index + 1)));
  }
  return out;
}

/** Signs in with the form's fields, as the browser does; returns the session token and the CSRF cookie. */
async function signIn(email: string, password: string, headers: Record<string, string> = {}) {
  const csrf = await callAuth(["csrf"]);
  const csrfToken = (csrf.body as { csrfToken: string }).csrfToken;
  const csrfCookie = csrf.cookies.get(CSRF_COOKIE)!;
  const response = await callAuth(["callback", "credentials"], {
    method: "POST",
    body: { csrfToken, email, password, json: "true" },
    cookies: { [CSRF_COOKIE]: csrfCookie },
    headers,
  });
  return { response, token: response.cookies.get(SESSION_COOKIE), csrfToken, csrfCookie };
}

async function makeAdmin() {
  return actorOf(await makeUser("admin", { email: "admin@example.org", name: "Admin", password: PASSWORD }));
}

describe("signing in and out through next-auth", () => {
  it("signing in opens a session; a copied token stops working once its owner signs out", async () => {
    const admin = await makeAdmin();
    const { response, token, csrfToken, csrfCookie } = await signIn("admin@example.org", PASSWORD, {
      // Without TRUST_PROXY (as here) a client-set X-Forwarded-For is not an address.
      "x-forwarded-for": "198.51.100.99",
    });
    expect(response.status).toBe(200);
    expect(token).toBeTruthy();
    const sessions = await db().session.findMany();
    expect(sessions).toHaveLength(1);
    expect(sessions[0]!.userId).toBe(admin.id);
    expect(Math.abs(sessions[0]!.expires.getTime() - (Date.now() + SESSION_LIFETIME_MS))).toBeLessThan(60_000);
    expect(await db().signInAttempt.findMany({ select: { key: true, success: true } })).toEqual([
      { key: "account:admin@example.org", success: true },
    ]);

    const copied = token!;
    expect(await actorFromSessionToken(db(), copied)).toMatchObject({ id: admin.id, role: "admin" });

    const signedOut = await callAuth(["signout"], {
      method: "POST",
      body: { csrfToken, json: "true" },
      cookies: { [CSRF_COOKIE]: csrfCookie, [SESSION_COOKIE]: copied },
    });
    expect(signedOut.cookies.get(SESSION_COOKIE)).toBe("");
    expect(await db().session.count()).toBe(0);
    expect(await actorFromSessionToken(db(), copied)).toBeNull();
  });

  it("a wrong password opens no session and says only that the credentials are wrong", async () => {
    await makeAdmin();
    const { response, token } = await signIn("admin@example.org", "not the password");
    expect(response.status).toBe(401);
    expect(token).toBeUndefined();
    expect(JSON.stringify(response.body)).toContain(encodeURIComponent("Invalid email or password."));
    expect(await db().session.count()).toBe(0);
  });

  it("renewing a token never moves its session's expiry, and an ended session is not renewed", async () => {
    const admin = await makeAdmin();
    const { token } = await signIn("admin@example.org", PASSWORD);
    const [before] = await db().session.findMany();

    const renewed = await callAuth(["session"], { cookies: { [SESSION_COOKIE]: token! } });
    expect(renewed.body).toMatchObject({ user: { email: "admin@example.org", id: admin.id } });
    const fresh = renewed.cookies.get(SESSION_COOKIE)!;
    expect((await decode({ token: fresh, secret: getAuthSecret() }))?.sid).toBe(before!.sessionToken);
    expect((await db().session.findMany())[0]!.expires).toEqual(before!.expires);

    await signOutEverywhere(db(), admin, { userId: admin.id });
    const refused = await callAuth(["session"], { cookies: { [SESSION_COOKIE]: fresh } });
    expect(refused.body).toEqual({});
    expect(refused.cookies.get(SESSION_COOKIE)).toBe("");
    expect(await actorFromSessionToken(db(), fresh)).toBeNull();
  });

  it("the redirect after signing in stays on this site", async () => {
    const redirect = getAuthOptions().callbacks!.redirect!;
    const baseUrl = "http://localhost:3000";
    expect(await redirect({ url: "/claims?page=2", baseUrl })).toBe(`${baseUrl}/claims?page=2`);
    expect(await redirect({ url: `${baseUrl}/review`, baseUrl })).toBe(`${baseUrl}/review`);
    for (const url of ["https://evil.example/", "//evil.example", "/\\evil.example", "/\t/evil.example"]) {
      expect(await redirect({ url, baseUrl })).toBe(`${baseUrl}/`);
    }
  });
});

describe("sessions that end", () => {
  it("sign out everywhere ends every session of that member at once, and nobody else's", async () => {
    const admin = await makeAdmin();
    const member = await makeUser("contributor");
    const other = await makeUser("contributor");
    const laptop = await sessionTokenFor(member.id);
    const phone = await sessionTokenFor(member.id);
    const bystander = await sessionTokenFor(other.id);
    expect(await actorFromSessionToken(db(), phone)).toMatchObject({ id: member.id });
    // The admin page shows who has sessions (expired ones do not count).
    await sessionTokenFor(member.id, new Date(Date.now() - SESSION_LIFETIME_MS - 1000));
    const activeSessions = async () =>
      (await listUsers(db(), admin)).find((user) => user.id === member.id)?.activeSessions;
    expect(await activeSessions()).toBe(2);

    await expect(signOutEverywhere(db(), admin, { userId: member.id })).resolves.toEqual({
      userId: member.id,
      sessionsEnded: 3, // the expired row goes too
    });
    expect(await activeSessions()).toBe(0);
    expect(await actorFromSessionToken(db(), laptop)).toBeNull();
    expect(await actorFromSessionToken(db(), phone)).toBeNull();
    expect(await actorFromSessionToken(db(), bystander)).toMatchObject({ id: other.id });
    const audit = await db().auditEvent.findFirstOrThrow({ where: { action: "user.signOutEverywhere" } });
    expect(audit).toMatchObject({ actorId: admin.id, entityId: member.id });
    // A new sign-in works as before.
    expect(await actorFromSessionToken(db(), await sessionTokenFor(member.id))).toMatchObject({ id: member.id });
    await expect(signOutEverywhere(db(), admin, { userId: "nobody" })).rejects.toMatchObject({ code: "NOT_FOUND" });
  });

  it("a password change and a deactivation end the member's sessions", async () => {
    const admin = await makeAdmin();
    const member = await makeUser("contributor");
    await db().user.update({
      where: { id: member.id },
      data: { passwordHash: (await db().user.findUniqueOrThrow({ where: { id: admin.id! } })).passwordHash },
    });
    const before = await sessionTokenFor(member.id);
    await changePassword(db(), actorOf(member), { currentPassword: PASSWORD, newPassword: "another long password" });
    expect(await actorFromSessionToken(db(), before)).toBeNull();
    expect(await db().session.count({ where: { userId: member.id } })).toBe(0);

    const after = await sessionTokenFor(member.id);
    await updateUser(db(), admin, { userId: member.id, active: false });
    expect(await actorFromSessionToken(db(), after)).toBeNull();
    expect(await db().session.count({ where: { userId: member.id } })).toBe(0);
  });

  it("an inactive member cannot act even with a session row left; the header reads the member with the session", async () => {
    const member = await makeUser("contributor", { name: "Ada Header" });
    const token = await sessionTokenFor(member.id);
    const actor = await actorFromSessionToken(db(), token);
    expect(actor).toEqual({ kind: "user", id: member.id, role: "contributor" });
    expect(await getViewer(db(), actor)).toMatchObject({
      id: member.id,
      name: "Ada Header",
      email: member.email,
      role: "contributor",
    });
    // An actor not made from a session (a script's) still gets its member read.
    expect(await getViewer(db(), actorOf(member))).toMatchObject({ name: "Ada Header" });

    await db().user.update({ where: { id: member.id }, data: { active: false } });
    expect(await db().session.count({ where: { userId: member.id } })).toBe(1);
    expect(await actorFromSessionToken(db(), token)).toBeNull();
  });

  it("a session lasts 30 days from sign-in, however active", async () => {
    const member = await makeUser("viewer");
    const ago = (ms: number) => new Date(Date.now() - ms);
    const nearlyOver = await sessionTokenFor(member.id, ago(SESSION_LIFETIME_MS - 60_000));
    const over = await sessionTokenFor(member.id, ago(SESSION_LIFETIME_MS + 1000));
    expect(await actorFromSessionToken(db(), nearlyOver)).toMatchObject({ id: member.id });
    expect(await actorFromSessionToken(db(), over)).toBeNull();
  });

  it("a token must name a live session of its own subject", async () => {
    const member = await makeUser("contributor");
    const other = await makeUser("contributor");
    const { encode } = await import("next-auth/jwt");
    const secret = getAuthSecret();
    // Tokens of the old shape (no session id) are refused.
    expect(
      await actorFromSessionToken(
        db(),
        await encode({ token: { sub: member.id, authTime: Math.floor(Date.now() / 1000) }, secret }),
      ),
    ).toBeNull();
    // Another member's session id does not make a token theirs.
    const theirs = await decode({ token: await sessionTokenFor(other.id), secret });
    expect(
      await actorFromSessionToken(db(), await encode({ token: { sub: member.id, sid: theirs!.sid }, secret })),
    ).toBeNull();
  });
});
