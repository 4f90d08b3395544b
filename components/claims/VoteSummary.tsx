import { ContestedBadge } from "@/components/ui/StatusBadge";
import { VoteHistogram } from "@/components/votes/VoteHistogram";
import { VoteReasons } from "@/components/votes/VoteReasons";
import { VoteTimeline } from "@/components/votes/VoteTimeline";
import { VoteVerdict } from "@/components/votes/VoteVerdict";
import type { VoteAggregate } from "@/lib/votes/aggregate";
import type { TimelinePoint, VoteReasonsDto } from "@/lib/votes/queries";
import type { Verdict } from "@/lib/votes/verdict";

const votesText = (count: number) => `${count} vote${count === 1 ? "" : "s"}`;

/** Votes cast on an earlier wording count in no figure; they are named beside the count wherever it appears. */
export function awaitingText(awaiting: number | undefined): string {
  if (!awaiting) return "";
  return `${votesText(awaiting)} on an earlier wording ${awaiting === 1 ? "awaits" : "await"} confirmation`;
}

export function VoteSummary({
  votes,
  verdict = null,
  ownVote,
  timeline = [],
  reasons = null,
  hiddenReason,
}: {
  votes: VoteAggregate & { figuresHidden?: boolean; awaitingConfirmation?: number };
  /** lib/votes/verdict.ts deriveVerdict: null when the reader may not see the figures. */
  verdict?: Verdict | null;
  ownVote?: number | null;
  timeline?: TimelinePoint[];
  /** lib/votes/queries.ts listVoteReasons: null when the reader may not see them. */
  reasons?: VoteReasonsDto | null;
  /** Shown instead of the figures when lib withheld them (votes.figuresHidden). */
  hiddenReason?: string;
}) {
  const awaiting = awaitingText(votes.awaitingConfirmation);
  if (votes.count === 0) {
    return (
      <p className="empty">
        {awaiting ? `Nobody has voted on the current wording yet; ${awaiting}.` : "Nobody has voted on this claim yet."}
      </p>
    );
  }
  if (votes.figuresHidden) {
    return (
      <p className="muted">
        {hiddenReason ?? "Vote to see the team's figures."} ({votesText(votes.count)} so far
        {awaiting ? `; ${awaiting}` : ""}.)
      </p>
    );
  }
  const ownBin = ownVote === null || ownVote === undefined ? -1 : Math.min(9, Math.floor(ownVote / 10));
  return (
    <>
      {verdict && <VoteVerdict verdict={verdict} />}
      <div className="votes card">
        <dl className="vote-figures">
          <dt>Votes</dt>
          <dd>
            {votes.count} (each member&apos;s latest){awaiting ? `; ${awaiting}` : ""}
          </dd>
          <dt>Median</dt>
          <dd>{votes.median}%</dd>
          <dt>Mean</dt>
          <dd>{votes.mean}%</dd>
          {votes.pooled !== null && (
            <>
              <dt>Pooled estimate</dt>
              <dd>
                {votes.pooled}%{" "}
                <span className="small muted">
                  (the geometric mean of the votes&apos; odds, as forecasters pool; 0 and 100 % count as 1 and 99 %)
                </span>
              </dd>
            </>
          )}
          <dt>Middle half</dt>
          <dd>
            {votes.q1}–{votes.q3}% (IQR {votes.iqr})
          </dd>
          <dt>Spread</dt>
          <dd>{votes.contested ? <ContestedBadge contested /> : "not contested"}</dd>
          {ownVote !== null && ownVote !== undefined && (
            <>
              <dt>Your vote</dt>
              <dd>
                {ownVote}% (
                {ownVote === votes.median
                  ? "the team median"
                  : `${Math.abs(ownVote - votes.median!).toFixed(0)} points ${ownVote > votes.median! ? "above" : "below"} the median`}
                )
              </dd>
            </>
          )}
        </dl>
        <div>
          <VoteHistogram histogram={votes.histogram} count={votes.count} ownBin={ownBin} />
          <VoteTimeline points={timeline} />
        </div>
      </div>
      {reasons && <VoteReasons reasons={reasons} />}
    </>
  );
}
