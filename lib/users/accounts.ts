import "server-only";
import { createHash, randomBytes } from "node:crypto";
import { recordAudit } from "@/lib/audit/record";
import { endAllSessions } from "@/lib/auth/sessions";
import { authorize } from "@/lib/authorize";
import type { Db, Tx } from "@/lib/db";
import { AppError, isUniqueViolation, parseInput } from "@/lib/errors";
import type { MaybeActor, RoleName } from "@/lib/permissions";
import { type RateLimit, takeRateLimit } from "@/lib/rate-limits";
import { getRegistrationMode } from "@/lib/settings/registration";
import { hashPassword, verifyPassword } from "./passwords";
import { OPEN_REGISTRATION_ROLE, registrationPolicy, userAbilities } from "./policy";
import { ChangePasswordSchema, CreateInvitationSchema, RegisterSchema, UpdateUserSchema } from "./schemas";

export function hashToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

/** Sign-up attempts per client address (when it is known: lib/auth/request.ts). */
export const SIGN_UP_LIMIT: RateLimit = {
  action: "signup",
  max: 5,
  windowMs: 60 * 60 * 1000,
  message: "Too many sign-ups from your address. Try again in an hour.",
};
/**
 * Sign-up attempts of everyone whose address is not known (no trusted proxy), together: without
 * an address this is the only bound on how fast accounts can be made (and passwords hashed).
 */
export const SIGN_UP_LIMIT_WITHOUT_ADDRESS: RateLimit = {
  action: "signup",
  max: 30,
  windowMs: 60 * 60 * 1000,
  message: "Too many sign-ups on this installation just now. Try again in an hour.",
};
/** Password changes (each checks the current password) per member. */
export const PASSWORD_CHANGE_LIMIT: RateLimit = {
  action: "changePassword",
  max: 5,
  windowMs: 15 * 60 * 1000,
  message: "Too many password changes. Try again in 15 minutes.",
};

/**
 * Who may join, and as what (lib/users/policy.ts): the role an account would get, and the
 * invitation it would use. Read-only; called before any work and again in the transaction.
 */
async function admission(
  tx: Tx,
  data: { email: string; invitation?: string | undefined },
): Promise<{ role: RoleName; invitationId?: string }> {
  const policy = registrationPolicy({ mode: await getRegistrationMode(tx), hasInvitation: Boolean(data.invitation) });
  if (!policy.allowed) throw new AppError("FORBIDDEN", policy.reason);
  if (policy.role !== null) return { role: policy.role };
  // The policy lets an invitation in only when one was given.
  const invitation = await tx.invitation.findUnique({ where: { tokenHash: hashToken(data.invitation ?? "") } });
  if (!invitation || invitation.usedAt || invitation.expiresAt.getTime() < Date.now()) {
    throw new AppError("INVALID", "invitation: this invitation is unknown, used or expired", {
      field: "invitation",
    });
  }
  if (invitation.email && invitation.email !== data.email) {
    throw new AppError("INVALID", "email: this invitation is for another email address", { field: "email" });
  }
  return { role: invitation.role, invitationId: invitation.id };
}

/**
 * Creates an account from the sign-up form. The registration mode decides (open,
 * invitation-only, closed) and an invitation, used once, brings its own role. Being the first
 * account makes nobody admin: the first admin comes from the setup link (lib/users/setup.ts).
 *
 * The cheap refusals come first and write nothing (closed registration, a bad invitation);
 * then the attempt counts toward the sign-up limit; only then is the password hashed. The
 * transaction decides again, so a mode changed or an invitation used meanwhile still holds.
 */
export async function registerUser(db: Db, input: unknown, request: { address?: string | null } = {}) {
  const data = parseInput(RegisterSchema, input);
  if (data.password.toLowerCase() === data.email) {
    throw new AppError("INVALID", "password: must not be your email address", { field: "password" });
  }
  await admission(db, data);
  if (request.address) await takeRateLimit(db, SIGN_UP_LIMIT, request.address);
  else await takeRateLimit(db, SIGN_UP_LIMIT_WITHOUT_ADDRESS, "unknown-address");
  const passwordHash = await hashPassword(data.password);
  try {
    return await db.$transaction(async (tx) => {
      const { role, invitationId } = await admission(tx, data);
      const user = await tx.user.create({
        data: { email: data.email, name: data.name, passwordHash, role },
        select: { id: true, email: true, name: true, role: true },
      });
      if (invitationId) {
        // Conditional: two sign-ups racing for one invitation cannot both use it.
        const used = await tx.invitation.updateMany({
          where: { id: invitationId, usedAt: null },
          data: { usedAt: new Date(), usedById: user.id },
        });
        if (used.count !== 1)
          throw new AppError("CONFLICT", "invitation: this invitation was just used", { field: "invitation" });
      }
      const actor = { kind: "user" as const, id: user.id, role: user.role };
      await recordAudit(tx, actor, {
        action: "user.register",
        entityType: "User",
        entityId: user.id,
        data: { email: user.email, role, invitationId: invitationId ?? null },
      });
      return user;
    });
  } catch (error) {
    if (isUniqueViolation(error))
      throw new AppError("CONFLICT", "email: an account with this email already exists", { field: "email" });
    throw error;
  }
}

/**
 * Whether someone new may join by signing in with an outside provider (GitHub, OIDC). The
 * registration mode decides, as for the form; that path carries no invitation, so only open
 * registration lets them in. An empty installation is no exception (lib/users/setup.ts).
 */
export async function mayJoinWithProvider(db: Db): Promise<boolean> {
  return registrationPolicy({ mode: await getRegistrationMode(db), hasInvitation: false }).allowed;
}

/**
 * Completes the account next-auth's adapter has just created for someone who signed in with an
 * outside provider: they join as open registration lets people join (a contributor), never as
 * admin, however few accounts there are.
 */
export async function completeProviderSignUp(db: Db, userId: string): Promise<void> {
  const role = OPEN_REGISTRATION_ROLE;
  await db.$transaction(async (tx) => {
    await tx.user.update({ where: { id: userId }, data: { role } });
    await recordAudit(
      tx,
      { kind: "user", id: userId, role },
      {
        action: "user.register",
        entityType: "User",
        entityId: userId,
        data: { role, provider: "oauth" },
      },
    );
  });
}

/**
 * Changes the actor's own password and ends every session of theirs, this one included. Each
 * attempt counts toward PASSWORD_CHANGE_LIMIT before the current password is checked, so a
 * borrowed session cannot be used to guess it.
 */
export async function changePassword(db: Db, actor: MaybeActor, input: unknown) {
  authorize(actor, "update:account:own");
  if (actor.kind !== "user") throw new AppError("FORBIDDEN", "Only members have passwords.");
  const { currentPassword, newPassword } = parseInput(ChangePasswordSchema, input);
  await takeRateLimit(db, PASSWORD_CHANGE_LIMIT, actor.id);
  const user = await db.user.findUnique({ where: { id: actor.id }, select: { passwordHash: true } });
  if (!user?.passwordHash || !(await verifyPassword(user.passwordHash, currentPassword))) {
    throw new AppError("INVALID", "currentPassword: is not your current password", { field: "currentPassword" });
  }
  const passwordHash = await hashPassword(newPassword);
  await db.$transaction(async (tx) => {
    await tx.user.update({ where: { id: actor.id }, data: { passwordHash, credentialsChangedAt: new Date() } });
    const sessionsEnded = await endAllSessions(tx, actor.id);
    await recordAudit(tx, actor, {
      action: "user.changePassword",
      entityType: "User",
      entityId: actor.id,
      data: { sessionsEnded },
    });
  });
}

/** Changes a member's role or (de)activates them; effective on their next request (deactivation ends their sessions). */
export async function updateUser(db: Db, actor: MaybeActor, input: unknown) {
  authorize(actor, "manage:users");
  const { userId, role, active } = parseInput(UpdateUserSchema, input);
  return db.$transaction(async (tx) => {
    const before = await tx.user.findUnique({ where: { id: userId }, select: { id: true, role: true, active: true } });
    if (!before) throw new AppError("NOT_FOUND", `userId: no user with id "${userId}"`, { field: "userId" });
    // Only what would change is checked (the admin form sends both): lib/users/policy.ts.
    const abilities = userAbilities(actor, before);
    const refusal =
      role !== undefined && role !== before.role && !abilities.changeRole
        ? abilities.whyNot.changeRole
        : active !== undefined && active !== before.active && !abilities.setActive
          ? abilities.whyNot.setActive
          : undefined;
    if (refusal) throw new AppError("CONFLICT", `userId: ${refusal}`, { field: "userId" });
    const user = await tx.user.update({
      where: { id: userId },
      data: {
        ...(role !== undefined ? { role } : {}),
        ...(active !== undefined ? { active } : {}),
        ...(active === false ? { credentialsChangedAt: new Date() } : {}),
      },
      select: { id: true, email: true, name: true, role: true, active: true },
    });
    const sessionsEnded = active === false && before.active ? await endAllSessions(tx, userId) : 0;
    await recordAudit(tx, actor, {
      action: "user.update",
      entityType: "User",
      entityId: userId,
      data: {
        before: { role: before.role, active: before.active },
        after: { role: user.role, active: user.active },
        ...(sessionsEnded > 0 ? { sessionsEnded } : {}),
      },
    });
    return user;
  });
}

/** Creates a single-use invitation; the token is returned once and only its hash is stored. */
export async function createInvitation(db: Db, actor: MaybeActor, input: unknown) {
  authorize(actor, "manage:invitations");
  const { role, email, expiresInDays } = parseInput(CreateInvitationSchema, input);
  const token = randomBytes(24).toString("base64url");
  const expiresAt = new Date(Date.now() + expiresInDays * 24 * 60 * 60 * 1000);
  const invitation = await db.$transaction(async (tx) => {
    const created = await tx.invitation.create({
      data: {
        tokenHash: hashToken(token),
        role,
        email: email ?? null,
        expiresAt,
        createdById: actor.id,
      },
      select: { id: true, role: true, email: true, expiresAt: true },
    });
    await recordAudit(tx, actor, {
      action: "invitation.create",
      entityType: "Invitation",
      entityId: created.id,
      data: { role: created.role, email: created.email, expiresAt: created.expiresAt.toISOString() },
    });
    return created;
  });
  return { ...invitation, token };
}

/** Every account, each with what the actor may change about it (lib/users/policy.ts). */
export async function listUsers(db: Db, actor: MaybeActor) {
  authorize(actor, "manage:users");
  const users = await db.user.findMany({
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    select: {
      id: true,
      email: true,
      name: true,
      role: true,
      active: true,
      createdAt: true,
      _count: { select: { sessions: { where: { expires: { gt: new Date() } } } } },
    },
  });
  return users.map(({ _count, ...user }) => ({
    ...user,
    activeSessions: _count.sessions,
    abilities: userAbilities(actor, user),
  }));
}

export async function listInvitations(db: Db, actor: MaybeActor) {
  authorize(actor, "manage:invitations");
  return db.invitation.findMany({
    orderBy: { createdAt: "desc" },
    take: 100,
    select: {
      id: true,
      role: true,
      email: true,
      expiresAt: true,
      usedAt: true,
      createdAt: true,
      usedBy: { select: { email: true } },
    },
  });
}
