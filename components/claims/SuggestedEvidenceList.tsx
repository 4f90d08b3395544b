import Link from "next/link";
import type { ReactNode } from "react";
import { HighlightedSnippet } from "@/components/search/HighlightedSnippet";
import type { SuggestedEvidenceDto } from "@/lib/claims/suggestions";

const STANCE_LABELS: Record<SuggestedEvidenceDto["suggestedStance"], string> = {
  supports: "Seems to support",
  contradicts: "Seems to contradict",
  unclear: "Unclear",
};

type Actions = (item: SuggestedEvidenceDto) => ReactNode;

/**
 * Suggestions in two columns by the stance their words suggest, so contradicting passages are never
 * below the supporting ones, and those whose stance is unclear beneath both.
 */
export function SuggestedEvidenceColumns({ items, actions }: { items: SuggestedEvidenceDto[]; actions?: Actions }) {
  if (items.length === 0)
    return <p className="empty">No passage in the library names these people or this event yet.</p>;
  const of = (stance: SuggestedEvidenceDto["suggestedStance"]) =>
    items.filter((item) => item.suggestedStance === stance);
  const unclear = of("unclear");
  return (
    <>
      <div className="evidence-columns">
        <section aria-label="Suggested as supporting">
          <h3>May support ({of("supports").length})</h3>
          <SuggestedEvidenceList items={of("supports")} actions={actions} empty="None found that seems to support." />
        </section>
        <section aria-label="Suggested as contradicting">
          <h3>May contradict ({of("contradicts").length})</h3>
          <SuggestedEvidenceList
            items={of("contradicts")}
            actions={actions}
            empty="None found that seems to contradict: look for it before deciding."
          />
        </section>
      </div>
      {unclear.length > 0 && (
        <section aria-label="Suggested, stance unclear">
          <h3>Read and decide ({unclear.length})</h3>
          <SuggestedEvidenceList items={unclear} actions={actions} />
        </section>
      )}
    </>
  );
}

/** Suggested passages with why each was suggested; `actions` renders the cite buttons for one. */
export function SuggestedEvidenceList({
  items,
  actions,
  empty = "No passage in the library names these people or this event yet.",
}: {
  items: SuggestedEvidenceDto[];
  actions?: Actions;
  empty?: string;
}) {
  if (items.length === 0) return <p className="empty">{empty}</p>;
  return (
    <ol className="suggestions">
      {items.map((item) => (
        <li key={item.passage.id} className="card">
          <blockquote>
            <HighlightedSnippet
              snippet={{
                text: item.passage.text,
                start: 0,
                end: item.passage.text.length,
                highlights: item.highlights,
              }}
            />
          </blockquote>
          <p className="small">
            <strong>{STANCE_LABELS[item.suggestedStance]}</strong>: {item.stanceReason}
          </p>
          <p className="small muted">
            <Link href={item.url}>{item.passage.sourceTitle}</Link>, characters {item.passage.start}–{item.passage.end}{" "}
            · score {item.score.toFixed(2)} · why:{" "}
            {[
              item.reasons.people.length > 0 ? `names ${item.reasons.people.join(", ")}` : "",
              item.reasons.terms.length > 0 ? `says “${item.reasons.terms.join("”, “")}”` : "",
              item.reasons.nearby ? "close together" : "",
              ...item.reasons.citedOn.map(
                (other) => `cited as ${other.stance} on “${other.statement}” (${other.relation})`,
              ),
            ]
              .filter(Boolean)
              .join("; ")}
          </p>
          {actions?.(item)}
        </li>
      ))}
    </ol>
  );
}
