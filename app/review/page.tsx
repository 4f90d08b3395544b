import { redirect } from "next/navigation";
import { RevisionCard } from "@/components/moderation/RevisionCard";
import { ActionForm } from "@/components/ui/ActionForm";
import { getRequestActor } from "@/lib/auth/actor";
import { getDb } from "@/lib/db";
import { isAppError } from "@/lib/errors";
import { listReviewQueue, type RevisionDto } from "@/lib/moderation/queries";
import { approveAction, rejectAction } from "./actions";

export const dynamic = "force-dynamic";
export const metadata = { title: "Review queue" };

export default async function ReviewPage() {
  const actor = await getRequestActor();
  if (!actor) redirect("/signin?callbackUrl=/review");
  let queue: RevisionDto[];
  try {
    queue = await listReviewQueue(getDb(), actor);
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
      <p className="muted">
        {queue.length} proposal{queue.length === 1 ? "" : "s"} waiting, oldest first. Approving applies the change at
        once; rejecting needs a reason the proposer will read.
      </p>
      {queue.length === 0 && <p className="empty">Nothing waits for review.</p>}
      <div className="stack">
        {queue.map((revision) => (
          <RevisionCard key={revision.id} revision={revision} showClaim>
            <div className="review-actions">
              <ActionForm action={approveAction.bind(null, revision.id)} submitLabel="Approve">
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
    </>
  );
}
