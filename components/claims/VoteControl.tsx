"use client";

import { useActionState, useState } from "react";
import { FormStatus } from "@/components/ui/FormStatus";
import type { FormState } from "@/lib/forms/state";
import { MAX_NAMED_EVIDENCE } from "@/lib/votes/schemas";

/** A piece of the claim's evidence a voter may name as what moved them most. */
export type VoteEvidenceOption = { id: string; stance: string; quote: string };

const shortQuote = (quote: string) => (quote.length > 90 ? `${quote.slice(0, 90).trimEnd()}…` : quote);

/**
 * The 0–100 % confidence control: a slider and a number kept in step, with an optional rationale.
 * A first vote starts with no value (a careless click must not record 50 %): the number is empty
 * and required until the member moves the slider or types one. A changed vote starts with the
 * member's reason: a vote is stored with the reason sent beside it, so an empty field would drop it.
 * Likewise the evidence that moved the member most (up to MAX_NAMED_EVIDENCE) starts with their
 * current choice, as voting again replaces it.
 */
export function VoteControl({
  action,
  initial,
  initialReason,
  evidenceOptions = [],
  initialEvidenceIds = [],
}: {
  action: (state: FormState, formData: FormData) => Promise<FormState>;
  initial?: number | null;
  initialReason?: string | null;
  evidenceOptions?: VoteEvidenceOption[];
  initialEvidenceIds?: string[];
}) {
  const [value, setValue] = useState<number | null>(initial ?? null);
  const [named, setNamed] = useState<string[]>(initialEvidenceIds);
  const toggle = (id: string, checked: boolean) =>
    setNamed((current) =>
      checked ? [...current.filter((other) => other !== id), id] : current.filter((other) => other !== id),
    );
  const [state, formAction, pending] = useActionState(action, {});
  return (
    <form action={formAction} className="vote-control card">
      <label htmlFor="vote-range">Your confidence that the claim is true</label>
      <div className="vote-inputs">
        <input
          id="vote-range"
          type="range"
          min={0}
          max={100}
          step={1}
          value={value ?? 50}
          data-unset={value === null ? "" : undefined}
          onChange={(event) => setValue(Number(event.target.value))}
          aria-describedby="vote-value vote-hint"
        />
        <input
          id="vote-value"
          name="value"
          type="number"
          min={0}
          max={100}
          step={1}
          required
          value={value ?? ""}
          onChange={(event) => setValue(event.target.value === "" ? null : Number(event.target.value))}
          aria-label="Confidence in percent"
        />
        <span aria-hidden="true">%</span>
      </div>
      <p id="vote-hint" className="small muted">
        {value === null
          ? "Move the slider or type a number: 0 % sure it is false, 100 % sure it is true."
          : "0 % sure it is false, 50 % cannot tell, 100 % sure it is true."}
      </p>
      <label>
        Why (optional; other members see it beside your name and vote)
        <input name="rationale" maxLength={2000} defaultValue={initialReason ?? ""} />
      </label>
      {evidenceOptions.length > 0 && (
        <fieldset className="vote-evidence">
          <legend>What moved you most (up to {MAX_NAMED_EVIDENCE})</legend>
          {evidenceOptions.map((option) => {
            const checked = named.includes(option.id);
            return (
              <label key={option.id} className="small">
                <input
                  type="checkbox"
                  name="evidenceIds"
                  value={option.id}
                  checked={checked}
                  disabled={!checked && named.length >= MAX_NAMED_EVIDENCE}
                  onChange={(event) => toggle(option.id, event.target.checked)}
                />{" "}
                “{shortQuote(option.quote)}” <span className="muted">({option.stance})</span>
              </label>
            );
          })}
        </fieldset>
      )}
      <FormStatus
        state={state}
        pending={pending}
        label={initial === null || initial === undefined ? "Vote" : "Change my vote"}
      />
    </form>
  );
}
