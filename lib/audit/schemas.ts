import { z } from "zod";

export const AuditFilterSchema = z.object({
  action: z.string().trim().max(100).optional(),
  entityType: z.string().trim().max(100).optional(),
  entityId: z.string().trim().max(64).optional(),
  actor: z.string().trim().max(254).optional(),
  page: z.coerce.number({ error: "must be a number" }).int().min(1, "must be at least 1").max(100_000).default(1),
});
export type AuditFilter = z.input<typeof AuditFilterSchema>;
