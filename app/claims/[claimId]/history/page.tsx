import Link from "next/link";
import { orNotFound } from "@/app/_helpers";
import { RevisionCard } from "@/components/moderation/RevisionCard";
import { VotesOnRewordingField } from "@/components/moderation/VotesOnRewordingField";
import { ActionForm } from "@/components/ui/ActionForm";
import { getRequestActor } from "@/lib/auth/actor";
import { getDb } from "@/lib/db";
import { getClaimHistory } from "@/lib/moderation/queries";
import { revertAction } from "../actions";

export const dynamic = "force-dynamic";
export const metadata = { title: "Claim history" };

export default async function ClaimHistoryPage({ params }: { params: Promise<{ claimId: string }> }) {
  const { claimId } = await params;
  const actor = await getRequestActor();
  const history = await orNotFound(getClaimHistory(getDb(), actor, { claimId: decodeURIComponent(claimId) }));
  const canRevert = history.abilities.revert;
  const newest = history.revisions.find((revision) => revision.status === "approved");
  return (
    <>
      <p className="small">
        <Link href={`/claims/${history.claim.slug}`}>← Back to the claim</Link>
      </p>
      <h1>History of “{history.claim.statement}”</h1>
      <p className="muted">
        Newest first. Every change is kept; reverting restores the claim as it was after a revision, as a new revision.
      </p>
      {history.revisions.length === 0 && <p className="empty">No recorded changes yet.</p>}
      <div className="stack">
        {history.revisions.map((revision) => (
          <RevisionCard key={revision.id} revision={revision}>
            {canRevert && revision.canRevertTo && revision.id !== newest?.id && (
              <ActionForm
                action={revertAction.bind(null, history.claim.id, revision.id)}
                submitLabel="Revert to this version"
                tone="plain"
                confirm="Restore the claim as it was after this revision?"
              >
                <label>
                  Why (recorded in the history)
                  <input name="reason" required minLength={3} maxLength={2000} />
                </label>
                {revision.votesChoice && (
                  <VotesOnRewordingField
                    votes={revision.votesChoice.votes}
                    when="Reverting changes the statement's words"
                  />
                )}
              </ActionForm>
            )}
          </RevisionCard>
        ))}
      </div>
    </>
  );
}
