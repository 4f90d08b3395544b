import { AppError } from "@/lib/errors";
import { type Actor, can, type MaybeActor, type Permission } from "@/lib/permissions";

/** Refuses anonymous visitors with UNAUTHENTICATED and signed-in users lacking the permission with FORBIDDEN. */
export function authorize(actor: MaybeActor, permission: Permission): asserts actor is Actor {
  if (actor === null) throw new AppError("UNAUTHENTICATED", "Sign in to do this.");
  if (!can(actor, permission)) {
    throw new AppError("FORBIDDEN", `Your role does not allow this (${permission}).`);
  }
}
