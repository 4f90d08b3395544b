import Link from "next/link";
import type { ReactNode } from "react";
import { HighlightedSnippet } from "@/components/search/HighlightedSnippet";
import type { SuggestedEvidenceDto } from "@/lib/claims/suggestions";

/** Suggested passages with why each was suggested; `actions` renders the cite buttons for one. */
export function SuggestedEvidenceList({
  items,
  actions,
}: {
  items: SuggestedEvidenceDto[];
  actions?: (item: SuggestedEvidenceDto) => ReactNode;
}) {
  if (items.length === 0)
    return <p className="empty">No passage in the library names these people or this event yet.</p>;
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
          <p className="small muted">
            <Link href={item.url}>{item.passage.sourceTitle}</Link>, characters {item.passage.start}–{item.passage.end}{" "}
            · score {item.score.toFixed(2)} · why:{" "}
            {[
              item.reasons.people.length > 0 ? `names ${item.reasons.people.join(", ")}` : "",
              item.reasons.terms.length > 0 ? `says “${item.reasons.terms.join("”, “")}”` : "",
              item.reasons.nearby ? "close together" : "",
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
