import Link from "next/link";
import type { EvidenceDto } from "@/lib/claims/queries";

// The surrounding words are a hint of context; their line breaks would only add gaps.
const inline = (text: string) => text.replace(/\s+/g, " ");

export function EvidenceCard({ evidence }: { evidence: EvidenceDto }) {
  const { passage, source } = evidence;
  return (
    <article className={`card evidence evidence-${evidence.stance}`} aria-label={`${evidence.stance} evidence`}>
      <blockquote className="quote">
        <span className="context-text">{passage.prefix ? `…${inline(passage.prefix)}` : ""}</span>
        <q>{passage.text}</q>
        <span className="context-text">{passage.suffix ? `${inline(passage.suffix)}…` : ""}</span>
      </blockquote>
      {evidence.note && <p className="note">{evidence.note}</p>}
      <p className="citation">
        {evidence.citation}{" "}
        <Link href={`/sources/${source.sourceId}#passage-${passage.id}`}>
          Read in source (characters {passage.start}–{passage.end})
        </Link>
      </p>
      <p className="small muted">
        Added {evidence.addedBy?.name ? `by ${evidence.addedBy.name} ` : ""}on{" "}
        <time dateTime={evidence.createdAt}>{evidence.createdAt.slice(0, 10)}</time>
      </p>
    </article>
  );
}
