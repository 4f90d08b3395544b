import { can, type MaybeActor } from "@/lib/permissions";

/**
 * Who may rename an origin or change its note: the member who named it, and moderators. An origin
 * is shared by every claim whose evidence derives from it, so renaming it renames it everywhere;
 * grouping evidence under it (group:evidence) is every contributor's, as citing is. Pure.
 */
export function canEditOrigin(actor: MaybeActor, origin: { createdById: string | null }): boolean {
  if (!can(actor, "group:evidence")) return false;
  if (can(actor, "update:origin:any")) return true;
  return actor?.kind === "user" && origin.createdById !== null && origin.createdById === actor.id;
}
