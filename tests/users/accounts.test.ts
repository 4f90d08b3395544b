import { encode } from "next-auth/jwt";
import { beforeEach, describe, expect, it } from "vitest";
import { actorFromSessionToken, sessionTokenFromCookies } from "@/lib/auth/actor";
import { authenticateWithPassword, INVALID_CREDENTIALS, MAX_FAILURES_PER_ACCOUNT } from "@/lib/auth/credentials";
import { getAuthSecret } from "@/lib/auth/secret";
import { setRegistrationMode } from "@/lib/settings/registration";
import { changePassword, createInvitation, registerUser, updateUser } from "@/lib/users/accounts";
import { actorOf, makeActor } from "../factories";
import { db, resetDatabase, tableSnapshot } from "../helpers";

beforeEach(resetDatabase);

const PASSWORD = "correct horse battery";

async function sessionFor(userId: string, authTime = Math.floor(Date.now() / 1000)) {
  return encode({ token: { sub: userId, authTime }, secret: getAuthSecret() });
}

describe("registration", () => {
  it("makes the first account of an empty installation its admin, then requires an invitation", async () => {
    const first = await registerUser(db(), { email: "First@Example.org", name: "First", password: PASSWORD });
    expect(first).toMatchObject({ role: "admin", email: "first@example.org" });
    const before = await tableSnapshot();
    await expect(
      registerUser(db(), { email: "second@example.org", name: "Second", password: PASSWORD }),
    ).rejects.toMatchObject({ code: "FORBIDDEN" });
    expect(await tableSnapshot()).toEqual(before);
  });

  it("lets anyone in as a contributor when open, and nobody when closed", async () => {
    const admin = actorOf(await registerUser(db(), { email: "admin@example.org", name: "Admin", password: PASSWORD }));
    await setRegistrationMode(db(), admin, { mode: "open" });
    await expect(
      registerUser(db(), { email: "open@example.org", name: "Open", password: PASSWORD }),
    ).resolves.toMatchObject({ role: "contributor" });
    await setRegistrationMode(db(), admin, { mode: "closed" });
    const invitation = await createInvitation(db(), admin, { role: "moderator" });
    await expect(
      registerUser(db(), { email: "late@example.org", name: "Late", password: PASSWORD, invitation: invitation.token }),
    ).rejects.toMatchObject({
      code: "FORBIDDEN",
    });
  });

  it("accepts an invitation once, with its role, and refuses expired, reused or misaddressed ones", async () => {
    const admin = actorOf(await registerUser(db(), { email: "admin@example.org", name: "Admin", password: PASSWORD }));
    const invitation = await createInvitation(db(), admin, { role: "moderator", email: "mod@example.org" });
    expect(await db().invitation.count({ where: { tokenHash: invitation.token } })).toBe(0); // only the hash is stored
    await expect(
      registerUser(db(), {
        email: "other@example.org",
        name: "Other",
        password: PASSWORD,
        invitation: invitation.token,
      }),
    ).rejects.toMatchObject({
      field: "email",
    });
    await expect(
      registerUser(db(), { email: "mod@example.org", name: "Mod", password: PASSWORD, invitation: invitation.token }),
    ).resolves.toMatchObject({
      role: "moderator",
    });
    await expect(
      registerUser(db(), {
        email: "again@example.org",
        name: "Again",
        password: PASSWORD,
        invitation: invitation.token,
      }),
    ).rejects.toMatchObject({
      field: "invitation",
    });
    const expiring = await createInvitation(db(), admin, { role: "contributor" });
    await db().invitation.update({ where: { id: expiring.id }, data: { expiresAt: new Date(Date.now() - 1000) } });
    await expect(
      registerUser(db(), {
        email: "expired@example.org",
        name: "Expired",
        password: PASSWORD,
        invitation: expiring.token,
      }),
    ).rejects.toMatchObject({
      field: "invitation",
    });
  });

  it.each([
    [{ email: "not-an-email", name: "X", password: PASSWORD }, "email"],
    [{ email: "x@example.org", name: "", password: PASSWORD }, "name"],
    [{ email: "x@example.org", name: "X", password: "short" }, "password"],
    [{ email: "x@example.org", name: "X", password: "x".repeat(201) }, "password"],
    [{ email: "x@example.org", name: "X", password: 12345678901 }, "password"],
  ])("refuses %o naming %s", async (input, field) => {
    await expect(registerUser(db(), input as never)).rejects.toMatchObject({ code: "INVALID", field });
    expect(await db().user.count()).toBe(0);
  });

  it("refuses a second account with the same email", async () => {
    await registerUser(db(), { email: "dup@example.org", name: "One", password: PASSWORD });
    const admin = actorOf((await db().user.findFirstOrThrow()) as never);
    await setRegistrationMode(db(), admin, { mode: "open" });
    await expect(
      registerUser(db(), { email: "DUP@example.org", name: "Two", password: PASSWORD }),
    ).rejects.toMatchObject({ code: "CONFLICT", field: "email" });
  });
});

describe("signing in", () => {
  it("accepts the right password and gives one message for a wrong password and an unknown email", async () => {
    await registerUser(db(), { email: "member@example.org", name: "Member", password: PASSWORD });
    await expect(
      authenticateWithPassword(db(), { email: "MEMBER@example.org", password: PASSWORD, ip: "10.0.0.1" }),
    ).resolves.toMatchObject({
      email: "member@example.org",
    });
    const wrong = await authenticateWithPassword(db(), {
      email: "member@example.org",
      password: "wrong password",
      ip: "10.0.0.1",
    }).catch((error) => error);
    const unknown = await authenticateWithPassword(db(), {
      email: "nobody@example.org",
      password: "wrong password",
      ip: "10.0.0.1",
    }).catch((error) => error);
    expect(wrong.message).toBe(INVALID_CREDENTIALS);
    expect(unknown.message).toBe(INVALID_CREDENTIALS);
    expect(wrong.code).toBe(unknown.code);
  });

  it("locks an account after repeated failures, even for the right password, and counts per address too", async () => {
    await registerUser(db(), { email: "member@example.org", name: "Member", password: PASSWORD });
    for (let attempt = 0; attempt < MAX_FAILURES_PER_ACCOUNT; attempt++) {
      await expect(
        authenticateWithPassword(db(), {
          email: "member@example.org",
          password: `wrong ${attempt}`,
          ip: `10.0.0.${attempt}`,
        }),
      ).rejects.toMatchObject({
        code: "UNAUTHENTICATED",
      });
    }
    await expect(
      authenticateWithPassword(db(), { email: "member@example.org", password: PASSWORD, ip: "10.9.9.9" }),
    ).rejects.toMatchObject({ code: "RATE_LIMITED" });
    // The limit is kept in the database: a new process (here: the same database) sees it.
    expect(await db().signInAttempt.count({ where: { key: "email:member@example.org", success: false } })).toBe(
      MAX_FAILURES_PER_ACCOUNT,
    );
    for (let attempt = 0; attempt < 20; attempt++) {
      await authenticateWithPassword(db(), {
        email: `probe${attempt}@example.org`,
        password: "guess",
        ip: "192.0.2.7",
      }).catch(() => undefined);
    }
    await expect(
      authenticateWithPassword(db(), { email: "fresh@example.org", password: "guess", ip: "192.0.2.7" }),
    ).rejects.toMatchObject({ code: "RATE_LIMITED" });
  });

  it("refuses a deactivated account", async () => {
    await registerUser(db(), { email: "admin@example.org", name: "Admin", password: PASSWORD });
    const admin = actorOf((await db().user.findFirstOrThrow()) as never);
    const member = await db().user.create({ data: { email: "gone@example.org", name: "Gone", role: "contributor" } });
    await updateUser(db(), admin, { userId: member.id, active: false });
    await expect(
      authenticateWithPassword(db(), { email: "gone@example.org", password: PASSWORD }),
    ).rejects.toMatchObject({ code: "UNAUTHENTICATED" });
  });
});

describe("sessions follow the database", () => {
  it("a role change or deactivation applies on the next request, and a password change ends older sessions", async () => {
    const admin = actorOf(await registerUser(db(), { email: "admin@example.org", name: "Admin", password: PASSWORD }));
    const invitation = await createInvitation(db(), admin, { role: "contributor" });
    const member = await registerUser(db(), {
      email: "member@example.org",
      name: "Member",
      password: PASSWORD,
      invitation: invitation.token,
    });
    const token = await sessionFor(member.id, Math.floor(Date.now() / 1000) - 60);

    expect(await actorFromSessionToken(db(), token)).toMatchObject({ id: member.id, role: "contributor" });
    await updateUser(db(), admin, { userId: member.id, role: "moderator" });
    expect(await actorFromSessionToken(db(), token)).toMatchObject({ role: "moderator" });

    await changePassword(db(), actorOf({ id: member.id, role: "moderator" }), {
      currentPassword: PASSWORD,
      newPassword: "a brand new password",
    });
    expect(await actorFromSessionToken(db(), token)).toBeNull();
    const fresh = await sessionFor(member.id, Math.floor(Date.now() / 1000) + 2);
    expect(await actorFromSessionToken(db(), fresh)).toMatchObject({ id: member.id });

    await updateUser(db(), admin, { userId: member.id, active: false });
    expect(await actorFromSessionToken(db(), fresh)).toBeNull();
  });

  it("ignores forged, garbled and missing tokens", async () => {
    const member = await makeActor("contributor");
    const forged = await encode({
      token: { sub: member.id!, authTime: Math.floor(Date.now() / 1000) },
      secret: "another secret that is long enough to be used",
    });
    expect(await actorFromSessionToken(db(), forged)).toBeNull();
    expect(await actorFromSessionToken(db(), "garbage")).toBeNull();
    expect(await actorFromSessionToken(db(), undefined)).toBeNull();
  });

  it("reads the session cookie, whole or in chunks", () => {
    expect(sessionTokenFromCookies("a=1; next-auth.session-token=abc; b=2")).toBe("abc");
    expect(
      sessionTokenFromCookies("__Secure-next-auth.session-token.0=ab; __Secure-next-auth.session-token.1=cd"),
    ).toBe("abcd");
    expect(sessionTokenFromCookies(null)).toBeUndefined();
  });

  it("changing a password needs the current one", async () => {
    const admin = actorOf(await registerUser(db(), { email: "admin@example.org", name: "Admin", password: PASSWORD }));
    const before = await tableSnapshot();
    await expect(
      changePassword(db(), admin, { currentPassword: "not it", newPassword: "another new password" }),
    ).rejects.toMatchObject({
      code: "INVALID",
      field: "currentPassword",
    });
    expect(await tableSnapshot()).toEqual(before);
  });

  it("an admin cannot demote or deactivate themselves", async () => {
    const admin = actorOf(await registerUser(db(), { email: "admin@example.org", name: "Admin", password: PASSWORD }));
    await expect(updateUser(db(), admin, { userId: admin.id, role: "viewer" })).rejects.toMatchObject({
      code: "CONFLICT",
    });
    await expect(updateUser(db(), admin, { userId: admin.id, active: false })).rejects.toMatchObject({
      code: "CONFLICT",
    });
  });
});
