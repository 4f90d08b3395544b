import "server-only";
import type { Tx } from "@/lib/db";
import { actorId, type MaybeActor } from "@/lib/permissions";

/** Records an audit event; call it inside the transaction of the write it describes. */
export async function recordAudit(
  tx: Tx,
  actor: MaybeActor,
  event: { action: string; entityType: string; entityId: string; data?: Record<string, unknown> },
): Promise<void> {
  await tx.auditEvent.create({
    data: {
      actorId: actorId(actor),
      action: event.action,
      entityType: event.entityType,
      entityId: event.entityId,
      data: JSON.stringify(event.data ?? {}),
    },
  });
}
