import { z } from "zod";
import { recordAudit } from "@/lib/audit/record";
import { authorize } from "@/lib/authorize";
import type { Db, Tx } from "@/lib/db";
import { invalidFromZod } from "@/lib/errors";
import type { MaybeActor } from "@/lib/permissions";

export const REGISTRATION_MODES = ["open", "invitation", "closed"] as const;
export type RegistrationMode = (typeof REGISTRATION_MODES)[number];
const KEY = "registrationMode";

/** How new accounts come in. Invitation-only unless an admin chose otherwise. */
export async function getRegistrationMode(db: Db | Tx): Promise<RegistrationMode> {
  const setting = await db.setting.findUnique({ where: { key: KEY } });
  const parsed = z.enum(REGISTRATION_MODES).safeParse(setting ? JSON.parse(setting.value) : undefined);
  return parsed.success ? parsed.data : "invitation";
}

export async function setRegistrationMode(
  db: Db,
  actor: MaybeActor,
  input: { mode: unknown },
): Promise<RegistrationMode> {
  authorize(actor, "manage:settings");
  const parsed = z
    .object({ mode: z.enum(REGISTRATION_MODES, { error: `must be one of ${REGISTRATION_MODES.join(", ")}` }) })
    .safeParse(input);
  if (!parsed.success) throw invalidFromZod(parsed.error);
  const { mode } = parsed.data;
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
