import "server-only";
import { createHash, randomBytes } from "node:crypto";
import { recordAudit } from "@/lib/audit/record";
import { authorize } from "@/lib/authorize";
import type { Db } from "@/lib/db";
import { AppError, isUniqueViolation, parseInput } from "@/lib/errors";
import type { MaybeActor, RoleName } from "@/lib/permissions";
import { getRegistrationMode } from "@/lib/settings/registration";
import { hashPassword, verifyPassword } from "./passwords";
import { registrationPolicy, userAbilities } from "./policy";
import { ChangePasswordSchema, CreateInvitationSchema, RegisterSchema, UpdateUserSchema } from "./schemas";

export function hashToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

/**
 * Creates an account from the sign-up form. The first account of an empty installation
 * becomes admin; after that the registration mode decides (open, invitation-only, closed)
 * and an invitation, used once, brings its own role.
 */
export async function registerUser(db: Db, input: unknown) {
  const data = parseInput(RegisterSchema, input);
  if (data.password.toLowerCase() === data.email) {
    throw new AppError("INVALID", "password: must not be your email address", { field: "password" });
  }
  const passwordHash = await hashPassword(data.password);
  try {
    return await db.$transaction(async (tx) => {
      const isFirst = (await tx.user.count()) === 0;
      // Who may join, and as what: lib/users/policy.ts.
      const policy = registrationPolicy({
        mode: await getRegistrationMode(tx),
        isFirstAccount: isFirst,
        hasInvitation: Boolean(data.invitation),
      });
      if (!policy.allowed) throw new AppError("FORBIDDEN", policy.reason);
      let role: RoleName;
      let invitationId: string | undefined;
      if (policy.role !== null) {
        role = policy.role;
      } else {
        // The policy lets an invitation in only when one was given.
        const token = data.invitation ?? "";
        const invitation = await tx.invitation.findUnique({ where: { tokenHash: hashToken(token) } });
        if (!invitation || invitation.usedAt || invitation.expiresAt.getTime() < Date.now()) {
          throw new AppError("INVALID", "invitation: this invitation is unknown, used or expired", {
            field: "invitation",
          });
        }
        if (invitation.email && invitation.email !== data.email) {
          throw new AppError("INVALID", "email: this invitation is for another email address", { field: "email" });
        }
        role = invitation.role;
        invitationId = invitation.id;
      }
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
        data: { email: user.email, role, firstAccount: isFirst, invitationId: invitationId ?? null },
      });
      return user;
    });
  } catch (error) {
    if (isUniqueViolation(error))
      throw new AppError("CONFLICT", "email: an account with this email already exists", { field: "email" });
    throw error;
  }
}

/** Changes the actor's own password; every session issued before stops working. */
export async function changePassword(db: Db, actor: MaybeActor, input: unknown) {
  authorize(actor, "update:account:own");
  if (actor.kind !== "user") throw new AppError("FORBIDDEN", "Only members have passwords.");
  const { currentPassword, newPassword } = parseInput(ChangePasswordSchema, input);
  const user = await db.user.findUnique({ where: { id: actor.id }, select: { passwordHash: true } });
  if (!user?.passwordHash || !(await verifyPassword(user.passwordHash, currentPassword))) {
    throw new AppError("INVALID", "currentPassword: is not your current password", { field: "currentPassword" });
  }
  const passwordHash = await hashPassword(newPassword);
  await db.$transaction(async (tx) => {
    await tx.user.update({ where: { id: actor.id }, data: { passwordHash, credentialsChangedAt: new Date() } });
    await recordAudit(tx, actor, { action: "user.changePassword", entityType: "User", entityId: actor.id });
  });
}

/** Changes a member's role or (de)activates them; effective on their next request. */
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
    await recordAudit(tx, actor, {
      action: "user.update",
      entityType: "User",
      entityId: userId,
      data: { before: { role: before.role, active: before.active }, after: { role: user.role, active: user.active } },
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
    select: { id: true, email: true, name: true, role: true, active: true, createdAt: true },
  });
  return users.map((user) => ({ ...user, abilities: userAbilities(actor, user) }));
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
