import { z } from "zod";

export const REGISTRATION_MODES = ["open", "invitation", "closed"] as const;
export type RegistrationMode = (typeof REGISTRATION_MODES)[number];

export const RegistrationModeSchema = z.enum(REGISTRATION_MODES, {
  error: `must be one of ${REGISTRATION_MODES.join(", ")}`,
});

export const SetRegistrationModeSchema = z.object({ mode: RegistrationModeSchema });
export type SetRegistrationModeInput = z.input<typeof SetRegistrationModeSchema>;

/** Who publishes the fact checks: ClaimReview's author and publisher (lib/settings/publisher.ts). */
export const PublisherSchema = z.object({
  name: z.string({ error: "is required" }).trim().min(1, "is required").max(200, "must be at most 200 characters"),
  url: z
    .string()
    .trim()
    .max(2000, "must be at most 2000 characters")
    .optional()
    .transform((value) => value || undefined)
    .pipe(
      z
        .string()
        .url("must be a URL")
        .refine((value) => /^https?:\/\//i.test(value), "must be an http or https URL")
        .optional(),
    ),
});
export type PublisherInput = z.input<typeof PublisherSchema>;
