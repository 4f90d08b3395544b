import "server-only";
import { profileReadWithSession } from "@/lib/auth/sessions";
import type { Db } from "@/lib/db";
import { can, type MaybeActor, type Permission } from "@/lib/permissions";

export type ViewerDto = {
  id: string;
  name: string | null;
  email: string | null;
  role: string;
  can: Partial<Record<Permission, true>>;
} | null;

const SHOWN: Permission[] = [
  "create:claim",
  "propose:revision",
  "create:evidence",
  "cast:vote",
  "update:claim:any",
  "approve:revision:any",
  "revert:claim:any",
  "lock:claim:any",
  "manage:users",
  "read:audit",
];

/** Who is signed in, with the permissions the pages use to decide what to offer. */
export async function getViewer(db: Db, actor: MaybeActor): Promise<ViewerDto> {
  if (actor?.kind !== "user") return null;
  const profile = profileReadWithSession(actor);
  const user = profile
    ? { id: actor.id, role: actor.role, ...profile }
    : await db.user.findUnique({ where: { id: actor.id }, select: { id: true, name: true, email: true, role: true } });
  if (!user) return null;
  const permissions: Partial<Record<Permission, true>> = {};
  for (const permission of SHOWN) if (can(actor, permission)) permissions[permission] = true;
  return { ...user, can: permissions };
}
