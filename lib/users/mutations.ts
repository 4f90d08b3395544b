import "server-only";
import { recordAudit } from "@/lib/audit/record";
import { endAllSessions } from "@/lib/auth/sessions";
import { authorize } from "@/lib/authorize";
import type { Db } from "@/lib/db";
import { AppError, isUniqueViolation, parseInput } from "@/lib/errors";
import type { MaybeActor } from "@/lib/permissions";
import { hashPassword } from "./passwords";
import { CreateUserSchema, SignOutEverywhereSchema } from "./schemas";

/** Creates an account (admins only; the sample loader acts as the system). */
export async function createUser(db: Db, actor: MaybeActor, input: unknown) {
  authorize(actor, "manage:users");
  const data = parseInput(CreateUserSchema, input);
  const passwordHash = data.password ? await hashPassword(data.password) : null;
  try {
    return await db.$transaction(async (tx) => {
      const user = await tx.user.create({
        data: { email: data.email, name: data.name, role: data.role, passwordHash },
        select: { id: true, email: true, name: true, role: true },
      });
      await recordAudit(tx, actor, {
        action: "user.create",
        entityType: "User",
        entityId: user.id,
        data: { email: data.email, role: data.role },
      });
      return user;
    });
  } catch (error) {
    if (isUniqueViolation(error)) {
      throw new AppError("CONFLICT", "email: an account with this email already exists", { field: "email" });
    }
    throw error;
  }
}

/**
 * Ends every session of a member at once ("sign out everywhere"): a stolen or forgotten cookie
 * stops working on its next request. Admins only; they may do it to themselves too.
 */
export async function signOutEverywhere(db: Db, actor: MaybeActor, input: unknown) {
  authorize(actor, "manage:users");
  const { userId } = parseInput(SignOutEverywhereSchema, input);
  return db.$transaction(async (tx) => {
    const user = await tx.user.findUnique({ where: { id: userId }, select: { id: true } });
    if (!user) throw new AppError("NOT_FOUND", `userId: no user with id "${userId}"`, { field: "userId" });
    const sessionsEnded = await endAllSessions(tx, userId);
    await recordAudit(tx, actor, {
      action: "user.signOutEverywhere",
      entityType: "User",
      entityId: userId,
      data: { sessionsEnded },
    });
    return { userId, sessionsEnded };
  });
}
