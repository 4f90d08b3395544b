import type { Verdict } from "@/lib/votes/verdict";

/** The team's verdict in plain words, the figures it was read from, and the rule that produced it. */
export function VoteVerdict({ verdict }: { verdict: Verdict }) {
  return (
    <div className={`verdict verdict-${verdict.tone}`}>
      <p className="verdict-line">
        <strong className="verdict-label">{verdict.label}</strong>: {verdict.figures}
      </p>
      <p className="small">{verdict.rule}</p>
      <p className="small muted">{verdict.explanation}</p>
      <details className="small">
        <summary>How the verdict is reached</summary>
        <ol>
          {verdict.rules.map((rule) => (
            <li key={rule}>{rule}</li>
          ))}
        </ol>
      </details>
    </div>
  );
}
