import { z } from "zod";
import { recordAudit } from "@/lib/audit/record";
import { authorize } from "@/lib/authorize";
import type { Db } from "@/lib/db";
import { AppError, invalidFromZod, isUniqueViolation } from "@/lib/errors";
import { type MaybeActor, ROLES } from "@/lib/permissions";
import { hashPassword } from "./passwords";

export const CreateUserSchema = z.object({
  email: z.string().trim().toLowerCase().email("must be an email address").max(254),
  name: z.string().trim().min(1, "is required").max(120),
  role: z.enum(ROLES),
  password: z.string().min(10, "must be at least 10 characters").max(200).optional(),
});
export type CreateUserInput = z.input<typeof CreateUserSchema>;

/** Creates an account (admins only; the sample loader acts as the system). */
export async function createUser(db: Db, actor: MaybeActor, input: CreateUserInput) {
  authorize(actor, "manage:users");
  const parsed = CreateUserSchema.safeParse(input);
  if (!parsed.success) throw invalidFromZod(parsed.error);
  const data = parsed.data;
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
