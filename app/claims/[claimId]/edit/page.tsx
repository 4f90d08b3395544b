import Link from "next/link";
import { redirect } from "next/navigation";
import { orNotFound } from "@/app/_helpers";
import { StatementWithPeople } from "@/components/claims/StatementWithPeople";
import { VotesOnRewordingField } from "@/components/moderation/VotesOnRewordingField";
import { ActionForm } from "@/components/ui/ActionForm";
import { getRequestActor } from "@/lib/auth/actor";
import { CLAIM_STATUSES } from "@/lib/claims/schemas";
import { getDb } from "@/lib/db";
import { isAppError } from "@/lib/errors";
import { STANCES } from "@/lib/evidence/schemas";
import { getClaimForEditing } from "@/lib/moderation/queries";
import { loadPeoplePicker } from "@/lib/people/picker";
import { editClaimAction } from "../actions";

export const dynamic = "force-dynamic";
export const metadata = { title: "Edit claim" };

export default async function EditClaimPage({
  params,
  searchParams,
}: {
  params: Promise<{ claimId: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { claimId } = await params;
  const actor = await getRequestActor();
  if (!actor) redirect(`/signin?callbackUrl=${encodeURIComponent(`/claims/${claimId}/edit`)}`);
  let editing: Awaited<ReturnType<typeof getClaimForEditing>>;
  try {
    editing = await orNotFound(getClaimForEditing(getDb(), actor, { claimId: decodeURIComponent(claimId) }));
  } catch (error) {
    if (isAppError(error) && error.code === "FORBIDDEN") {
      return (
        <p className="empty">Your role can read claims but not propose changes. Ask an admin for contributor access.</p>
      );
    }
    throw error;
  }
  const { document } = editing;
  const query = await searchParams;
  const picker = await loadPeoplePicker(getDb(), actor, {
    params: query,
    current: { statement: document.statement, people: document.people },
  });
  // Without JavaScript the people picker's Find and Add send the whole form back here: what was
  // typed in the other fields comes back in the query, and is put back.
  const typed = (name: string): string | undefined => {
    const value = picker.roundTrip ? query[name] : undefined;
    return Array.isArray(value) ? value[0] : value;
  };
  const evidence = document.evidence.filter((item) => !item.removed);
  const direct = editing.edit === "direct";
  const page = `/claims/${editing.slug}/edit`;
  return (
    <>
      <p className="small">
        <Link href={`/claims/${editing.slug}`}>← Back to the claim</Link>
      </p>
      <h1>{direct ? "Edit claim" : "Propose an edit"}</h1>
      {editing.edit === null ? (
        <p className="empty">{editing.whyNotEdit}</p>
      ) : (
        <>
          <p className="muted">
            {direct
              ? "Your changes apply as soon as you save, and are recorded in the claim's history."
              : "Your changes go to the moderators' review queue; the claim stays as it is until one approves them."}
          </p>
          <ActionForm
            action={editClaimAction.bind(null, editing.id)}
            submitLabel={direct ? "Save changes" : "Send proposal"}
          >
            <input type="hidden" name="baseVersion" value={typed("baseVersion") ?? document.version} />
            <StatementWithPeople picker={picker} page={page} findSimilar={false}>
              {direct && editing.votes.count > 0 && (
                <VotesOnRewordingField
                  votes={editing.votes.count}
                  awaitingConfirmation={editing.votes.awaitingConfirmation}
                  when="If you change the statement's words"
                  defaultValue={typed("votesOnRewording")}
                />
              )}
              {editing.canSetStatus && (
                <label>
                  Status
                  <select name="status" defaultValue={typed("status") ?? document.status}>
                    {CLAIM_STATUSES.map((status) => (
                      <option key={status} value={status}>
                        {status.replace("_", " ")}
                      </option>
                    ))}
                  </select>
                </label>
              )}
            </StatementWithPeople>
            <fieldset>
              <legend>Evidence</legend>
              {evidence.length === 0 && <p className="muted">No evidence yet.</p>}
              {evidence.map((item) => (
                <div key={item.id} className="evidence-edit card">
                  <q>{item.quote}</q>
                  <div className="inline-fields">
                    <label>
                      Stance
                      <select name={`stance:${item.id}`} defaultValue={typed(`stance:${item.id}`) ?? item.stance}>
                        {STANCES.map((stance) => (
                          <option key={stance} value={stance}>
                            {stance}
                          </option>
                        ))}
                      </select>
                    </label>
                    <label>
                      Pinpoint
                      <input
                        name={`pinpoint:${item.id}`}
                        defaultValue={typed(`pinpoint:${item.id}`) ?? item.pinpoint ?? ""}
                        maxLength={200}
                      />
                    </label>
                    <label className="checkbox">
                      <input
                        type="checkbox"
                        name={`removed:${item.id}`}
                        defaultChecked={typed(`removed:${item.id}`) !== undefined}
                      />{" "}
                      Remove
                    </label>
                  </div>
                  <label>
                    Note
                    <input
                      name={`note:${item.id}`}
                      defaultValue={typed(`note:${item.id}`) ?? item.note ?? ""}
                      maxLength={5000}
                    />
                  </label>
                </div>
              ))}
            </fieldset>
            <label>
              Why this change? {direct ? "(optional)" : "(helps the reviewer)"}
              <input name="reason" maxLength={2000} defaultValue={typed("reason")} />
            </label>
          </ActionForm>
        </>
      )}
    </>
  );
}
