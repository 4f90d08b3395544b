import { ActionForm } from "@/components/ui/ActionForm";
import type { FormState } from "@/lib/forms/state";

type FormAction = (state: FormState, formData: FormData) => Promise<FormState>;

/** The one-click citations of a suggested passage: the member chooses the side, whatever the guess. */
export function CiteSuggestionButtons({ supports, contradicts }: { supports: FormAction; contradicts: FormAction }) {
  return (
    <div className="toolbar">
      <ActionForm action={supports} submitLabel="Cite as supporting" className="inline-form" tone="plain" />
      <ActionForm action={contradicts} submitLabel="Cite as contradicting" className="inline-form" tone="plain" />
    </div>
  );
}
