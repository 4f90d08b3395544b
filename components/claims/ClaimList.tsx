import Link from "next/link";
import { ContestedBadge, StatusBadge } from "@/components/ui/StatusBadge";
import type { ClaimSummaryDto } from "@/lib/claims/queries";
import { describeSide } from "@/lib/evidence/lines";
import { awaitingText } from "./VoteSummary";

export function ClaimList({ claims }: { claims: ClaimSummaryDto[] }) {
  return (
    <ul className="claim-list">
      {claims.map((claim) => (
        <li key={claim.id} className="card">
          <Link className="statement" href={`/claims/${claim.slug}`}>
            {claim.statement}
          </Link>{" "}
          <StatusBadge status={claim.status} /> <ContestedBadge contested={claim.votes.contested} />
          {claim.people.length > 0 && (
            <ul className="people-list" aria-label="People">
              {claim.people.map((person) => (
                <li key={person.slug}>
                  <Link href={`/people/${person.slug}`}>{person.name}</Link>
                </li>
              ))}
            </ul>
          )}
          <div className="counts">
            {/* Independent lines: passages that derive from one origin count once (decision 0020). */}
            <span className="count-supports">
              {describeSide({ lines: claim.lines.supports, passages: claim.evidenceCounts.supports }, "for")}
            </span>
            <span className="count-contradicts">
              {describeSide({ lines: claim.lines.contradicts, passages: claim.evidenceCounts.contradicts }, "against")}
            </span>
            <span>{claim.evidenceCounts.context} context</span>
            <span>
              {claim.votes.count === 0
                ? claim.votes.awaitingConfirmation > 0
                  ? "no votes on the current wording yet"
                  : "no votes yet"
                : claim.votes.figuresHidden
                  ? `${claim.votes.count} vote${claim.votes.count === 1 ? "" : "s"}; vote to see the team's figures`
                  : `median confidence ${claim.votes.median}% (${claim.votes.count} vote${claim.votes.count === 1 ? "" : "s"})`}
            </span>
            {claim.votes.awaitingConfirmation > 0 && <span>{awaitingText(claim.votes.awaitingConfirmation)}</span>}
          </div>
        </li>
      ))}
    </ul>
  );
}
