import { z } from "zod";

export const REGISTRATION_MODES = ["open", "invitation", "closed"] as const;
export type RegistrationMode = (typeof REGISTRATION_MODES)[number];

export const RegistrationModeSchema = z.enum(REGISTRATION_MODES, {
  error: `must be one of ${REGISTRATION_MODES.join(", ")}`,
});

export const SetRegistrationModeSchema = z.object({ mode: RegistrationModeSchema });
export type SetRegistrationModeInput = z.input<typeof SetRegistrationModeSchema>;
