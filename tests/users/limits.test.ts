// Sign-up and password change: cheap refusals first, rate limits before any password hashing.
import { beforeEach, describe, expect, it, vi } from "vitest";
import { setRegistrationMode } from "@/lib/settings/registration";
import {
  changePassword,
  PASSWORD_CHANGE_LIMIT,
  registerUser,
  SIGN_UP_LIMIT,
  SIGN_UP_LIMIT_WITHOUT_ADDRESS,
} from "@/lib/users/accounts";
import { actorOf, makeUser } from "../factories";
import { changedTables, db, resetDatabase, tableSnapshot } from "../helpers";

// Counts the argon2 work, which must come after every cheap refusal and every limit.
const argon = vi.hoisted(() => ({ hash: 0, verify: 0 }));
vi.mock("@/lib/users/passwords", async (importOriginal) => {
  const actual = await importOriginal<typeof import("@/lib/users/passwords")>();
  return {
    hashPassword: (password: string) => {
      argon.hash++;
      return actual.hashPassword(password);
    },
    verifyPassword: (hash: string, password: string) => {
      argon.verify++;
      return actual.verifyPassword(hash, password);
    },
  };
});

const PASSWORD = "correct horse battery";

beforeEach(async () => {
  await resetDatabase();
  argon.hash = 0;
  argon.verify = 0;
});

async function makeAdmin() {
  const admin = actorOf(await makeUser("admin", { email: "admin@example.org", name: "Admin", password: PASSWORD }));
  argon.hash = 0;
  return admin;
}

const signUp = (index: number, address?: string) =>
  registerUser(db(), { email: `new${index}@example.org`, name: `New ${index}`, password: PASSWORD }, { address });

describe("sign-up", () => {
  it("closed or invitation-only registration refuses before hashing anything or counting the attempt", async () => {
    const admin = await makeAdmin();
    for (const mode of ["closed", "invitation"] as const) {
      await setRegistrationMode(db(), admin, { mode });
      const before = await tableSnapshot();
      await expect(signUp(1, "192.0.2.1")).rejects.toMatchObject({ code: "FORBIDDEN" });
      await expect(
        registerUser(db(), { email: "x@example.org", name: "X", password: PASSWORD, invitation: "made up" }),
      ).rejects.toMatchObject({ code: mode === "closed" ? "FORBIDDEN" : "INVALID" });
      expect(await tableSnapshot()).toEqual(before);
    }
    expect(argon.hash).toBe(0);
  });

  it("limits sign-ups per address, atomically: 10 at once from one address create at most the limit", async () => {
    const admin = await makeAdmin();
    await setRegistrationMode(db(), admin, { mode: "open" });
    const results = await Promise.allSettled(Array.from({ length: 10 }, (_, index) => signUp(index, "192.0.2.1")));
    const created = results.filter((result) => result.status === "fulfilled").length;
    expect(created).toBeLessThanOrEqual(SIGN_UP_LIMIT.max);
    for (const result of results) {
      if (result.status === "rejected") expect(result.reason).toMatchObject({ code: "RATE_LIMITED" });
    }
    // Refused sign-ups hashed nothing.
    expect(argon.hash).toBe(created);
    expect(await db().user.count()).toBe(1 + created);
    // Another address is not held back.
    await expect(signUp(100, "192.0.2.2")).resolves.toMatchObject({ role: "contributor" });
  });

  it("without a known address, all such sign-ups share one (larger) limit", async () => {
    const admin = await makeAdmin();
    await setRegistrationMode(db(), admin, { mode: "open" });
    await db().rateLimitEvent.createMany({
      data: Array.from({ length: SIGN_UP_LIMIT_WITHOUT_ADDRESS.max }, () => ({ key: "signup:unknown-address" })),
    });
    const before = await tableSnapshot();
    await expect(signUp(1)).rejects.toMatchObject({ code: "RATE_LIMITED" });
    expect(changedTables(before, await tableSnapshot())).toEqual(["RateLimitEvent"]);
    expect(argon.hash).toBe(0);
    await expect(signUp(2, "192.0.2.9")).resolves.toMatchObject({ email: "new2@example.org" });
  });
});

describe("password change", () => {
  it("counts every attempt per member before checking the current password", async () => {
    const admin = await makeAdmin();
    for (let index = 0; index < PASSWORD_CHANGE_LIMIT.max; index++) {
      await expect(
        changePassword(db(), admin, { currentPassword: `guess ${index}`, newPassword: "a brand new password" }),
      ).rejects.toMatchObject({ code: "INVALID", field: "currentPassword" });
    }
    const verified = argon.verify;
    const before = await tableSnapshot();
    // Over the limit even the right current password is refused, and nothing is checked.
    await expect(
      changePassword(db(), admin, { currentPassword: PASSWORD, newPassword: "a brand new password" }),
    ).rejects.toMatchObject({ code: "RATE_LIMITED" });
    expect(argon.verify).toBe(verified);
    expect(changedTables(before, await tableSnapshot())).toEqual(["RateLimitEvent"]);
    const user = await db().user.findUniqueOrThrow({ where: { id: admin.id! }, select: { passwordHash: true } });
    expect(user.passwordHash).toBe(before.User[0]!.passwordHash);
  });
});
