import Link from "next/link";
import { ActionForm } from "@/components/ui/ActionForm";
import { formatPartialDate } from "@/lib/dates";
import type { FormState } from "@/lib/forms/state";
import type { PersonSuggestionDto } from "@/lib/people/suggestions";

type Props = {
  suggestion: PersonSuggestionDto;
  /** Receives the (possibly corrected) `name` and comma-separated `aliases`. */
  accept: (state: FormState, formData: FormData) => Promise<FormState>;
  dismiss: (state: FormState, formData: FormData) => Promise<FormState>;
  /** Named when the card is shown away from its source's page (the review queue). */
  source?: { id: string; title: string };
};

/** A name that recurs in a source and matches nobody, with the forms to add it as a person or dismiss it. */
export function PersonSuggestionCard({ suggestion, accept, dismiss, source }: Props) {
  return (
    <section className="card">
      <h3>
        {suggestion.name}
        {(suggestion.birthDate || suggestion.deathDate) && (
          <span className="small muted">
            {" "}
            ({suggestion.birthDate ? formatPartialDate(suggestion.birthDate) : "?"} –{" "}
            {suggestion.deathDate ? formatPartialDate(suggestion.deathDate) : "?"})
          </span>
        )}{" "}
        <span className="small muted">named {suggestion.occurrences}×, matches nobody yet</span>
      </h3>
      {source && (
        <p className="small muted">
          In <Link href={`/sources/${encodeURIComponent(source.id)}`}>{source.title}</Link>
        </p>
      )}
      {suggestion.description && <p className="small">{suggestion.description}</p>}
      <ul className="small">
        {suggestion.sentences.map((sentence, index) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: the same sentence may occur twice; the list never reorders
          <li key={index}>{sentence}</li>
        ))}
      </ul>
      <ActionForm action={accept} submitLabel="Add as a person" className="inline-form">
        <label>
          Name <input name="name" defaultValue={suggestion.name} required />
        </label>
        <label>
          Other spellings{" "}
          <input name="aliases" placeholder="comma-separated" defaultValue={suggestion.spellings.join(", ")} />
        </label>
      </ActionForm>
      <ActionForm action={dismiss} submitLabel="Not a person" className="inline-form" tone="plain" />
    </section>
  );
}
