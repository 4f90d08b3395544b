import { z } from "zod";
import { ROLES } from "@/lib/permissions";

export const EmailSchema = z
  .string()
  .trim()
  .toLowerCase()
  .max(254, "must be at most 254 characters")
  .email("must be an email address");
export const PasswordSchema = z
  .string({ error: "is required" })
  .min(10, "must be at least 10 characters")
  .max(200, "must be at most 200 characters");
export const NameSchema = z.string().trim().min(1, "is required").max(120, "must be at most 120 characters");

export const RegisterSchema = z.object({
  email: EmailSchema,
  name: NameSchema,
  password: PasswordSchema,
  invitation: z.string().trim().max(200).optional(),
});
export type RegisterInput = z.input<typeof RegisterSchema>;

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

export const CreateInvitationSchema = z.object({
  role: z.enum(ROLES, { error: `must be one of ${ROLES.join(", ")}` }).default("contributor"),
  email: EmailSchema.optional(),
  expiresInDays: z
    .number()
    .int("must be a whole number")
    .min(1, "must be at least 1")
    .max(30, "must be at most 30")
    .default(7),
});
