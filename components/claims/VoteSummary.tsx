// biome-ignore-all lint/suspicious/noArrayIndexKey: histogram bins and timeline points are positions on a fixed axis; the index is the identity
import { ContestedBadge } from "@/components/ui/StatusBadge";
import type { VoteAggregate } from "@/lib/votes/aggregate";
import type { TimelinePoint } from "@/lib/votes/queries";

function Timeline({ points }: { points: TimelinePoint[] }) {
  if (points.length < 2) return null;
  const width = 320;
  const height = 90;
  const x = (index: number) => (index / (points.length - 1)) * (width - 20) + 10;
  const y = (median: number) => height - 10 - (median / 100) * (height - 20);
  const path = points.map((point, index) => `${x(index)},${y(point.median)}`).join(" ");
  const first = points[0]!;
  const last = points[points.length - 1]!;
  return (
    <figure className="timeline">
      <svg
        viewBox={`0 0 ${width} ${height}`}
        role="img"
        aria-label={`Team median moved from ${first.median}% to ${last.median}% over ${points.length} votes`}
      >
        <line x1="10" x2={width - 10} y1={y(50)} y2={y(50)} className="axis" />
        <polyline points={path} className="line" />
        {points.map((point, index) => (
          <circle key={index} cx={x(index)} cy={y(point.median)} r="3" className="dot">
            <title>{`${point.at.slice(0, 16).replace("T", " ")}: median ${point.median}% of ${point.count} vote(s)`}</title>
          </circle>
        ))}
      </svg>
      <figcaption className="small muted">
        Median over time: {first.median}% → {last.median}% ({points.length} votes cast)
      </figcaption>
    </figure>
  );
}

export function VoteSummary({
  votes,
  ownVote,
  timeline = [],
  hiddenReason,
}: {
  votes: VoteAggregate & { figuresHidden?: boolean };
  ownVote?: number | null;
  timeline?: TimelinePoint[];
  /** Shown instead of the figures when lib withheld them (votes.figuresHidden). */
  hiddenReason?: string;
}) {
  if (votes.count === 0) {
    return <p className="empty">Nobody has voted on this claim yet.</p>;
  }
  if (votes.figuresHidden) {
    return (
      <p className="muted">
        {hiddenReason ?? "Vote to see the team's figures."} ({votes.count} vote{votes.count === 1 ? "" : "s"} so far.)
      </p>
    );
  }
  const tallest = Math.max(...votes.histogram, 1);
  const ownBin = ownVote === null || ownVote === undefined ? -1 : Math.min(9, Math.floor(ownVote / 10));
  return (
    <div className="votes card">
      <dl className="vote-figures">
        <dt>Median</dt>
        <dd>{votes.median}%</dd>
        <dt>Mean</dt>
        <dd>{votes.mean}%</dd>
        <dt>Middle half</dt>
        <dd>
          {votes.q1}–{votes.q3}% (IQR {votes.iqr})
        </dd>
        <dt>Votes</dt>
        <dd>{votes.count}</dd>
        <dt>Spread</dt>
        <dd>{votes.contested ? <ContestedBadge contested /> : "consistent"}</dd>
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
        <figure style={{ margin: 0 }}>
          <div
            className="histogram"
            role="img"
            aria-label={`Histogram of ${votes.count} confidence votes: ${votes.histogram.map((count, index) => `${count} at ${index * 10}–${index === 9 ? 100 : index * 10 + 9}%`).join(", ")}`}
          >
            {votes.histogram.map((count, index) => (
              <div
                key={index}
                className={`bar${index === ownBin ? " own" : ""}`}
                style={{ height: `${(count / tallest) * 100}%` }}
                title={`${index * 10}–${index === 9 ? 100 : index * 10 + 9}%: ${count}${index === ownBin ? " (yours among them)" : ""}`}
              />
            ))}
          </div>
          <div className="histogram-axis" aria-hidden="true">
            <span>0% (false)</span>
            <span>50%</span>
            <span>100% (true)</span>
          </div>
          <figcaption className="small muted">
            Confidence that the claim is true, one vote per member{ownBin >= 0 ? "; your bar is darker" : ""}.
          </figcaption>
        </figure>
        <Timeline points={timeline} />
      </div>
    </div>
  );
}
