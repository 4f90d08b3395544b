import Link from "next/link";
import type { ReactNode } from "react";
import { CopyButton } from "@/components/ui/CopyButton";
import type { EvidenceDto } from "@/lib/claims/queries";

// The surrounding words are a hint of context; their line breaks would only add gaps.
const inline = (text: string) => text.replace(/\s+/g, " ");

/** `children`: what the page adds below the citation (the evidence's credibility rating). */
export function EvidenceCard({ evidence, children }: { evidence: EvidenceDto; children?: ReactNode }) {
  const { passage, source } = evidence;
  const hasContext = evidence.context.before.trim() !== "" || evidence.context.after.trim() !== "";
  return (
    <article
      id={`evidence-${evidence.id}`}
      className={`card evidence evidence-${evidence.stance}`}
      aria-label={`${evidence.stance} evidence`}
    >
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
      {evidence.olderVersion && (
        <p className="warning small" role="note">
          {evidence.olderVersion.state === "waiting"
            ? `Cites version ${evidence.olderVersion.versionNumber} of this source. In version ${evidence.olderVersion.newer.versionNumber} the words changed; a moderator is checking the new wording before the citation moves.`
            : `Cites version ${evidence.olderVersion.versionNumber} of this source. These words were not found in version ${evidence.olderVersion.newer.versionNumber}, so the citation stays on the older version.`}{" "}
          <Link href={`/sources/${evidence.olderVersion.newer.sourceId}`}>
            Open version {evidence.olderVersion.newer.versionNumber}
          </Link>
        </p>
      )}
      {evidence.note && <p className="note">{evidence.note}</p>}
      <p className="citation">{evidence.citation}</p>
      <p className="card-actions small">
        <CopyButton text={`“${passage.text}” ${evidence.citation}`} />
        <Link href={`/sources/${source.sourceId}?passage=${passage.id}#passage-${passage.id}`}>
          {evidence.paragraphNumber
            ? `Read it in paragraph ${evidence.paragraphNumber} of the source`
            : "Read it in the source"}
        </Link>
        <span className="muted">
          Added {evidence.addedBy?.name ? `by ${evidence.addedBy.name} ` : ""}on{" "}
          <time dateTime={evidence.createdAt}>{evidence.createdAt.slice(0, 10)}</time>
        </span>
      </p>
      {children}
    </article>
  );
}
