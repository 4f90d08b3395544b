// The first admin (lib/users/setup.ts): made only through the one-time setup link `npm start`
// prints while an installation has no admin; never by signing up first, with a password or
// through an outside provider.
import type { Account } from "next-auth";
import type { AdapterUser } from "next-auth/adapters";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { authenticateWithPassword } from "@/lib/auth/credentials";
import { getAuthOptions } from "@/lib/auth/options";
import { SYSTEM_ACTOR } from "@/lib/permissions";
import { REGISTRATION_MODES, setRegistrationMode } from "@/lib/settings/registration";
import { createInvitation, hashToken, registerUser } from "@/lib/users/accounts";
import {
  createFirstAdmin,
  ensureSetupLink,
  getSetupLinkStatus,
  SETUP_LIMIT,
  SETUP_LINK_LIFETIME_MS,
  SETUP_SETTING_KEY,
} from "@/lib/users/setup";
import { makeUser } from "../factories";
import { db, resetDatabase, tableSnapshot } from "../helpers";

// Counts the argon2 hashing, which must come after every cheap refusal.
const argon = vi.hoisted(() => ({ hash: 0 }));
vi.mock("@/lib/users/passwords", async (importOriginal) => {
  const actual = await importOriginal<typeof import("@/lib/users/passwords")>();
  return {
    hashPassword: (password: string) => {
      argon.hash++;
      return actual.hashPassword(password);
    },
    verifyPassword: actual.verifyPassword,
  };
});

const PUBLIC_URL = "https://factcheck.example.org";
const PASSWORD = "correct horse battery";
const UNUSABLE = "token: this setup link is unknown, used or expired";

beforeEach(async () => {
  await resetDatabase();
  argon.hash = 0;
});

/** A fresh link, and the token in it. */
async function issueLink(): Promise<{ link: string; token: string }> {
  const link = await ensureSetupLink(db(), `${PUBLIC_URL}/`);
  expect(link).not.toBeNull();
  return { link: link!, token: new URL(link!).searchParams.get("token")! };
}

const adminInput = (token: string, email = "first@example.org") => ({
  token,
  email,
  name: "First Admin",
  password: PASSWORD,
});

const admins = () => db().user.findMany({ where: { role: "admin" }, select: { email: true, active: true } });

describe("ensureSetupLink", () => {
  it("gives a link only while there is no active admin, storing only the token's hash and an expiry", async () => {
    const { link, token } = await issueLink();
    expect(link).toMatch(/^https:\/\/factcheck\.example\.org\/setup\?token=[A-Za-z0-9_-]{43}$/);
    expect(Buffer.from(token, "base64url")).toHaveLength(32);
    const row = await db().setting.findUniqueOrThrow({ where: { key: SETUP_SETTING_KEY } });
    expect(row.value).not.toContain(token);
    const stored = JSON.parse(row.value) as { tokenHash: string; expiresAt: string };
    expect(stored.tokenHash).toBe(hashToken(token));
    expect(Math.abs(Date.parse(stored.expiresAt) - (Date.now() + SETUP_LINK_LIFETIME_MS))).toBeLessThan(60_000);
    expect(await getSetupLinkStatus(db(), token)).toBe("ready");

    // A deactivated admin is no admin: the installation still needs one.
    await db().user.create({ data: { email: "gone@example.org", role: "admin", active: false } });
    expect(await ensureSetupLink(db(), PUBLIC_URL)).not.toBeNull();

    // Nor is an admin who cannot sign in (restored without a password): see the restored-admin test.
    await makeUser("admin", { password: PASSWORD });
    expect(await ensureSetupLink(db(), PUBLIC_URL)).toBeNull();
    // The leftover link is gone with it.
    expect(await db().setting.count({ where: { key: SETUP_SETTING_KEY } })).toBe(0);
    expect(await getSetupLinkStatus(db(), token)).toBe("done");
  });

  it("replaces the older link: only the newest works", async () => {
    const first = await issueLink();
    const second = await issueLink();
    expect(second.token).not.toBe(first.token);
    expect(await db().setting.count({ where: { key: SETUP_SETTING_KEY } })).toBe(1);
    expect(await getSetupLinkStatus(db(), first.token)).toBe("unusable");
    expect(await getSetupLinkStatus(db(), second.token)).toBe("ready");
    await expect(createFirstAdmin(db(), adminInput(first.token))).rejects.toMatchObject({
      code: "INVALID",
      field: "token",
    });
  });
});

describe("createFirstAdmin", () => {
  it("creates exactly one admin, who can sign in, and the link dies with it", async () => {
    const { token } = await issueLink();
    const admin = await createFirstAdmin(db(), adminInput(token, "First@Example.org"), { address: "192.0.2.1" });
    expect(admin).toMatchObject({ role: "admin", email: "first@example.org", name: "First Admin" });
    expect(await admins()).toEqual([{ email: "first@example.org", active: true }]);
    expect(await db().user.count()).toBe(1);
    expect(await db().setting.count({ where: { key: SETUP_SETTING_KEY } })).toBe(0);
    expect(await db().auditEvent.findMany({ where: { action: "user.setupFirstAdmin" } })).toMatchObject([
      { actorId: admin.id, entityType: "User", entityId: admin.id },
    ]);
    await expect(
      authenticateWithPassword(db(), { email: "first@example.org", password: PASSWORD }),
    ).resolves.toMatchObject({ id: admin.id });
    expect(await getSetupLinkStatus(db(), token)).toBe("done");

    // Used: refused, naming the field, and nothing is written (not even a rate-limit count).
    const before = await tableSnapshot();
    const hashes = argon.hash;
    await expect(createFirstAdmin(db(), adminInput(token, "second@example.org"))).rejects.toMatchObject({
      code: "CONFLICT",
      field: "token",
      message: expect.stringMatching(/^token: this installation already has an admin/),
    });
    expect(await tableSnapshot()).toEqual(before);
    expect(argon.hash).toBe(hashes);
    // Still used once that admin is deactivated: the link is gone, not merely blocked.
    await db().user.updateMany({ data: { active: false } });
    await expect(createFirstAdmin(db(), adminInput(token, "third@example.org"))).rejects.toMatchObject({
      code: "INVALID",
      field: "token",
      message: UNUSABLE,
    });
  });

  it.each([
    ["a wrong token", () => "A".repeat(43)],
    ["an empty token", () => ""],
    ["no token at all", () => undefined],
    ["a token far too long", () => "x".repeat(500)],
  ])("refuses %s, naming the field, before hashing or writing anything", async (_name, wrongToken) => {
    await issueLink();
    const before = await tableSnapshot();
    await expect(createFirstAdmin(db(), { ...adminInput(""), token: wrongToken() })).rejects.toMatchObject({
      code: "INVALID",
      field: "token",
      message: UNUSABLE,
    });
    expect(await tableSnapshot()).toEqual(before);
    expect(argon.hash).toBe(0);
  });

  it("refuses an expired link, naming the field, and writes nothing", async () => {
    const { token } = await issueLink();
    const row = await db().setting.findUniqueOrThrow({ where: { key: SETUP_SETTING_KEY } });
    const stored = JSON.parse(row.value) as { tokenHash: string };
    await db().setting.update({
      where: { key: SETUP_SETTING_KEY },
      data: { value: JSON.stringify({ ...stored, expiresAt: new Date(Date.now() - 1000).toISOString() }) },
    });
    expect(await getSetupLinkStatus(db(), token)).toBe("unusable");
    const before = await tableSnapshot();
    await expect(createFirstAdmin(db(), adminInput(token))).rejects.toMatchObject({
      code: "INVALID",
      field: "token",
      message: UNUSABLE,
    });
    expect(await tableSnapshot()).toEqual(before);
    expect(argon.hash).toBe(0);
  });

  it("refuses any token on an installation that never had a link", async () => {
    const before = await tableSnapshot();
    await expect(createFirstAdmin(db(), adminInput("A".repeat(43)))).rejects.toMatchObject({
      code: "INVALID",
      field: "token",
    });
    expect(await tableSnapshot()).toEqual(before);
    expect(await getSetupLinkStatus(db(), undefined)).toBe("unusable");
  });

  it.each([
    [{ email: "not-an-email" }, "email"],
    [{ name: "" }, "name"],
    [{ password: "short" }, "password"],
    [{ password: "first@example.org" }, "password"],
  ])("refuses %o naming %s, and the link still works", async (change, field) => {
    const { token } = await issueLink();
    const before = await tableSnapshot();
    await expect(createFirstAdmin(db(), { ...adminInput(token), ...change })).rejects.toMatchObject({
      code: "INVALID",
      field,
    });
    expect(await tableSnapshot()).toEqual(before);
    await expect(createFirstAdmin(db(), adminInput(token))).resolves.toMatchObject({ role: "admin" });
  });

  it("keeps the link when the email is taken (the transaction rolls back whole)", async () => {
    // An account left from before all admins were deactivated.
    await makeUser("contributor", { email: "taken@example.org" });
    const { token } = await issueLink();
    await expect(createFirstAdmin(db(), adminInput(token, "taken@example.org"))).rejects.toMatchObject({
      code: "CONFLICT",
      field: "email",
    });
    expect(await admins()).toEqual([]);
    expect(await getSetupLinkStatus(db(), token)).toBe("ready");
    await expect(createFirstAdmin(db(), adminInput(token))).resolves.toMatchObject({ role: "admin" });
  });

  it("lets a restored admin without a password (a workspace moved without hashes) take their account back", async () => {
    // What `npm run restore` leaves without --with-password-hashes: members and admins, no hashes.
    const restored = await db().user.create({
      data: { email: "restored.admin@example.org", name: "Restored Admin", role: "admin" },
    });
    await db().user.create({ data: { email: "restored.member@example.org", role: "contributor" } });
    const { token } = await issueLink();

    // Another restored member's email is taken, not claimed (the attempt counts toward the limit).
    const users = await db().user.findMany({ orderBy: { id: "asc" } });
    await expect(createFirstAdmin(db(), adminInput(token, "restored.member@example.org"))).rejects.toMatchObject({
      code: "CONFLICT",
      field: "email",
    });
    expect(await db().user.findMany({ orderBy: { id: "asc" } })).toEqual(users);
    expect(await getSetupLinkStatus(db(), token)).toBe("ready");

    const user = await createFirstAdmin(db(), adminInput(token, "restored.admin@example.org"));
    expect(user).toMatchObject({ id: restored.id, name: "Restored Admin", role: "admin" });
    expect(await db().user.count({ where: { role: "admin" } })).toBe(1);
    expect(
      await authenticateWithPassword(db(), { email: "restored.admin@example.org", password: PASSWORD }),
    ).toMatchObject({
      id: restored.id,
    });
    expect(await db().auditEvent.count({ where: { action: "user.setupRestoredAdmin", entityId: restored.id } })).toBe(
      1,
    );
    // Now an admin can sign in: no more links, and the used one is gone.
    expect(await ensureSetupLink(db(), PUBLIC_URL)).toBeNull();
    expect(await getSetupLinkStatus(db(), token)).toBe("done");
  });

  it("two uses of one link at once create exactly one admin", async () => {
    const { token } = await issueLink();
    const results = await Promise.allSettled(
      ["one@example.org", "two@example.org", "three@example.org"].map((email) =>
        createFirstAdmin(db(), adminInput(token, email)),
      ),
    );
    const created = results.filter((result) => result.status === "fulfilled");
    expect(created).toHaveLength(1);
    for (const result of results) {
      // Refused by the conditional delete (CONFLICT), or later by the cheap checks.
      if (result.status === "rejected") expect(result.reason).toMatchObject({ field: "token" });
    }
    expect(await admins()).toHaveLength(1);
    expect(await db().user.count()).toBe(1);
    expect(await db().setting.count({ where: { key: SETUP_SETTING_KEY } })).toBe(0);
    expect(await db().auditEvent.count({ where: { action: "user.setupFirstAdmin" } })).toBe(1);
  });

  it("counts attempts that pass the token check, per address, before hashing", async () => {
    const { token } = await issueLink();
    await db().rateLimitEvent.createMany({
      data: Array.from({ length: SETUP_LIMIT.max }, () => ({ key: "setup:192.0.2.7" })),
    });
    await expect(createFirstAdmin(db(), adminInput(token), { address: "192.0.2.7" })).rejects.toMatchObject({
      code: "RATE_LIMITED",
    });
    expect(argon.hash).toBe(0);
    expect(await getSetupLinkStatus(db(), token)).toBe("ready");
    await expect(createFirstAdmin(db(), adminInput(token), { address: "192.0.2.8" })).resolves.toMatchObject({
      role: "admin",
    });
  });
});

describe("nobody becomes admin by being first", () => {
  it.each(REGISTRATION_MODES)("a sign-up on an empty installation (%s registration) is no admin", async (mode) => {
    await setRegistrationMode(db(), SYSTEM_ACTOR, { mode });
    const attempts = await Promise.allSettled([
      registerUser(db(), { email: "first@example.org", name: "First", password: PASSWORD }),
      registerUser(db(), { email: "second@example.org", name: "Second", password: PASSWORD }),
    ]);
    if (mode === "open") {
      expect(attempts.map((attempt) => attempt.status)).toEqual(["fulfilled", "fulfilled"]);
      expect(await db().user.findMany({ select: { role: true } })).toEqual([
        { role: "contributor" },
        { role: "contributor" },
      ]);
    } else {
      for (const attempt of attempts) {
        expect(attempt.status).toBe("rejected");
        if (attempt.status === "rejected") expect(attempt.reason).toMatchObject({ code: "FORBIDDEN" });
      }
    }
    // Invited (as a contributor) on an empty installation: still what the invitation says.
    if (mode !== "closed") {
      const invitation = await createInvitation(db(), SYSTEM_ACTOR, { role: "contributor" });
      await expect(
        registerUser(db(), {
          email: "invited@example.org",
          name: "Invited",
          password: PASSWORD,
          invitation: invitation.token,
        }),
      ).resolves.toMatchObject({ role: "contributor" });
    }
    expect(await admins()).toEqual([]);
  });

  describe("through an outside provider (next-auth's callbacks)", () => {
    const account: Account = { provider: "github", type: "oauth", providerAccountId: "12345" };
    const newcomer = { id: "github-12345", email: "first@example.org", name: "First", emailVerified: null };

    it("the first person on an empty installation is admitted only as the registration mode allows", async () => {
      const signIn = getAuthOptions().callbacks!.signIn!;
      expect(await signIn({ user: newcomer, account })).toBe("/signin?error=RegistrationClosed");
      await setRegistrationMode(db(), SYSTEM_ACTOR, { mode: "closed" });
      expect(await signIn({ user: newcomer, account })).toBe("/signin?error=RegistrationClosed");
      await setRegistrationMode(db(), SYSTEM_ACTOR, { mode: "open" });
      expect(await signIn({ user: newcomer, account })).toBe(true);
    });

    it("the first account an outside provider creates is a contributor, with its audit event", async () => {
      // What @next-auth/prisma-adapter does before next-auth fires events.createUser.
      const created = await db().user.create({ data: { email: "first@example.org", name: "First" } });
      const user: AdapterUser = { id: created.id, email: "first@example.org", name: "First", emailVerified: null };
      await getAuthOptions().events!.createUser!({ user });
      expect(await db().user.findMany({ select: { id: true, role: true } })).toEqual([
        { id: created.id, role: "contributor" },
      ]);
      expect(await db().auditEvent.findMany({ select: { actorId: true, action: true, data: true } })).toEqual([
        {
          actorId: created.id,
          action: "user.register",
          data: JSON.stringify({ role: "contributor", provider: "oauth" }),
        },
      ]);
      expect(await admins()).toEqual([]);
    });
  });
});
