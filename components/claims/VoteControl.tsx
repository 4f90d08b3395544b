"use client";

import { useActionState, useState } from "react";
import { FormStatus } from "@/components/ui/FormStatus";
import type { FormState } from "@/lib/forms/state";

/** The 0–100 % confidence control: a slider and a number kept in step, with an optional rationale. */
export function VoteControl({
  action,
  initial,
}: {
  action: (state: FormState, formData: FormData) => Promise<FormState>;
  initial?: number | null;
}) {
  const [value, setValue] = useState<number>(initial ?? 50);
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
          value={value}
          onChange={(event) => setValue(Number(event.target.value))}
          aria-describedby="vote-value"
        />
        <input
          id="vote-value"
          name="value"
          type="number"
          min={0}
          max={100}
          step={1}
          required
          value={value}
          onChange={(event) => setValue(Number(event.target.value))}
          aria-label="Confidence in percent"
        />
        <span aria-hidden="true">%</span>
      </div>
      <label>
        Why (optional)
        <input name="rationale" maxLength={2000} />
      </label>
      <FormStatus
        state={state}
        pending={pending}
        label={initial === null || initial === undefined ? "Vote" : "Change my vote"}
      />
    </form>
  );
}
