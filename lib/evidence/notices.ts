import "server-only";
import { claimAbilities, claimStateSelect, visibleClaimsWhere } from "@/lib/claims/policy";
import type { Db } from "@/lib/db";
import type { MaybeActor } from "@/lib/permissions";
import { CITATION_UNDO_MINUTES, citationUndoDenialOf, citationUndoSelect } from "./policy";

// The confirmation a page shows after evidence was cited, undone, removed or restored, with the
// one click that takes it back. The page's address carries it (`?notice=cited:<evidenceId>`), so
// it survives the card that was clicked disappearing, a reload, and a browser without JavaScript.

export const EVIDENCE_NOTICE_KINDS = ["cited", "undone", "removed", "restored", "proposed"] as const;
export type EvidenceNoticeKind = (typeof EVIDENCE_NOTICE_KINDS)[number];

export type EvidenceNoticeDto = {
  kind: EvidenceNoticeKind;
  evidenceId: string;
  stance: "supports" | "contradicts" | "context";
  quote: string;
  /**
   * What the one click does, if the reader may: "undoCitation" takes back their own citation
   * (within CITATION_UNDO_MINUTES), "restore" puts removed evidence back (a direct edit).
   */
  undo: "undoCitation" | "restore" | null;
  undoMinutes: number;
};

/** "cited:ck123" → { kind, evidenceId }; anything else → null (a stale or edited address shows nothing). */
export function parseEvidenceNotice(
  value: string | undefined,
): { kind: EvidenceNoticeKind; evidenceId: string } | null {
  const match = /^([a-z]+):([A-Za-z0-9_-]{1,64})$/.exec(value ?? "");
  if (!match) return null;
  const kind = EVIDENCE_NOTICE_KINDS.find((known) => known === match[1]);
  return kind ? { kind, evidenceId: match[2]! } : null;
}

/**
 * The notice for one of the claim's pieces of evidence, if the reader may see the claim and the
 * evidence is in the state the notice describes (a notice for evidence since changed shows nothing).
 */
export async function getEvidenceNotice(
  db: Db,
  actor: MaybeActor,
  claimId: string,
  value: string | undefined,
): Promise<EvidenceNoticeDto | null> {
  const notice = parseEvidenceNotice(value);
  if (!notice || actor === null) return null;
  const evidence = await db.evidence.findFirst({
    where: { id: notice.evidenceId, claimId, claim: visibleClaimsWhere(actor) },
    select: {
      id: true,
      stance: true,
      ...citationUndoSelect,
      passage: { select: { text: true } },
      claim: { select: claimStateSelect },
    },
  });
  if (!evidence) return null;
  // Only what this reader did: their own citation, their own pending proposal.
  if (notice.kind === "cited" && (actor.kind !== "user" || evidence.addedById !== actor.id)) return null;
  if (notice.kind === "proposed") {
    if (actor.kind !== "user") return null;
    const proposal = await db.revision.findFirst({
      where: { claimId, status: "pending", proposerId: actor.id, after: { contains: evidence.id } },
      select: { id: true },
    });
    if (!proposal) return null;
  }
  const removed = evidence.removedAt !== null;
  const expectsRemoved = notice.kind === "undone" || notice.kind === "removed";
  if (notice.kind !== "proposed" && removed !== expectsRemoved) return null;
  const abilities = claimAbilities(actor, evidence.claim);
  let undo: EvidenceNoticeDto["undo"] = null;
  if (notice.kind === "cited" && abilities.cite && citationUndoDenialOf(actor, evidence, new Date()) === null) {
    undo = "undoCitation";
  }
  if (notice.kind === "removed" && abilities.edit === "direct") undo = "restore";
  return {
    kind: notice.kind,
    evidenceId: evidence.id,
    stance: evidence.stance,
    quote: evidence.passage.text,
    undo,
    undoMinutes: CITATION_UNDO_MINUTES,
  };
}
