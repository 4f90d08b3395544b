// biome-ignore-all lint/suspicious/noArrayIndexKey: a revision's change lines and word diff are fixed once recorded; their order is their identity
import Link from "next/link";
import type { ReactNode } from "react";
import type { RevisionDto } from "@/lib/moderation/queries";

const ACTIONS: Record<string, string> = {
  "claim.create": "Created the claim",
  "claim.edit": "Edit",
  "claim.revert": "Revert",
  "evidence.add": "Added evidence",
  "evidence.undo": "Undid a citation",
  "evidence.group": "Grouped evidence by origin",
  "evidence.ungroup": "Took evidence out of its origin",
};

const votesText = (count: number) => `${count} vote${count === 1 ? "" : "s"}`;

function ChangeTable({ revision }: { revision: RevisionDto }) {
  return (
    <table className="diff">
      <thead>
        <tr>
          <th scope="col">What</th>
          <th scope="col">Before</th>
          <th scope="col">After</th>
        </tr>
      </thead>
      <tbody>
        {revision.changes.map((change, index) => (
          <tr key={index}>
            <th scope="row">{change.label}</th>
            {change.words ? (
              <td colSpan={2} className="words">
                {change.words.map((word, wordIndex) =>
                  word.kind === "same" ? (
                    <span key={wordIndex}>{word.text}</span>
                  ) : word.kind === "added" ? (
                    <ins key={wordIndex}>{word.text}</ins>
                  ) : (
                    <del key={wordIndex}>{word.text}</del>
                  ),
                )}
              </td>
            ) : (
              <>
                <td>{change.before ?? <span className="muted">—</span>}</td>
                <td>{change.after ?? <span className="muted">—</span>}</td>
              </>
            )}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function RevisionCard({
  revision,
  showClaim,
  children,
}: {
  revision: RevisionDto;
  showClaim?: boolean;
  children?: ReactNode;
}) {
  return (
    <article className={`card revision revision-${revision.status}`} aria-label={`Revision ${revision.id}`}>
      <p className="small">
        <strong>{ACTIONS[revision.action] ?? revision.action}</strong>{" "}
        <span className={`badge badge-revision-${revision.status}`}>{revision.status}</span>{" "}
        {revision.stale && <span className="badge badge-contested">stale: the claim changed since</span>}{" "}
        <span className="muted">
          by {revision.proposer?.name ?? "the system"} on{" "}
          <time dateTime={revision.createdAt}>{revision.createdAt.slice(0, 16).replace("T", " ")}</time>
          {revision.reviewer &&
            revision.reviewer.id !== revision.proposer?.id &&
            ` · reviewed by ${revision.reviewer.name}`}
        </span>
      </p>
      {showClaim && (
        <p>
          Claim: <Link href={`/claims/${revision.claim.slug}`}>{revision.claim.statement}</Link>
        </p>
      )}
      {revision.reason && (
        <p className="note">
          <strong>Why:</strong> {revision.reason}
        </p>
      )}
      <ChangeTable revision={revision} />
      {revision.votesOnRewording && (
        <p className="small">
          <strong>Votes:</strong>{" "}
          {revision.votesOnRewording.choice === "keep"
            ? `the ${votesText(revision.votesOnRewording.votes)} it carried were kept for the new wording.`
            : `the ${votesText(revision.votesOnRewording.votes)} it carried were marked as cast on an earlier wording; each voter was asked to confirm or change theirs.`}
        </p>
      )}
      {revision.reviewNote && (
        <p className="note">
          <strong>{revision.status === "rejected" ? "Rejected because:" : "Reviewer's note:"}</strong>{" "}
          {revision.reviewNote}
        </p>
      )}
      {children}
    </article>
  );
}
