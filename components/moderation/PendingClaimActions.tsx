import { ActionForm } from "@/components/ui/ActionForm";
import type { FormState } from "@/lib/forms/state";

type Action = (state: FormState, formData: FormData) => Promise<FormState>;

/** A moderator's two answers to a new claim or question waiting for review: publish it, or send it back with a reason. */
export function PendingClaimActions({ publish, sendBack }: { publish: Action; sendBack: Action }) {
  return (
    <div className="review-actions">
      <ActionForm action={publish} submitLabel="Publish">
        <label>
          Note (optional)
          <input name="reason" maxLength={2000} />
        </label>
      </ActionForm>
      <ActionForm action={sendBack} submitLabel="Send back" tone="danger">
        <label>
          Reason (shown to the author)
          <input name="reason" required minLength={3} maxLength={2000} />
        </label>
      </ActionForm>
    </div>
  );
}
