import { z } from "zod";
import { blankAsUndefined, numberFromText } from "@/lib/numbers";
import { ROLES } from "@/lib/permissions";

export const EmailSchema = z
  .string({ error: "is required" })
  .trim()
  .toLowerCase()
  .max(254, "must be at most 254 characters")
  .email("must be an email address");
export const PasswordSchema = z
  .string({ error: "is required" })
  .min(10, "must be at least 10 characters")
  .max(200, "must be at most 200 characters");
export const NameSchema = z
  .string({ error: "is required" })
  .trim()
  .min(1, "is required")
  .max(120, "must be at most 120 characters");

export const RegisterSchema = z.object({
  email: EmailSchema,
  name: NameSchema,
  password: PasswordSchema,
  invitation: z.string().trim().max(200).optional(),
});
export type RegisterInput = z.input<typeof RegisterSchema>;

/** What is said of any setup link that cannot be used, whatever the reason (lib/users/setup.ts). */
export const SETUP_LINK_UNUSABLE = "this setup link is unknown, used or expired";

/** The first admin of an installation, made through its one-time setup link (lib/users/setup.ts). */
export const SetupFirstAdminSchema = z.object({
  token: z.string({ error: SETUP_LINK_UNUSABLE }).trim().min(1, SETUP_LINK_UNUSABLE).max(200, SETUP_LINK_UNUSABLE),
  ...RegisterSchema.pick({ email: true, name: true, password: true }).shape,
});
export type SetupFirstAdminInput = z.input<typeof SetupFirstAdminSchema>;

export const ChangePasswordSchema = z.object({
  currentPassword: z.string({ error: "is required" }).min(1, "is required").max(200),
  newPassword: PasswordSchema,
});

export const UpdateUserSchema = z
  .object({
    userId: z.string().trim().min(1, "is required").max(64),
    role: z.enum(ROLES, { error: `must be one of ${ROLES.join(", ")}` }).optional(),
    active: z.boolean({ error: "must be true or false" }).optional(),
  })
  .refine((value) => value.role !== undefined || value.active !== undefined, {
    message: "give a role or active",
    path: ["role"],
  });

/** An admin ending every session of a member (their own included). */
export const SignOutEverywhereSchema = z.object({
  userId: z.string({ error: "is required" }).trim().min(1, "is required").max(64),
});
export type SignOutEverywhereInput = z.input<typeof SignOutEverywhereSchema>;

export type ChangePasswordInput = z.input<typeof ChangePasswordSchema>;
export type UpdateUserInput = z.input<typeof UpdateUserSchema>;

export const CreateInvitationSchema = z.object({
  role: z.enum(ROLES, { error: `must be one of ${ROLES.join(", ")}` }).default("contributor"),
  // Left empty in the form: the invitation is for any address.
  email: z.preprocess(blankAsUndefined, EmailSchema.optional()),
  // A number from JSON, or the text of the form's field (empty: a week).
  expiresInDays: z.preprocess(
    (value) => numberFromText(blankAsUndefined(value)),
    z
      .number({ error: "must be a number of days" })
      .int("must be a whole number")
      .min(1, "must be at least 1")
      .max(30, "must be at most 30")
      .default(7),
  ),
});
export type CreateInvitationInput = z.input<typeof CreateInvitationSchema>;

/** An account made by an admin (or the sample loader); without a password, it signs in through a provider. */
export const CreateUserSchema = z.object({
  email: EmailSchema,
  name: NameSchema,
  role: z.enum(ROLES, { error: `must be one of ${ROLES.join(", ")}` }),
  password: PasswordSchema.optional(),
});
export type CreateUserInput = z.input<typeof CreateUserSchema>;

/**
 * What the sign-in form sends. A failure is never reported field by field: the answer to a
 * bad email or password is the same as to a wrong one (lib/auth/credentials.ts).
 */
export const SignInSchema = z.object({
  email: EmailSchema,
  password: z.string().min(1).max(200),
  ip: z.string().max(64).nullish(),
});
