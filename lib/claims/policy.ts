import type { Prisma } from "@/lib/generated/sqlite/client";
import { can, type MaybeActor } from "@/lib/permissions";

/**
 * The claims an actor may read, as a query condition, so that no list or lookup can leak
 * a draft: everyone reads published and archived claims; contributors also their own
 * drafts and pending claims; moderators and admins everything.
 */
export function visibleClaimsWhere(actor: MaybeActor): Prisma.ClaimWhereInput {
  if (can(actor, "read:claim:any")) return {};
  const publicStatuses: Prisma.ClaimWhereInput = { status: { in: ["published", "archived"] } };
  if (actor?.kind === "user" && can(actor, "read:claim:own")) {
    return { OR: [publicStatuses, { authorId: actor.id }] };
  }
  return publicStatuses;
}
