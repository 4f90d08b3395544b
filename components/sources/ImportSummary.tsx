import Link from "next/link";
import type { ImportSummaryDto } from "@/lib/sources/queries";

const plural = (count: number, one: string, many = `${one}s`) => `${count} ${count === 1 ? one : many}`;

/** What an import found: shown once, on the page a member lands on after importing. */
export function ImportSummary({ summary, canAddPeople }: { summary: ImportSummaryDto; canAddPeople: boolean }) {
  return (
    <section className="card import-summary" role="status" aria-label="What the import found">
      <p>
        <strong>Imported</strong>: {plural(summary.paragraphCount, "paragraph")} and{" "}
        {plural(summary.sentenceCount, "sentence")}, each citable.
      </p>
      <p>
        {summary.people.length === 0 ? (
          "No known person is named in it."
        ) : (
          <>
            {plural(summary.people.length, "known person", "known people")} named:{" "}
            {summary.people.map((person, index) => (
              <span key={person.slug}>
                {index > 0 && "; "}
                <Link href={`/people/${person.slug}`}>{person.name}</Link> as “{person.spellings.join("”, “")}”
              </span>
            ))}
            .
          </>
        )}
      </p>
      {summary.unrecognised.length > 0 && (
        <p>
          Names it repeats that match nobody yet:{" "}
          {summary.unrecognised.map((name, index) => (
            <span key={name.name}>
              {index > 0 && ", "}
              {name.name} ({name.occurrences}×)
            </span>
          ))}
          . {canAddPeople ? "Add each as a person or as a spelling of someone below, under “People in this text”." : ""}
        </p>
      )}
      {summary.ambiguous > 0 && (
        <p>
          {plural(summary.ambiguous, "surname")} could be several people and{" "}
          {summary.ambiguous === 1 ? "waits" : "wait"} for a moderator to settle.
        </p>
      )}
    </section>
  );
}
