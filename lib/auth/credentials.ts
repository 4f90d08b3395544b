import "server-only";
import type { Db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import type { RoleName } from "@/lib/permissions";
import { hashPassword, verifyPassword } from "@/lib/users/passwords";
import { SignInSchema } from "@/lib/users/schemas";

export const SIGN_IN_WINDOW_MS = 15 * 60 * 1000;
export const MAX_FAILURES_PER_ACCOUNT = 5;
export const MAX_FAILURES_PER_IP = 20;

export const INVALID_CREDENTIALS = "Invalid email or password.";
export const TOO_MANY_ATTEMPTS = "Too many sign-in attempts. Wait 15 minutes and try again.";

let dummyHash: Promise<string> | undefined;

export type AuthenticatedUser = { id: string; email: string; name: string | null; role: RoleName };

/**
 * Checks an email and password. Failures are counted in the database per account and per
 * client address, so limits hold across restarts and instances. The answer never reveals
 * whether an email is registered: unknown emails cost the same hashing time and get the
 * same message, and the per-account limit applies to them too.
 */
export async function authenticateWithPassword(db: Db, input: unknown): Promise<AuthenticatedUser> {
  // Not INVALID naming a field: a malformed attempt gets the same answer as a wrong one.
  const parsed = SignInSchema.safeParse(input);
  if (!parsed.success) throw new AppError("UNAUTHENTICATED", INVALID_CREDENTIALS);
  const { email, password, ip } = parsed.data;
  const keys = [`email:${email}`, ...(ip ? [`ip:${ip}`] : [])];
  const since = new Date(Date.now() - SIGN_IN_WINDOW_MS);

  const [accountFailures, ipFailures] = await Promise.all(
    keys.map((key) => db.signInAttempt.count({ where: { key, success: false, createdAt: { gte: since } } })),
  );
  if ((accountFailures ?? 0) >= MAX_FAILURES_PER_ACCOUNT || (ipFailures ?? 0) >= MAX_FAILURES_PER_IP) {
    throw new AppError("RATE_LIMITED", TOO_MANY_ATTEMPTS);
  }

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

  await db.$transaction([
    db.signInAttempt.createMany({ data: keys.map((key) => ({ key, success: ok })) }),
    // Old attempts no longer count toward any limit.
    db.signInAttempt.deleteMany({ where: { createdAt: { lt: new Date(Date.now() - 24 * 60 * 60 * 1000) } } }),
  ]);
  if (!ok || !user) throw new AppError("UNAUTHENTICATED", INVALID_CREDENTIALS);
  return { id: user.id, email: user.email!, name: user.name, role: user.role };
}
