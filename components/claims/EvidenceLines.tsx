import type { ReactNode } from "react";
import type { OriginSuggestionDto, OriginSummaryDto } from "@/lib/evidence/queries";

const passagesText = (count: number) => `${count} ${count === 1 ? "passage" : "passages"}`;
const short = (text: string) => (text.length > 160 ? `${text.slice(0, 160)}…` : text);

/**
 * One line of evidence: the origin several passages derive from (a witness's account, a document),
 * with the passages under it. `children` are the passages' cards; `actions` what the reader may do
 * to the origin (rename it).
 */
export function EvidenceLineGroup({
  origin,
  stance,
  passages,
  otherClaims,
  actions,
  children,
}: {
  origin: Pick<OriginSummaryDto, "id" | "name" | "note">;
  stance: string;
  passages: number;
  /** How many other claims the reader may see cite evidence from this origin. */
  otherClaims: number;
  actions?: ReactNode;
  children: ReactNode;
}) {
  return (
    // A fieldset is a group named by its legend: the origin, which the passages in it share.
    <fieldset className={`evidence-line evidence-line-${stance}`}>
      <legend className="evidence-line-head">
        <strong>{origin.name}</strong>{" "}
        <span className="small muted">
          · {passagesText(passages)}, one line of evidence
          {otherClaims > 0 && ` · also cited on ${otherClaims} other ${otherClaims === 1 ? "claim" : "claims"}`}
        </span>
      </legend>
      {origin.note && <p className="small evidence-line-note">{origin.note}</p>}
      {actions}
      <div className="stack">{children}</div>
    </fieldset>
  );
}

/**
 * Groupings worth making, each offered with one click (`action`) and never applied by itself:
 * "These 3 passages may share one origin: Orlov".
 */
export function OriginSuggestionList({
  suggestions,
  quotes,
  action,
}: {
  suggestions: OriginSuggestionDto[];
  /** The quoted words of each piece of evidence, by id. */
  quotes: Record<string, string>;
  action: (suggestion: OriginSuggestionDto) => ReactNode;
}) {
  if (suggestions.length === 0) return null;
  return (
    <ul className="origin-suggestions">
      {suggestions.map((suggestion) => (
        <li key={suggestion.evidenceIds.join(" ")} className="card">
          <p>
            These {suggestion.evidenceIds.length} passages may share one origin: <strong>{suggestion.informant}</strong>
            {suggestion.origin && <span className="muted"> (some already derive from “{suggestion.origin.name}”)</span>}
          </p>
          <ul className="small">
            {suggestion.passages.map((passage) => (
              <li key={passage.evidenceId}>
                <q>{short(quotes[passage.evidenceId] ?? "")}</q>{" "}
                <span className="muted">
                  — {passage.fromContext ? `continues “${passage.phrase}” in the sentence before` : passage.phrase}
                </span>
              </li>
            ))}
          </ul>
          {action(suggestion)}
        </li>
      ))}
    </ul>
  );
}
