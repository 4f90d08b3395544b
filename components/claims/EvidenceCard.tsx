import Link from "next/link";
import { CopyButton } from "@/components/ui/CopyButton";
import type { EvidenceDto } from "@/lib/claims/queries";

// The surrounding words are a hint of context; their line breaks would only add gaps.
const inline = (text: string) => text.replace(/\s+/g, " ");

export function EvidenceCard({ evidence }: { evidence: EvidenceDto }) {
  const { passage, source } = evidence;
  const hasContext = evidence.context.before.trim() !== "" || evidence.context.after.trim() !== "";
  return (
    <article className={`card evidence evidence-${evidence.stance}`} aria-label={`${evidence.stance} evidence`}>
      <blockquote className="quote">
        <q>{passage.text}</q>
      </blockquote>
      {hasContext && (
        <details className="context">
          <summary>Show the surrounding sentences</summary>
          <p className="quote">
            <span className="context-text">{inline(evidence.context.before)}</span>
            <mark>{passage.text}</mark>
            <span className="context-text">{inline(evidence.context.after)}</span>
          </p>
        </details>
      )}
      {evidence.note && <p className="note">{evidence.note}</p>}
      <p className="citation">{evidence.citation}</p>
      <p className="card-actions small">
        <CopyButton text={`“${passage.text}” ${evidence.citation}`} />
        <Link href={`/sources/${source.sourceId}#passage-${passage.id}`}>
          Read in source (characters {passage.start}–{passage.end})
        </Link>
        <span className="muted">
          Added {evidence.addedBy?.name ? `by ${evidence.addedBy.name} ` : ""}on{" "}
          <time dateTime={evidence.createdAt}>{evidence.createdAt.slice(0, 10)}</time>
        </span>
      </p>
    </article>
  );
}
