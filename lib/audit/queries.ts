import "server-only";
import { authorize } from "@/lib/authorize";
import type { Db } from "@/lib/db";
import { parseInput } from "@/lib/errors";
import type { Prisma } from "@/lib/generated/sqlite/client";
import type { MaybeActor } from "@/lib/permissions";
import { AuditFilterSchema } from "./schemas";

export type AuditEventDto = {
  id: string;
  action: string;
  entityType: string;
  entityId: string;
  data: unknown;
  createdAt: string;
  actor: { id: string; name: string | null; email: string | null } | null;
};

const PAGE_SIZE = 50;

/** The audit log, newest first, filtered by action (prefix), entity and actor (email or id). Admins only. */
export async function listAuditEvents(db: Db, actor: MaybeActor, input: unknown = {}) {
  authorize(actor, "read:audit");
  const filter = parseInput(AuditFilterSchema, input);
  const where: Prisma.AuditEventWhereInput = {
    ...(filter.action ? { action: { startsWith: filter.action } } : {}),
    ...(filter.entityType ? { entityType: filter.entityType } : {}),
    ...(filter.entityId ? { entityId: filter.entityId } : {}),
    ...(filter.actor ? { actor: { OR: [{ id: filter.actor }, { email: filter.actor.toLowerCase() }] } } : {}),
  };
  const [total, rows] = await Promise.all([
    db.auditEvent.count({ where }),
    db.auditEvent.findMany({
      where,
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      skip: (filter.page - 1) * PAGE_SIZE,
      take: PAGE_SIZE,
      select: {
        id: true,
        action: true,
        entityType: true,
        entityId: true,
        data: true,
        createdAt: true,
        actor: { select: { id: true, name: true, email: true } },
      },
    }),
  ]);
  const events: AuditEventDto[] = rows.map((row) => {
    let data: unknown = row.data;
    try {
      data = JSON.parse(row.data);
    } catch {
      // Kept as text: the log shows what was stored.
    }
    return { ...row, data, createdAt: row.createdAt.toISOString() };
  });
  return {
    events,
    page: filter.page,
    pageSize: PAGE_SIZE,
    total,
    totalPages: Math.max(1, Math.ceil(total / PAGE_SIZE)),
  };
}
