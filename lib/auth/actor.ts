import type { MaybeActor } from "@/lib/permissions";

/**
 * Who is making the current request. Sign-in (next-auth) is not wired yet, so every
 * request is an anonymous reader: lib/ already filters and refuses by role, so adding
 * accounts only has to return the signed-in user here.
 */
export async function getRequestActor(): Promise<MaybeActor> {
  return null;
}
