"use client";

import { useActionState, useState } from "react";
import { FormStatus } from "@/components/ui/FormStatus";
import type { FormState } from "@/lib/forms/state";

/**
 * The 0–100 % confidence control: a slider and a number kept in step, with an optional rationale.
 * A first vote starts with no value (a careless click must not record 50 %): the number is empty
 * and required until the member moves the slider or types one. A changed vote starts with the
 * member's reason: a vote is stored with the reason sent beside it, so an empty field would drop it.
 */
export function VoteControl({
  action,
  initial,
  initialReason,
}: {
  action: (state: FormState, formData: FormData) => Promise<FormState>;
  initial?: number | null;
  initialReason?: string | null;
}) {
  const [value, setValue] = useState<number | null>(initial ?? null);
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
      <FormStatus
        state={state}
        pending={pending}
        label={initial === null || initial === undefined ? "Vote" : "Change my vote"}
      />
    </form>
  );
}
