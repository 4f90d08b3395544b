"use client";

import { ActionForm } from "@/components/ui/ActionForm";
import { Folded } from "@/components/ui/Folded";
import type { FormState } from "@/lib/forms/state";
import { MAX_RATING_REASON, type Scale } from "@/lib/ratings/scale";

type FormAction = (state: FormState, formData: FormData) => Promise<FormState>;

type RatingFormProps<G extends string | number> = {
  scale: Scale<G>;
  own: { grade: G; reason: string } | null;
  rate: FormAction;
  withdraw: FormAction;
};

/**
 * A member's own rating on one of the Admiralty scales, folded away until opened (and only then
 * rendered): each grade with its label, the reason, and withdrawing a rating already given.
 */
export function RatingForm<G extends string | number>(props: RatingFormProps<G>) {
  const { scale, own } = props;
  return (
    <Folded
      className="context rating-form"
      summary={
        own ? `Your rating: ${own.grade} (${scale.labels[own.grade]}). Change or withdraw it` : `Rate its ${scale.name}`
      }
    >
      <RatingFormFields {...props} />
    </Folded>
  );
}

/** The rating form's fields, as the folded form shows them once opened. */
export function RatingFormFields<G extends string | number>({ scale, own, rate, withdraw }: RatingFormProps<G>) {
  const quality = scale.name === "reliability" ? "Reliability" : "Credibility";
  return (
    <>
      <ActionForm action={rate} submitLabel={own ? "Change my rating" : "Rate"} className="inline-form" tone="plain">
        <label>
          {quality}
          <select name="grade" defaultValue={own ? String(own.grade) : ""} required>
            <option value="" disabled>
              Choose a grade
            </option>
            {scale.grades.map((grade) => (
              <option key={grade} value={String(grade)}>
                {grade}: {scale.labels[grade]}
              </option>
            ))}
          </select>
        </label>
        <label>
          Why (members see it beside your name)
          <input name="reason" required maxLength={MAX_RATING_REASON} defaultValue={own?.reason ?? ""} />
        </label>
      </ActionForm>
      {own && <ActionForm action={withdraw} submitLabel="Withdraw my rating" className="inline-form" tone="plain" />}
    </>
  );
}
