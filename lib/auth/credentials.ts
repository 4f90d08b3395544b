import "server-only";
import { randomUUID } from "node:crypto";
import type { Db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import type { RoleName } from "@/lib/permissions";
import { hashPassword, verifyPassword } from "@/lib/users/passwords";
import { SignInSchema } from "@/lib/users/schemas";

// Sign-in throttling (docs/decisions/0011-sign-in-throttling-and-revocable-sessions.md).
// Three scopes, each a key of SignInAttempt rows; a row is one password check, made or about to be:
//
// - the address (only when it is known, behind a trusted proxy): a hard limit on failed checks,
//   so one machine cannot guess across many accounts;
// - the account from that address (the pair): a few free failures, then a delay that doubles
//   with each further failure, so one machine cannot guess fast at one account;
// - the account from anywhere: once it has many failures from other addresses, every attempt on
//   it waits a little, never more than ACCOUNT_MAX_DELAY_MS. This is the only thing strangers
//   can do to the owner's sign-in: there is no lockout, so nobody elsewhere can lock them out.
//
// Atomicity: an attempt writes its rows (committed, counted as failures until the password is
// known to be right) BEFORE it reads the counts, and every read counts the rows of attempts
// running at the same time. Of N parallel attempts, the one whose rows were written last sees
// the rows of every other attempt that got through, so no more than a limit can get through
// (at worst all of them are refused at the boundary). A refused attempt deletes its rows: it
// checked no password, and an owner who retries too early does not push their wait further.

export const ADDRESS_WINDOW_MS = 15 * 60 * 1000;
/** Failed checks per address within ADDRESS_WINDOW_MS (a shared office address makes some). */
export const MAX_FAILURES_PER_ADDRESS = 20;

/** Failures of a pair count for a day, or until the pair's next successful sign-in. */
export const PAIR_WINDOW_MS = 24 * 60 * 60 * 1000;
/** Typos are free: this many failures from one address before any delay. */
export const PAIR_FREE_FAILURES = 3;
/** The first delay, doubled for each further failure … */
export const PAIR_FIRST_DELAY_MS = 1000;
/** … up to this: after 13 failures one guess every 15 minutes (about 100 a day). */
export const PAIR_MAX_DELAY_MS = 15 * 60 * 1000;

export const ACCOUNT_WINDOW_MS = 15 * 60 * 1000;
/** Failures from other addresses within ACCOUNT_WINDOW_MS before an account slows down … */
export const ACCOUNT_FREE_FAILURES = 10;
/** … by this much per further failure, … */
export const ACCOUNT_DELAY_STEP_MS = 200;
/** … never more than this: the most a stranger can cost the owner per sign-in. */
export const ACCOUNT_MAX_DELAY_MS = 2000;

// Rows older than the longest window count toward nothing.
const KEEP_ATTEMPTS_MS = PAIR_WINDOW_MS;
// Enough rows of one pair to see its delay at the cap.
const PAIR_ROWS_READ = 200;

export const INVALID_CREDENTIALS = "Invalid email or password.";
export const TOO_MANY_FROM_ADDRESS = "Too many failed sign-ins from your address. Try again in 15 minutes.";

export type AuthenticatedUser = { id: string; email: string; name: string | null; role: RoleName };

export type SignInOptions = {
  /** The clock (tests move it). */
  now?: Date;
  /** How the account slow-down waits (tests record it instead). */
  sleep?: (ms: number) => Promise<void>;
};

let dummyHash: Promise<string> | undefined;

const wait = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** The wait a pair owes after `failures` failed checks: none for the first few, then doubling. */
export function pairDelayMs(failures: number): number {
  if (failures < PAIR_FREE_FAILURES) return 0;
  return Math.min(PAIR_MAX_DELAY_MS, PAIR_FIRST_DELAY_MS * 2 ** Math.min(30, failures - PAIR_FREE_FAILURES));
}

/** The slow-down of an account that failed `failures` times from other addresses. */
export function accountDelayMs(failures: number): number {
  if (failures < ACCOUNT_FREE_FAILURES) return 0;
  return Math.min(ACCOUNT_MAX_DELAY_MS, (failures - ACCOUNT_FREE_FAILURES + 1) * ACCOUNT_DELAY_STEP_MS);
}

function tooManyForAccount(waitMs: number): string {
  const seconds = Math.max(1, Math.ceil(waitMs / 1000));
  const when = seconds < 90 ? `${seconds} second${seconds === 1 ? "" : "s"}` : `${Math.ceil(seconds / 60)} minutes`;
  return `Too many failed sign-ins for this account from your address. Try again in ${when}.`;
}

type AttemptRow = { id: string; key: string; success: boolean; createdAt: Date };

/**
 * Checks an email and password, throttled as described above. The answer never reveals whether
 * an email is registered: unknown emails are throttled alike, cost the same hashing time and get
 * the same message.
 */
export async function authenticateWithPassword(
  db: Db,
  input: unknown,
  options: SignInOptions = {},
): Promise<AuthenticatedUser> {
  // Not INVALID naming a field: a malformed attempt gets the same answer as a wrong one.
  const parsed = SignInSchema.safeParse(input);
  if (!parsed.success) throw new AppError("UNAUTHENTICATED", INVALID_CREDENTIALS);
  const { email, password, ip } = parsed.data;
  const now = options.now ?? new Date();
  const at = now.getTime();

  const keys = {
    account: `account:${email}`,
    pair: ip ? `pair:${ip}|${email}` : null,
    address: ip ? `ip:${ip}` : null,
  };
  const mine = Object.values(keys)
    .filter((key): key is string => key !== null)
    .map((key) => ({ id: randomUUID(), key, success: false, createdAt: now }));
  const mineIds = mine.map((row) => row.id);
  // 1. Record the attempt, committed on its own, before anything is counted.
  await db.signInAttempt.createMany({ data: mine });

  // 2. Count, every row of every attempt so far included (those running now too).
  const [addressFailures, pairRows, accountFailures] = await Promise.all([
    keys.address
      ? db.signInAttempt.count({
          where: { key: keys.address, success: false, createdAt: { gte: new Date(at - ADDRESS_WINDOW_MS) } },
        })
      : 0,
    keys.pair
      ? db.signInAttempt.findMany({
          where: { key: keys.pair, createdAt: { gte: new Date(at - PAIR_WINDOW_MS) }, id: { notIn: mineIds } },
          select: { id: true, key: true, success: true, createdAt: true },
          orderBy: [{ createdAt: "desc" }, { id: "desc" }],
          take: PAIR_ROWS_READ,
        })
      : ([] as AttemptRow[]),
    db.signInAttempt.count({
      where: {
        key: keys.account,
        success: false,
        createdAt: { gte: new Date(at - ACCOUNT_WINDOW_MS) },
        id: { notIn: mineIds },
      },
    }),
  ]);

  const refuse = async (message: string): Promise<never> => {
    await db.signInAttempt.deleteMany({ where: { id: { in: mineIds } } });
    throw new AppError("RATE_LIMITED", message);
  };

  if (addressFailures > MAX_FAILURES_PER_ADDRESS) await refuse(TOO_MANY_FROM_ADDRESS);

  // The pair's failures since its last success; the delay they earn must have passed since
  // every other attempt of the pair (a parallel one included, whichever came first).
  const lastSuccess = pairRows.findIndex((row) => row.success);
  const pairFailures = lastSuccess === -1 ? pairRows : pairRows.slice(0, lastSuccess);
  const delay = pairDelayMs(pairFailures.length);
  if (delay > 0) {
    const latest = Math.max(...pairRows.map((row) => row.createdAt.getTime()));
    if (latest > at - delay) await refuse(tooManyForAccount(latest + delay - at));
  }

  // The account's failures from elsewhere slow it a little, and never more than that.
  const sinceAccountWindow = at - ACCOUNT_WINDOW_MS;
  const ownFailures = pairRows.filter((row) => !row.success && row.createdAt.getTime() >= sinceAccountWindow).length;
  const slowDown = accountDelayMs(accountFailures - ownFailures);
  if (slowDown > 0) await (options.sleep ?? wait)(slowDown);

  // 3. Only now the expensive part.
  const user = await db.user.findUnique({
    where: { email },
    select: { id: true, email: true, name: true, role: true, active: true, passwordHash: true },
  });
  let ok = false;
  if (user?.passwordHash) {
    ok = await verifyPassword(user.passwordHash, password);
  } else {
    dummyHash ??= hashPassword("not a real password, only spends the same time");
    await verifyPassword(await dummyHash, password);
  }
  ok = ok && Boolean(user?.active);

  if (ok) await db.signInAttempt.updateMany({ where: { id: { in: mineIds } }, data: { success: true } });
  // Now and then, forget old attempts.
  if (Math.random() < 0.01) {
    await db.signInAttempt.deleteMany({ where: { createdAt: { lt: new Date(at - KEEP_ATTEMPTS_MS) } } });
  }
  if (!ok || !user?.email) throw new AppError("UNAUTHENTICATED", INVALID_CREDENTIALS);
  return { id: user.id, email: user.email, name: user.name, role: user.role };
}
