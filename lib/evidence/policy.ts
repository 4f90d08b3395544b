import { can, type MaybeActor } from "@/lib/permissions";

/**
 * Who may rename an origin or change its note: the member who named it, and moderators. An origin
 * is shared by every claim whose evidence derives from it, so renaming it renames it everywhere;
 * grouping evidence under it (group:evidence) is every contributor's, as citing is. Pure.
 */
export function canEditOrigin(actor: MaybeActor, origin: { createdById: string | null }): boolean {
  if (!can(actor, "group:evidence")) return false;
  if (can(actor, "update:origin:any")) return true;
  return actor?.kind === "user" && origin.createdById !== null && origin.createdById === actor.id;
}

/**
 * How long the member who cited a passage may take the citation back with one click. Later, or for
 * anyone else, taking evidence away is a removal: an edit of the claim, moderated like any other.
 */
export const CITATION_UNDO_MINUTES = 30;

/** What citationUndoDenial reads of a piece of evidence (a Prisma select: the mutation and the notice share it). */
export const citationUndoSelect = {
  addedById: true,
  createdAt: true,
  updatedAt: true,
  removedAt: true,
  originId: true,
  _count: { select: { ratings: true, namedBy: true } },
} as const;

type CitationUndoFacts = {
  addedById: string | null;
  createdAt: Date;
  updatedAt: Date;
  removedAt: Date | null;
  originId: string | null;
  _count: { ratings: number; namedBy: number };
};

/** citationUndoDenial of a row read with citationUndoSelect. */
export function citationUndoDenialOf(actor: MaybeActor, row: CitationUndoFacts, now: Date) {
  return citationUndoDenial(actor, { ...row, builtOn: row._count.ratings + row._count.namedBy }, now);
}

/**
 * Why `actor` may not undo `evidence` (a citation made through addEvidence) at `now`, or null when
 * they may. An undo takes back a moment's click, not what others did with it: once the citation is
 * rated, named by a vote, put under an origin or edited, taking it away is a removal (an edit).
 * Whether the claim itself still takes citations is lib/claims/policy.ts's ("cite").
 */
export function citationUndoDenial(
  actor: MaybeActor,
  evidence: {
    addedById: string | null;
    createdAt: Date;
    updatedAt?: Date;
    removedAt: Date | null;
    originId?: string | null;
    /** Ratings of it and votes naming it, by anyone. */
    builtOn?: number;
  },
  now: Date,
): { code: "FORBIDDEN" | "CONFLICT"; reason: string } | null {
  if (evidence.removedAt !== null) return { code: "CONFLICT", reason: "evidenceId: this evidence was already removed" };
  if (actor?.kind !== "user" || evidence.addedById !== actor.id) {
    return {
      code: "FORBIDDEN",
      reason:
        "evidenceId: only the member who cited this passage can undo the citation; to take it away, remove it by editing the claim",
    };
  }
  if (now.getTime() - evidence.createdAt.getTime() > CITATION_UNDO_MINUTES * 60_000) {
    return {
      code: "CONFLICT",
      reason: `evidenceId: a citation can be undone for ${CITATION_UNDO_MINUTES} minutes after it is made; to take it away now, remove it by editing the claim`,
    };
  }
  const edited =
    evidence.updatedAt !== undefined && evidence.updatedAt.getTime() - evidence.createdAt.getTime() > EDITED_AFTER_MS;
  if ((evidence.builtOn ?? 0) > 0 || evidence.originId || edited) {
    return {
      code: "CONFLICT",
      reason:
        "evidenceId: this citation has been rated, named by a vote, grouped or edited since it was made; to take it away, remove it by editing the claim",
    };
  }
  return null;
}

// A citation's row is written once; a change of it a second or more later is someone's edit.
const EDITED_AFTER_MS = 1000;
