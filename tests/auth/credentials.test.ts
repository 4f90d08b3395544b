// Sign-in throttling (lib/auth/credentials.ts): limits that hold under parallel guessing, and
// no lockout an outsider can cause.
import { beforeEach, describe, expect, it, vi } from "vitest";
import {
  ACCOUNT_MAX_DELAY_MS,
  accountDelayMs,
  authenticateWithPassword,
  INVALID_CREDENTIALS,
  MAX_FAILURES_PER_ADDRESS,
  PAIR_FIRST_DELAY_MS,
  PAIR_FREE_FAILURES,
  PAIR_MAX_DELAY_MS,
  pairDelayMs,
  TOO_MANY_FROM_ADDRESS,
} from "@/lib/auth/credentials";
import { makeUser } from "../factories";
import { db, resetDatabase } from "../helpers";

// Counts the password checks (argon2), the expensive step that must come after every limit.
const checks = vi.hoisted(() => ({ verify: 0 }));
vi.mock("@/lib/users/passwords", async (importOriginal) => {
  const actual = await importOriginal<typeof import("@/lib/users/passwords")>();
  return {
    hashPassword: actual.hashPassword,
    verifyPassword: (hash: string, password: string) => {
      checks.verify++;
      return actual.verifyPassword(hash, password);
    },
  };
});

const PASSWORD = "correct horse battery";
const OWNER_ADDRESS = "203.0.113.5";
const STRANGER_ADDRESS = "198.51.100.7";

beforeEach(async () => {
  await resetDatabase();
  checks.verify = 0;
  // The admin: the account a stranger would most like to lock out.
  await makeUser("admin", { email: "admin@example.org", name: "Admin", password: PASSWORD });
});

type Outcome = "signed in" | "UNAUTHENTICATED" | "RATE_LIMITED";

/** One attempt; the account slow-down is recorded in `slept` instead of waited. */
async function attempt(
  input: { email?: string; password: string; ip?: string | null },
  options: { now?: Date; slept?: number[] } = {},
): Promise<Outcome> {
  try {
    await authenticateWithPassword(
      db(),
      { email: input.email ?? "admin@example.org", password: input.password, ip: input.ip },
      { now: options.now, sleep: async (ms) => void options.slept?.push(ms) },
    );
    return "signed in";
  } catch (error) {
    const code = (error as { code?: string }).code;
    if (code === "UNAUTHENTICATED" || code === "RATE_LIMITED") return code;
    throw error;
  }
}

const tally = (outcomes: Outcome[]) =>
  Object.fromEntries(
    ["signed in", "UNAUTHENTICATED", "RATE_LIMITED"].map((o) => [o, outcomes.filter((x) => x === o).length]),
  );

describe("parallel guesses", () => {
  it("20 wrong passwords at once from one address: at most the free failures reach the password check", async () => {
    const outcomes = await Promise.all(
      Array.from({ length: 20 }, (_, index) => attempt({ password: `guess ${index}`, ip: STRANGER_ADDRESS })),
    );
    const counts = tally(outcomes);
    expect(counts["signed in"]).toBe(0);
    // At worst every one of them is refused (each saw the others' rows): safe, never more.
    expect(counts.UNAUTHENTICATED).toBeLessThanOrEqual(PAIR_FREE_FAILURES);
    expect(counts.RATE_LIMITED).toBe(20 - counts.UNAUTHENTICATED!);
    // Refused attempts never hashed anything, and left no row behind: the rows are the checks made.
    expect(checks.verify).toBe(counts.UNAUTHENTICATED);
    expect(await db().signInAttempt.count({ where: { key: `pair:${STRANGER_ADDRESS}|admin@example.org` } })).toBe(
      counts.UNAUTHENTICATED,
    );
  });

  it("25 accounts guessed at once from one address: at most the address limit reaches the password check", async () => {
    const outcomes = await Promise.all(
      Array.from({ length: MAX_FAILURES_PER_ADDRESS + 5 }, (_, index) =>
        attempt({ email: `probe${index}@example.org`, password: "guess", ip: STRANGER_ADDRESS }),
      ),
    );
    const counts = tally(outcomes);
    expect(counts.UNAUTHENTICATED).toBeLessThanOrEqual(MAX_FAILURES_PER_ADDRESS);
    expect(counts.RATE_LIMITED).toBe(MAX_FAILURES_PER_ADDRESS + 5 - counts.UNAUTHENTICATED!);
    expect(checks.verify).toBe(counts.UNAUTHENTICATED);
  });
});

describe("no lockout by a stranger", () => {
  it("the owner signs in from their own address after a stranger's failures, slowed at most a little", async () => {
    // The old rule locked any account after five failures, even against the right password.
    for (let index = 0; index < 5; index++) {
      expect(await attempt({ password: `guess ${index}`, ip: STRANGER_ADDRESS })).not.toBe("signed in");
    }
    const slept: number[] = [];
    expect(await attempt({ password: PASSWORD, ip: OWNER_ADDRESS }, { slept })).toBe("signed in");
    expect(slept).toEqual([]);

    // A distributed stranger: many addresses, each using its free failures, at once.
    const strangers = Array.from({ length: 12 }, (_, index) => `198.51.100.${100 + index}`);
    await Promise.all(
      strangers.map(async (address) => {
        for (let index = 0; index < PAIR_FREE_FAILURES; index++) {
          await attempt({ password: `guess ${index}`, ip: address }, { slept: [] });
        }
      }),
    );
    expect(
      await db().signInAttempt.count({ where: { key: "account:admin@example.org", success: false } }),
    ).toBeGreaterThanOrEqual(strangers.length * PAIR_FREE_FAILURES);
    const ownerWaits: number[] = [];
    expect(await attempt({ password: PASSWORD, ip: OWNER_ADDRESS }, { slept: ownerWaits })).toBe("signed in");
    expect(ownerWaits.length).toBe(1);
    expect(ownerWaits[0]).toBeGreaterThan(0);
    expect(ownerWaits[0]).toBeLessThanOrEqual(ACCOUNT_MAX_DELAY_MS);
    // The stranger's own addresses, by contrast, owe a wait after their last guess.
    const lastGuess = await db().signInAttempt.findFirstOrThrow({
      where: { key: `pair:${strangers[0]}|admin@example.org` },
      orderBy: { createdAt: "desc" },
    });
    expect(
      await attempt({ password: PASSWORD, ip: strangers[0] }, { now: new Date(lastGuess.createdAt.getTime() + 10) }),
    ).toBe("RATE_LIMITED");
  });

  it("without a known address nothing is ever refused: failures only slow the account, boundedly", async () => {
    for (let index = 0; index < 14; index++) {
      expect(await attempt({ password: `guess ${index}`, ip: null }, { slept: [] })).toBe("UNAUTHENTICATED");
    }
    const slept: number[] = [];
    expect(await attempt({ password: PASSWORD, ip: null }, { slept })).toBe("signed in");
    expect(slept[0]).toBeGreaterThan(0);
    expect(slept[0]).toBeLessThanOrEqual(ACCOUNT_MAX_DELAY_MS);
    // No address, no per-address or per-pair rows.
    const keys = await db().signInAttempt.findMany({ select: { key: true }, distinct: ["key"] });
    expect(keys).toEqual([{ key: "account:admin@example.org" }]);
  });
});

describe("growing delays per account and address", () => {
  it("a few typos are free, then each failure doubles the wait; early retries do not extend it", async () => {
    const start = Date.now();
    const at = (ms: number) => new Date(start + ms);
    for (let index = 0; index < PAIR_FREE_FAILURES; index++) {
      expect(await attempt({ password: `typo ${index}`, ip: OWNER_ADDRESS }, { now: at(index) })).toBe(
        "UNAUTHENTICATED",
      );
    }
    const last = PAIR_FREE_FAILURES - 1;
    // Now a delay is owed, even for the right password.
    expect(await attempt({ password: PASSWORD, ip: OWNER_ADDRESS }, { now: at(last + 500) })).toBe("RATE_LIMITED");
    expect(await attempt({ password: PASSWORD, ip: OWNER_ADDRESS }, { now: at(last + 900) })).toBe("RATE_LIMITED");
    // Refused attempts checked nothing and do not count: the wait ends one delay after the last check.
    expect(await attempt({ password: "typo again", ip: OWNER_ADDRESS }, { now: at(last + PAIR_FIRST_DELAY_MS) })).toBe(
      "UNAUTHENTICATED",
    );
    const doubled = last + PAIR_FIRST_DELAY_MS + 2 * PAIR_FIRST_DELAY_MS;
    expect(await attempt({ password: PASSWORD, ip: OWNER_ADDRESS }, { now: at(doubled - 10) })).toBe("RATE_LIMITED");
    expect(await attempt({ password: PASSWORD, ip: OWNER_ADDRESS }, { now: at(doubled) })).toBe("signed in");
    // A success starts the pair afresh.
    expect(await attempt({ password: "typo", ip: OWNER_ADDRESS }, { now: at(doubled + 1) })).toBe("UNAUTHENTICATED");
    // Meanwhile another address never waited for any of this.
    expect(await attempt({ password: PASSWORD, ip: "192.0.2.44" }, { now: at(last + 500) })).toBe("signed in");
  });

  it("the delay doubles up to its cap", () => {
    expect(pairDelayMs(PAIR_FREE_FAILURES - 1)).toBe(0);
    expect(pairDelayMs(PAIR_FREE_FAILURES)).toBe(PAIR_FIRST_DELAY_MS);
    expect(pairDelayMs(PAIR_FREE_FAILURES + 3)).toBe(8 * PAIR_FIRST_DELAY_MS);
    expect(pairDelayMs(1000)).toBe(PAIR_MAX_DELAY_MS);
    expect(accountDelayMs(0)).toBe(0);
    expect(accountDelayMs(1_000_000)).toBe(ACCOUNT_MAX_DELAY_MS);
  });
});

describe("per-address limit", () => {
  it("an address over its limit is refused for every account, the right password included; others are not", async () => {
    for (let index = 0; index < MAX_FAILURES_PER_ADDRESS; index++) {
      expect(await attempt({ email: `probe${index}@example.org`, password: "guess", ip: STRANGER_ADDRESS })).toBe(
        "UNAUTHENTICATED",
      );
    }
    await expect(
      authenticateWithPassword(db(), { email: "admin@example.org", password: PASSWORD, ip: STRANGER_ADDRESS }),
    ).rejects.toMatchObject({ code: "RATE_LIMITED", message: TOO_MANY_FROM_ADDRESS });
    expect(await attempt({ password: PASSWORD, ip: OWNER_ADDRESS })).toBe("signed in");
    // Unknown and known emails are refused alike: the limits reveal no account.
    await expect(
      authenticateWithPassword(db(), { email: "nobody@example.org", password: "x", ip: OWNER_ADDRESS }),
    ).rejects.toMatchObject({ code: "UNAUTHENTICATED", message: INVALID_CREDENTIALS });
  });
});
