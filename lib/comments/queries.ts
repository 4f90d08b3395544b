import "server-only";
import type { Db } from "@/lib/db";
import { can, type MaybeActor } from "@/lib/permissions";

export type CommentDto = {
  id: string;
  body: string | null;
  hidden: boolean;
  hideReason: string | null;
  createdAt: string;
  author: { id: string; name: string | null } | null;
};

/** A claim's discussion, oldest first. Hidden comments keep their place; only moderators see their text. */
export async function listComments(db: Db, actor: MaybeActor, claimId: string): Promise<CommentDto[]> {
  const rows = await db.comment.findMany({
    where: { claimId },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    take: 1000,
    select: {
      id: true,
      body: true,
      hiddenAt: true,
      hideReason: true,
      createdAt: true,
      author: { select: { id: true, name: true } },
    },
  });
  const moderator = can(actor, "hide:comment:any");
  return rows.map((row) => ({
    id: row.id,
    body: row.hiddenAt && !moderator ? null : row.body,
    hidden: row.hiddenAt !== null,
    hideReason: row.hideReason,
    createdAt: row.createdAt.toISOString(),
    author: row.author,
  }));
}
