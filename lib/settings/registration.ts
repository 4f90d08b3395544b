import "server-only";
import { recordAudit } from "@/lib/audit/record";
import { authorize } from "@/lib/authorize";
import type { Db, Tx } from "@/lib/db";
import { parseInput } from "@/lib/errors";
import type { MaybeActor } from "@/lib/permissions";
import { type RegistrationPolicy, registrationPolicy } from "@/lib/users/policy";
import { type RegistrationMode, RegistrationModeSchema, SetRegistrationModeSchema } from "./schemas";

export { REGISTRATION_MODES, type RegistrationMode } from "./schemas";

const KEY = "registrationMode";

/** How new accounts come in. Invitation-only unless an admin chose otherwise. */
export async function getRegistrationMode(db: Db | Tx): Promise<RegistrationMode> {
  const setting = await db.setting.findUnique({ where: { key: KEY } });
  const parsed = RegistrationModeSchema.safeParse(setting ? JSON.parse(setting.value) : undefined);
  return parsed.success ? parsed.data : "invitation";
}

/** Whether the sign-up page may offer the form now, and what to tell the visitor (lib/users/policy.ts). */
export async function getRegistrationPolicy(db: Db, options: { hasInvitation: boolean }): Promise<RegistrationPolicy> {
  return registrationPolicy({ mode: await getRegistrationMode(db), hasInvitation: options.hasInvitation });
}

export async function setRegistrationMode(db: Db, actor: MaybeActor, input: unknown): Promise<RegistrationMode> {
  authorize(actor, "manage:settings");
  const { mode } = parseInput(SetRegistrationModeSchema, input);
  await db.$transaction(async (tx) => {
    const before = await getRegistrationMode(tx);
    await tx.setting.upsert({
      where: { key: KEY },
      create: { key: KEY, value: JSON.stringify(mode), updatedById: actor.id },
      update: { value: JSON.stringify(mode), updatedById: actor.id },
    });
    await recordAudit(tx, actor, {
      action: "settings.registrationMode",
      entityType: "Setting",
      entityId: KEY,
      data: { before, after: mode },
    });
  });
  return mode;
}
