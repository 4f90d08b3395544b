import "server-only";
import { randomBytes, timingSafeEqual } from "node:crypto";
import { z } from "zod";
import { recordAudit } from "@/lib/audit/record";
import type { Db, Tx } from "@/lib/db";
import { AppError, isUniqueViolation, parseInput } from "@/lib/errors";
import type { Prisma } from "@/lib/generated/sqlite/client";
import { SYSTEM_ACTOR } from "@/lib/permissions";
import { type RateLimit, takeRateLimit } from "@/lib/rate-limits";
import { hashToken } from "./accounts";
import { hashPassword } from "./passwords";
import { SETUP_LINK_UNUSABLE, SetupFirstAdminSchema } from "./schemas";

// The first admin of an installation. Nobody becomes admin by signing up first (that was a race
// anyone who found a fresh server could win); instead `npm start` in production mode prints a
// one-time link while the installation has no active admin, and whoever holds it (the person who
// started the server) creates the admin account. Decision 0012.

/** The Setting row holding the link's hash and expiry; only one link is alive at a time. */
export const SETUP_SETTING_KEY = "setup.firstAdmin";
/** A link printed at start-up is meant to be used now; a restart prints a fresh one. */
export const SETUP_LINK_LIFETIME_MS = 24 * 60 * 60 * 1000;

/**
 * Attempts that pass the token check (and so would hash a password) per client address. Only the
 * holder of the link gets this far; the limit bounds how much argon2 work they can cause.
 */
export const SETUP_LIMIT: RateLimit = {
  action: "setup",
  max: 10,
  windowMs: 60 * 60 * 1000,
  message: "Too many attempts with this setup link. Try again in an hour.",
};
/** The same for every client whose address is not known (no trusted proxy), together. */
export const SETUP_LIMIT_WITHOUT_ADDRESS: RateLimit = {
  ...SETUP_LIMIT,
  max: 30,
  message: "Too many attempts to set up this installation just now. Try again in an hour.",
};

const StoredLinkSchema = z.object({
  tokenHash: z.string().regex(/^[0-9a-f]{64}$/),
  expiresAt: z.iso.datetime(),
});

type StoredLink = { value: string; tokenHash: string; expiresAt: Date };

// An admin counts once they can sign in: a workspace restored without password hashes has admins
// who cannot, and would otherwise be locked out for good (README, "Moving a workspace").
const ADMIN_WHO_CAN_SIGN_IN = {
  role: "admin",
  active: true,
  OR: [{ passwordHash: { not: null } }, { accounts: { some: {} } }],
} satisfies Prisma.UserWhereInput;

async function hasActiveAdmin(db: Db | Tx): Promise<boolean> {
  return (await db.user.count({ where: ADMIN_WHO_CAN_SIGN_IN })) > 0;
}

async function readStoredLink(db: Db | Tx): Promise<StoredLink | null> {
  const row = await db.setting.findUnique({ where: { key: SETUP_SETTING_KEY } });
  if (!row) return null;
  let json: unknown;
  try {
    json = JSON.parse(row.value);
  } catch {
    return null;
  }
  const parsed = StoredLinkSchema.safeParse(json);
  return parsed.success
    ? { value: row.value, tokenHash: parsed.data.tokenHash, expiresAt: new Date(parsed.data.expiresAt) }
    : null;
}

/** Both are hex SHA-256 digests; compared in constant time so a response time says nothing of the hash. */
function sameHash(expected: string, actual: string): boolean {
  const a = Buffer.from(expected, "hex");
  const b = Buffer.from(actual, "hex");
  return a.length === 32 && b.length === 32 && timingSafeEqual(a, b);
}

/** The stored link when `token` is its token and it has not expired; null otherwise. Read-only. */
async function findUsableLink(db: Db | Tx, token: string): Promise<StoredLink | null> {
  const stored = await readStoredLink(db);
  if (!stored || !sameHash(stored.tokenHash, hashToken(token))) return null;
  return stored.expiresAt.getTime() > Date.now() ? stored : null;
}

const unusable = () => new AppError("INVALID", `token: ${SETUP_LINK_UNUSABLE}`, { field: "token" });
const adminExists = () =>
  new AppError("CONFLICT", "token: this installation already has an admin: sign in, or ask an admin to invite you", {
    field: "token",
  });

/**
 * While the installation has no active admin: a fresh one-time setup link (valid
 * SETUP_LINK_LIFETIME_MS), replacing any older one, of which only the token's SHA-256 is stored.
 * Once an admin exists: null, and any leftover link is removed. Called by `npm start` in
 * production mode, which prints the link.
 */
export async function ensureSetupLink(db: Db, publicUrl: string): Promise<string | null> {
  if (await hasActiveAdmin(db)) {
    await db.setting.deleteMany({ where: { key: SETUP_SETTING_KEY } });
    return null;
  }
  const token = randomBytes(32).toString("base64url");
  const expiresAt = new Date(Date.now() + SETUP_LINK_LIFETIME_MS).toISOString();
  const value = JSON.stringify({ tokenHash: hashToken(token), expiresAt });
  await db.$transaction(async (tx) => {
    await tx.setting.upsert({
      where: { key: SETUP_SETTING_KEY },
      create: { key: SETUP_SETTING_KEY, value },
      update: { value, updatedById: null },
    });
    await recordAudit(tx, SYSTEM_ACTOR, {
      action: "setup.link",
      entityType: "Setting",
      entityId: SETUP_SETTING_KEY,
      data: { expiresAt },
    });
  });
  return `${publicUrl.replace(/\/+$/, "")}/setup?token=${token}`;
}

/**
 * What the setup page should offer for `token`: the form ("ready"), a sign-in link because an
 * admin exists ("done"), or the explanation that the link is unknown, used or expired ("unusable").
 */
export async function getSetupLinkStatus(db: Db, token: string | undefined): Promise<"ready" | "done" | "unusable"> {
  if (await hasActiveAdmin(db)) return "done";
  if (!token || token.length > 200) return "unusable";
  return (await findUsableLink(db, token)) ? "ready" : "unusable";
}

/**
 * Creates the installation's first admin with the setup link's token, and uses the link up.
 *
 * The cheap refusals come first and write nothing: the input, the token (its hash compared in
 * constant time, its expiry), an admin already there. Then the attempt counts toward the setup
 * limit, and only then is the password hashed. The transaction deletes the very row that was
 * checked (its key and exact value) and must delete exactly one: of two uses at once, or a use
 * racing a restart that replaced the link, one creates the admin and the other is refused.
 */
export async function createFirstAdmin(db: Db, input: unknown, request: { address?: string | null } = {}) {
  const data = parseInput(SetupFirstAdminSchema, input);
  if (data.password.toLowerCase() === data.email) {
    throw new AppError("INVALID", "password: must not be your email address", { field: "password" });
  }
  if (await hasActiveAdmin(db)) throw adminExists();
  const link = await findUsableLink(db, data.token);
  if (!link) throw unusable();
  if (request.address) await takeRateLimit(db, SETUP_LIMIT, request.address);
  else await takeRateLimit(db, SETUP_LIMIT_WITHOUT_ADDRESS, "unknown-address");
  const passwordHash = await hashPassword(data.password);
  try {
    return await db.$transaction(async (tx) => {
      const consumed = await tx.setting.deleteMany({ where: { key: SETUP_SETTING_KEY, value: link.value } });
      if (consumed.count !== 1) {
        throw new AppError("CONFLICT", "token: this setup link has already been used", { field: "token" });
      }
      if (await hasActiveAdmin(tx)) throw adminExists();
      // A restored admin without a password (a workspace moved without hashes) takes their
      // account back; any other existing email is refused below as taken.
      const restoredAdmin = await tx.user.findFirst({
        where: { email: data.email, role: "admin", active: true, passwordHash: null },
        select: { id: true },
      });
      const user = restoredAdmin
        ? await tx.user.update({
            where: { id: restoredAdmin.id },
            data: { passwordHash, credentialsChangedAt: new Date() },
            select: { id: true, email: true, name: true, role: true },
          })
        : await tx.user.create({
            data: { email: data.email, name: data.name, passwordHash, role: "admin" },
            select: { id: true, email: true, name: true, role: true },
          });
      await recordAudit(
        tx,
        { kind: "user", id: user.id, role: user.role },
        {
          action: restoredAdmin ? "user.setupRestoredAdmin" : "user.setupFirstAdmin",
          entityType: "User",
          entityId: user.id,
          data: { email: user.email, role: user.role },
        },
      );
      return user;
    });
  } catch (error) {
    // The transaction rolled back, link included: it still works with another address.
    if (isUniqueViolation(error))
      throw new AppError("CONFLICT", "email: an account with this email already exists", { field: "email" });
    throw error;
  }
}
