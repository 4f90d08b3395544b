import Link from "next/link";
import { redirect } from "next/navigation";
import { PendingClaimActions } from "@/components/moderation/PendingClaimActions";
import { RevisionCard } from "@/components/moderation/RevisionCard";
import { VotesOnRewordingField } from "@/components/moderation/VotesOnRewordingField";
import { WordDiff } from "@/components/moderation/WordDiff";
import { ActionForm } from "@/components/ui/ActionForm";
import { getRequestActor } from "@/lib/auth/actor";
import { listPendingRelations } from "@/lib/claims/relations";
import { getDb } from "@/lib/db";
import { isAppError } from "@/lib/errors";
import {
  listPendingClaims,
  listPendingReanchors,
  listReviewQueue,
  type PendingClaimDto,
  type PendingReanchorDto,
  type RevisionDto,
} from "@/lib/moderation/queries";
import {
  approveAction,
  decideReanchorAction,
  rejectAction,
  reviewPendingClaimAction,
  reviewRelationFromQueueAction,
} from "./actions";

export const dynamic = "force-dynamic";
export const metadata = { title: "Review queue" };

export default async function ReviewPage() {
  const actor = await getRequestActor();
  if (!actor) redirect("/signin?callbackUrl=/review");
  let queue: RevisionDto[];
  let relations: Awaited<ReturnType<typeof listPendingRelations>>;
  let pendingClaims: PendingClaimDto[];
  let reanchors: PendingReanchorDto[];
  try {
    pendingClaims = await listPendingClaims(getDb(), actor);
    queue = await listReviewQueue(getDb(), actor);
    relations = await listPendingRelations(getDb(), actor);
    reanchors = await listPendingReanchors(getDb(), actor);
  } catch (error) {
    if (isAppError(error) && error.code === "FORBIDDEN") {
      return (
        <>
          <h1>Review queue</h1>
          <p className="empty">
            Only moderators review proposals. Your own proposals and their outcome are on your account page.
          </p>
        </>
      );
    }
    throw error;
  }
  return (
    <>
      <h1>Review queue</h1>
      <h2>New claims ({pendingClaims.length})</h2>
      <p className="muted">
        Publishing makes a claim public and open to votes; sending it back returns it to its author as a draft, with
        your reason on the claim.
      </p>
      {pendingClaims.length === 0 && <p className="empty">No new claim waits.</p>}
      <ul className="stack">
        {pendingClaims.map((claim) => (
          <li key={claim.id} className="card">
            <p>
              <Link href={`/claims/${claim.slug}`}>{claim.statement}</Link>
            </p>
            <p className="small muted">
              {claim.author?.name ? `By ${claim.author.name} · ` : ""}
              <time dateTime={claim.createdAt}>{claim.createdAt.slice(0, 10)}</time>
              {claim.people.length > 0 ? ` · about ${claim.people.join(", ")}` : ""}
            </p>
            <PendingClaimActions
              publish={reviewPendingClaimAction.bind(null, claim.id, "publish")}
              sendBack={reviewPendingClaimAction.bind(null, claim.id, "send_back")}
            />
          </li>
        ))}
      </ul>
      <h2>Proposed changes ({queue.length})</h2>
      <p className="muted">
        {queue.length} proposal{queue.length === 1 ? "" : "s"} waiting, oldest first. Approving applies the change at
        once; rejecting needs a reason the proposer will read.
      </p>
      {queue.length === 0 && <p className="empty">No proposed change waits.</p>}
      <div className="stack">
        {queue.map((revision) => (
          <RevisionCard key={revision.id} revision={revision} showClaim>
            <div className="review-actions">
              <ActionForm action={approveAction.bind(null, revision.id)} submitLabel="Approve">
                {revision.votesChoice && (
                  <VotesOnRewordingField votes={revision.votesChoice.votes} when="This proposal changes the words" />
                )}
                <label>
                  Note (optional)
                  <input name="note" maxLength={2000} />
                </label>
              </ActionForm>
              <ActionForm action={rejectAction.bind(null, revision.id)} submitLabel="Reject" tone="danger">
                <label>
                  Reason (shown to the proposer)
                  <input name="reason" required minLength={3} maxLength={2000} />
                </label>
              </ActionForm>
            </div>
          </RevisionCard>
        ))}
      </div>
      <h2>Relations between claims ({relations.length})</h2>
      {relations.length === 0 && <p className="empty">No proposed relation waits.</p>}
      <ul className="stack">
        {relations.map((relation) => (
          <li key={relation.id} className="card">
            <p>
              <Link href={`/claims/${relation.from.slug}`}>{relation.from.statement}</Link>{" "}
              <strong>{relation.label.toLowerCase()}</strong>{" "}
              <Link href={`/claims/${relation.to.slug}`}>{relation.to.statement}</Link>
            </p>
            <p className="small muted">
              Proposed{relation.proposedBy ? ` by ${relation.proposedBy}` : ""} ·{" "}
              <time dateTime={relation.createdAt}>{relation.createdAt.slice(0, 10)}</time>
              {relation.note ? ` · ${relation.note}` : ""}
            </p>
            <div className="review-actions">
              <ActionForm
                action={reviewRelationFromQueueAction.bind(null, relation.id, "confirm")}
                submitLabel="Confirm"
              >
                <label>
                  Note (optional)
                  <input name="note" maxLength={1000} />
                </label>
              </ActionForm>
              <ActionForm
                action={reviewRelationFromQueueAction.bind(null, relation.id, "reject")}
                submitLabel="Reject"
                tone="danger"
              >
                <label>
                  Note (optional)
                  <input name="note" maxLength={1000} />
                </label>
              </ActionForm>
            </div>
          </li>
        ))}
      </ul>
      <h2>Citations in a new version of their source ({reanchors.length})</h2>
      <p className="muted">
        A source was imported again in a new version, and these cited words were found there only with changes (or not
        certainly in one place). Confirm to move the citation to the new words; reject to keep it on the older version,
        where it stays readable and is flagged on its claim.
      </p>
      {reanchors.length === 0 && <p className="empty">No re-anchored citation waits.</p>}
      <ul className="stack">
        {reanchors.map((reanchor) => (
          <li key={reanchor.id} className="card">
            <p>
              {reanchor.stance} <Link href={`/claims/${reanchor.claim.slug}`}>{reanchor.claim.statement}</Link>
            </p>
            <p className="small muted">
              {reanchor.source.title}:{" "}
              <Link href={`/sources/${reanchor.source.fromSourceId}`}>version {reanchor.source.fromVersion}</Link> →{" "}
              <Link href={`/sources/${reanchor.source.toSourceId}`}>version {reanchor.source.toVersion}</Link>
              {reanchor.reason ? ` · ${reanchor.reason}` : ""}
            </p>
            <WordDiff changes={reanchor.changes} />
            <div className="review-actions">
              <ActionForm action={decideReanchorAction.bind(null, reanchor.id, "confirm")} submitLabel="Confirm" />
              <ActionForm
                action={decideReanchorAction.bind(null, reanchor.id, "reject")}
                submitLabel="Keep on the older version"
                tone="danger"
              />
            </div>
          </li>
        ))}
      </ul>
    </>
  );
}
