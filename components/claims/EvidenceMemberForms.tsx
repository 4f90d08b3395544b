"use client";

import { ActionForm } from "@/components/ui/ActionForm";
import { Folded } from "@/components/ui/Folded";
import type { FormState } from "@/lib/forms/state";

type FormAction = (state: FormState, formData: FormData) => Promise<FormState>;

/**
 * What a member who may group sees under a piece of evidence: take it out of its origin, or name
 * one. Folded, and rendered only once opened (components/ui/Folded.tsx).
 */
export function OriginControls({
  originName,
  takeOut,
  group,
  evidenceId,
}: {
  /** The origin the evidence derives from now, if any. */
  originName: string | null;
  /** Takes the evidence out of its origin (null when it has none). */
  takeOut: FormAction | null;
  /** Groups evidence under a named origin. */
  group: FormAction;
  evidenceId: string;
}) {
  return (
    <Folded className="origin-controls small" summary={originName ? `Derives from “${originName}”` : "Derives from…"}>
      {takeOut && (
        <ActionForm
          action={takeOut}
          submitLabel="Take it out: a line of its own"
          className="inline-form"
          tone="plain"
        />
      )}
      <ActionForm action={group} submitLabel="Group" className="inline-form">
        <input type="hidden" name="evidenceIds" value={evidenceId} />
        <label>
          Origin (a witness&apos;s account, a document, an earlier book)
          <input name="name" list="origin-names" required maxLength={200} placeholder="Alexander Orlov's account" />
        </label>
      </ActionForm>
    </Folded>
  );
}

/**
 * Takes one piece of evidence away: at once, with an undo, for those who edit directly; else
 * proposed. Folded, and rendered only once opened.
 */
export function RemoveEvidenceForm({ direct, remove }: { direct: boolean; remove: FormAction }) {
  return (
    <Folded className="small" summary={direct ? "Remove from the evidence" : "Propose removing it"}>
      <ActionForm
        action={remove}
        submitLabel={direct ? "Remove" : "Propose removal"}
        tone={direct ? "danger" : "primary"}
      >
        <label>
          Why (shown in the claim&apos;s history{direct ? "" : " and to the moderator"})
          <input name="reason" maxLength={1000} />
        </label>
      </ActionForm>
    </Folded>
  );
}

/**
 * Groups several of a claim's passages under one origin, chosen from all of its evidence. Folded,
 * and rendered only once opened.
 */
export function GroupEvidenceForm({
  evidence,
  group,
}: {
  evidence: { id: string; quote: string; stance: string; originName: string | null }[];
  group: FormAction;
}) {
  return (
    <Folded className="card" id="group-evidence" summary="Group passages by origin">
      <p className="small muted">
        Passages that all repeat one account (a witness, a document, an earlier book) are one line of evidence, not
        several. Name the origin; a name already in use joins that origin, which other claims may cite too.
      </p>
      <ActionForm action={group} submitLabel="Group them">
        <fieldset>
          <legend>Passages</legend>
          {evidence.map((item) => (
            <label key={item.id} className="checkbox">
              <input type="checkbox" name="evidenceIds" value={item.id} />{" "}
              <q>{item.quote.length > 140 ? `${item.quote.slice(0, 140)}…` : item.quote}</q>{" "}
              <span className="small muted">
                ({item.stance}
                {item.originName ? `; now “${item.originName}”` : ""})
              </span>
            </label>
          ))}
        </fieldset>
        <label>
          Origin
          <input name="name" list="origin-names" required maxLength={200} placeholder="Alexander Orlov's account" />
        </label>
        <label>
          Note (optional, for a new origin)
          <input name="note" maxLength={1000} placeholder="Written after his defection in 1938; second-hand." />
        </label>
      </ActionForm>
    </Folded>
  );
}
