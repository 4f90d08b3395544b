import Link from "next/link";
import { ActionForm } from "@/components/ui/ActionForm";
import type { FormState } from "@/lib/forms/state";
import type { AmbiguousMentionDto } from "@/lib/people/mentions";

type Props = {
  mention: AmbiguousMentionDto;
  /** Receives the chosen candidate as `personId` ("none" for none of them). */
  settle: (state: FormState, formData: FormData) => Promise<FormState>;
  /** Named when the card is shown away from its source's page (the review queue). */
  source?: { id: string; title: string };
};

/** A surname in a source shared by several people, with the sentences it occurs in and the form to settle it. */
export function AmbiguousMentionCard({ mention, settle, source }: Props) {
  return (
    <section className="card">
      <h3>
        “{mention.surface}” ({mention.count}×) could be any of {mention.candidates.length} people
      </h3>
      {source && (
        <p className="small muted">
          In <Link href={`/sources/${encodeURIComponent(source.id)}`}>{source.title}</Link>
        </p>
      )}
      <ul className="small">
        {mention.sentences.map((sentence, index) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: the same sentence may occur twice; the list never reorders
          <li key={index}>{sentence}</li>
        ))}
      </ul>
      <ActionForm action={settle} submitLabel="Settle" className="inline-form" tone="plain">
        <label>
          Here it means{" "}
          <select name="personId" defaultValue={mention.candidates[0]?.id}>
            {mention.candidates.map((candidate) => (
              <option key={candidate.id} value={candidate.id}>
                {candidate.name}
              </option>
            ))}
            <option value="none">none of them</option>
          </select>
        </label>
      </ActionForm>
    </section>
  );
}
