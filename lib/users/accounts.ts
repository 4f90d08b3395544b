import { createHash, randomBytes } from "node:crypto";
import { recordAudit } from "@/lib/audit/record";
import { authorize } from "@/lib/authorize";
import type { Db } from "@/lib/db";
import { AppError, invalidFromZod, isUniqueViolation } from "@/lib/errors";
import type { MaybeActor, RoleName } from "@/lib/permissions";
import { getRegistrationMode } from "@/lib/settings/registration";
import { hashPassword, verifyPassword } from "./passwords";
import {
  ChangePasswordSchema,
  CreateInvitationSchema,
  type RegisterInput,
  RegisterSchema,
  UpdateUserSchema,
} from "./schemas";

export function hashToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

// Open registration lets members in to contribute; everything they write is moderated.
const OPEN_REGISTRATION_ROLE: RoleName = "contributor";

/**
 * Creates an account from the sign-up form. The first account of an empty installation
 * becomes admin; after that the registration mode decides (open, invitation-only, closed)
 * and an invitation, used once, brings its own role.
 */
export async function registerUser(db: Db, input: RegisterInput) {
  const parsed = RegisterSchema.safeParse(input);
  if (!parsed.success) throw invalidFromZod(parsed.error);
  const data = parsed.data;
  if (data.password.toLowerCase() === data.email) {
    throw new AppError("INVALID", "password: must not be your email address", { field: "password" });
  }
  const passwordHash = await hashPassword(data.password);
  try {
    return await db.$transaction(async (tx) => {
      const isFirst = (await tx.user.count()) === 0;
      let role: RoleName;
      let invitationId: string | undefined;
      if (isFirst) {
        role = "admin";
      } else {
        const mode = await getRegistrationMode(tx);
        if (mode === "closed") throw new AppError("FORBIDDEN", "Registration is closed on this installation.");
        if (data.invitation) {
          const invitation = await tx.invitation.findUnique({ where: { tokenHash: hashToken(data.invitation) } });
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
        } else if (mode === "open") {
          role = OPEN_REGISTRATION_ROLE;
        } else {
          throw new AppError("FORBIDDEN", "Registration needs an invitation; ask an admin for one.");
        }
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
export async function changePassword(
  db: Db,
  actor: MaybeActor,
  input: { currentPassword?: unknown; newPassword?: unknown },
) {
  authorize(actor, "update:account:own");
  if (actor.kind !== "user") throw new AppError("FORBIDDEN", "Only members have passwords.");
  const parsed = ChangePasswordSchema.safeParse(input);
  if (!parsed.success) throw invalidFromZod(parsed.error);
  const user = await db.user.findUnique({ where: { id: actor.id }, select: { passwordHash: true } });
  if (!user?.passwordHash || !(await verifyPassword(user.passwordHash, parsed.data.currentPassword))) {
    throw new AppError("INVALID", "currentPassword: is not your current password", { field: "currentPassword" });
  }
  const passwordHash = await hashPassword(parsed.data.newPassword);
  await db.$transaction(async (tx) => {
    await tx.user.update({ where: { id: actor.id }, data: { passwordHash, credentialsChangedAt: new Date() } });
    await recordAudit(tx, actor, { action: "user.changePassword", entityType: "User", entityId: actor.id });
  });
}

/** Changes a member's role or (de)activates them; effective on their next request. */
export async function updateUser(
  db: Db,
  actor: MaybeActor,
  input: { userId?: unknown; role?: unknown; active?: unknown },
) {
  authorize(actor, "manage:users");
  const parsed = UpdateUserSchema.safeParse(input);
  if (!parsed.success) throw invalidFromZod(parsed.error);
  const { userId, role, active } = parsed.data;
  if (userId === actor.id && (active === false || (role !== undefined && role !== "admin"))) {
    throw new AppError("CONFLICT", "userId: you cannot demote or deactivate yourself; ask another admin", {
      field: "userId",
    });
  }
  return db.$transaction(async (tx) => {
    const before = await tx.user.findUnique({ where: { id: userId }, select: { id: true, role: true, active: true } });
    if (!before) throw new AppError("NOT_FOUND", `userId: no user with id "${userId}"`, { field: "userId" });
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
export async function createInvitation(
  db: Db,
  actor: MaybeActor,
  input: { role?: unknown; email?: unknown; expiresInDays?: unknown },
) {
  authorize(actor, "manage:invitations");
  const parsed = CreateInvitationSchema.safeParse(input);
  if (!parsed.success) throw invalidFromZod(parsed.error);
  const token = randomBytes(24).toString("base64url");
  const expiresAt = new Date(Date.now() + parsed.data.expiresInDays * 24 * 60 * 60 * 1000);
  const invitation = await db.$transaction(async (tx) => {
    const created = await tx.invitation.create({
      data: {
        tokenHash: hashToken(token),
        role: parsed.data.role,
        email: parsed.data.email ?? null,
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

export async function listUsers(db: Db, actor: MaybeActor) {
  authorize(actor, "manage:users");
  return db.user.findMany({
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    select: { id: true, email: true, name: true, role: true, active: true, createdAt: true },
  });
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
