import { encode } from "next-auth/jwt";
import { beforeEach, describe, expect, it } from "vitest";
import { actorFromSessionToken, sessionTokenFromCookies } from "@/lib/auth/actor";
import { authenticateWithPassword, INVALID_CREDENTIALS } from "@/lib/auth/credentials";
import { startSession } from "@/lib/auth/sessions";
import { setRegistrationMode } from "@/lib/settings/registration";
import { changePassword, createInvitation, registerUser, updateUser } from "@/lib/users/accounts";
import { actorOf, makeActor, makeUser, sessionTokenFor } from "../factories";
import { changedTables, db, resetDatabase, tableSnapshot } from "../helpers";

beforeEach(resetDatabase);

const PASSWORD = "correct horse battery";

/** The admin who signs in with PASSWORD, made as the setup link or an admin would make one. */
async function makeAdmin() {
  return actorOf(await makeUser("admin", { email: "admin@example.org", name: "Admin", password: PASSWORD }));
}

describe("registration", () => {
  it("requires an invitation by default, from the very first sign-up of an empty installation on", async () => {
    // Nobody becomes admin by signing up first (lib/users/setup.ts makes the first admin).
    let before = await tableSnapshot();
    await expect(
      registerUser(db(), { email: "First@Example.org", name: "First", password: PASSWORD }),
    ).rejects.toMatchObject({ code: "FORBIDDEN" });
    expect(await tableSnapshot()).toEqual(before);
    await makeAdmin();
    before = await tableSnapshot();
    await expect(
      registerUser(db(), { email: "second@example.org", name: "Second", password: PASSWORD }),
    ).rejects.toMatchObject({ code: "FORBIDDEN" });
    expect(await tableSnapshot()).toEqual(before);
  });

  it("lets anyone in as a contributor when open, and nobody when closed", async () => {
    const admin = await makeAdmin();
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
    const admin = await makeAdmin();
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
    const admin = await makeAdmin();
    await setRegistrationMode(db(), admin, { mode: "open" });
    await registerUser(db(), { email: "dup@example.org", name: "One", password: PASSWORD });
    await expect(
      registerUser(db(), { email: "DUP@example.org", name: "Two", password: PASSWORD }),
    ).rejects.toMatchObject({ code: "CONFLICT", field: "email" });
  });
});

describe("signing in", () => {
  it("accepts the right password and gives one message for a wrong password and an unknown email", async () => {
    await makeUser("contributor", { email: "member@example.org", name: "Member", password: PASSWORD });
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

  it("refuses a deactivated account", async () => {
    const admin = await makeAdmin();
    const member = await db().user.create({ data: { email: "gone@example.org", name: "Gone", role: "contributor" } });
    await updateUser(db(), admin, { userId: member.id, active: false });
    await expect(
      authenticateWithPassword(db(), { email: "gone@example.org", password: PASSWORD }),
    ).rejects.toMatchObject({ code: "UNAUTHENTICATED" });
  });
});

describe("sessions follow the database", () => {
  it("a role change or deactivation applies on the next request, and a password change ends older sessions", async () => {
    const admin = await makeAdmin();
    const invitation = await createInvitation(db(), admin, { role: "contributor" });
    const member = await registerUser(db(), {
      email: "member@example.org",
      name: "Member",
      password: PASSWORD,
      invitation: invitation.token,
    });
    const token = await sessionTokenFor(member.id);

    expect(await actorFromSessionToken(db(), token)).toMatchObject({ id: member.id, role: "contributor" });
    await updateUser(db(), admin, { userId: member.id, role: "moderator" });
    expect(await actorFromSessionToken(db(), token)).toMatchObject({ role: "moderator" });

    await changePassword(db(), actorOf({ id: member.id, role: "moderator" }), {
      currentPassword: PASSWORD,
      newPassword: "a brand new password",
    });
    expect(await actorFromSessionToken(db(), token)).toBeNull();
    const fresh = await sessionTokenFor(member.id);
    expect(await actorFromSessionToken(db(), fresh)).toMatchObject({ id: member.id });

    await updateUser(db(), admin, { userId: member.id, active: false });
    expect(await actorFromSessionToken(db(), fresh)).toBeNull();
  });

  it("ignores forged, garbled and missing tokens", async () => {
    const member = await makeActor("contributor");
    // A real session, but the token naming it is signed with another key.
    const { sessionId } = await startSession(db(), member.id!);
    const forged = await encode({
      token: { sub: member.id!, sid: sessionId },
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
    const admin = await makeAdmin();
    const before = await tableSnapshot();
    await expect(
      changePassword(db(), admin, { currentPassword: "not it", newPassword: "another new password" }),
    ).rejects.toMatchObject({
      code: "INVALID",
      field: "currentPassword",
    });
    // Nothing changed but the count of attempts (a wrong current password is a guess).
    expect(changedTables(before, await tableSnapshot())).toEqual(["RateLimitEvent"]);
  });

  it("an admin cannot demote or deactivate themselves", async () => {
    const admin = await makeAdmin();
    await expect(updateUser(db(), admin, { userId: admin.id, role: "viewer" })).rejects.toMatchObject({
      code: "CONFLICT",
    });
    await expect(updateUser(db(), admin, { userId: admin.id, active: false })).rejects.toMatchObject({
      code: "CONFLICT",
    });
  });
});
