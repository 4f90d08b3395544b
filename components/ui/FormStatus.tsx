import type { FormState } from "@/lib/forms/state";

/** The submit button of a form with the outcome of its last submission beside it. */
export function FormStatus({
  state,
  pending,
  label,
  tone = "primary",
  errorId,
}: {
  state: FormState;
  pending: boolean;
  label: string;
  tone?: "primary" | "danger" | "plain";
  /** The error's id, for the field it is about to point at (aria-describedby). */
  errorId?: string;
}) {
  return (
    <div className="form-actions">
      <button type="submit" className={`button-${tone}`} disabled={pending}>
        {pending ? "Working…" : label}
      </button>
      {state.error && (
        <p role="alert" className="form-error" id={errorId}>
          {state.error}
        </p>
      )}
      {state.message && !state.error && (
        <p role="status" className="form-ok">
          {state.message}
        </p>
      )}
    </div>
  );
}
