import { can, type MaybeActor, type RoleName } from "@/lib/permissions";
import type { RegistrationMode } from "@/lib/settings/registration";

// What a person may do to an account, and who may open one: the one home of these rules.
// lib/users/accounts.ts enforces them; the admin and sign-up pages show them. Pure.

export type UserAbilities = {
  /** Give the member another role. */
  changeRole: boolean;
  /** Deactivate the member (or reactivate them). */
  setActive: boolean;
  /** For each missing ability, why. */
  whyNot: Partial<Record<"changeRole" | "setActive", string>>;
};

/**
 * Admins manage every account but their own role and access: an admin cannot demote or
 * deactivate themselves, so an installation is never left without the admin who acted.
 */
export function userAbilities(actor: MaybeActor, target: { id: string }): UserAbilities {
  let denial: string | null = null;
  if (!can(actor, "manage:users")) denial = "Only admins manage users.";
  else if (actor?.kind === "user" && actor.id === target.id)
    denial = "You cannot demote or deactivate yourself; ask another admin.";
  return denial === null
    ? { changeRole: true, setActive: true, whyNot: {} }
    : { changeRole: false, setActive: false, whyNot: { changeRole: denial, setActive: denial } };
}

// Open registration lets members in to contribute; everything they write is moderated.
export const OPEN_REGISTRATION_ROLE: RoleName = "contributor";

export type RegistrationPolicy =
  /** role null: the invitation brings its own role (checked when it is used). */
  { allowed: true; role: RoleName | null; explanation: string } | { allowed: false; reason: string };

/**
 * Whether someone may create an account now: "closed" lets nobody in (not even with an
 * invitation), "invitation" needs one, and "open" lets anyone in as a contributor. Being the
 * first account changes nothing: the first admin is made through the one-time setup link that
 * the server prints (lib/users/setup.ts), so no stranger can win a race to a fresh installation.
 */
export function registrationPolicy(state: { mode: RegistrationMode; hasInvitation: boolean }): RegistrationPolicy {
  if (state.mode === "closed") return { allowed: false, reason: "Registration is closed on this installation." };
  if (state.hasInvitation)
    return { allowed: true, role: null, explanation: "You were invited: create your account below." };
  if (state.mode === "open") {
    return {
      allowed: true,
      role: OPEN_REGISTRATION_ROLE,
      explanation: "Anyone may join as a contributor; what you write is reviewed by moderators.",
    };
  }
  return { allowed: false, reason: "Joining needs an invitation link from an admin." };
}
