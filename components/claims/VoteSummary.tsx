import type { VoteAggregate } from "@/lib/votes/aggregate";
import { ContestedBadge } from "@/components/ui/StatusBadge";

export function VoteSummary({ votes }: { votes: VoteAggregate }) {
  if (votes.count === 0) {
    return <p className="empty">Nobody has voted on this claim yet.</p>;
  }
  const tallest = Math.max(...votes.histogram, 1);
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
      </dl>
      <figure style={{ margin: 0 }}>
        <div className="histogram" role="img" aria-label={`Histogram of ${votes.count} confidence votes`}>
          {votes.histogram.map((count, index) => (
            <div
              key={index}
              className="bar"
              style={{ height: `${(count / tallest) * 100}%` }}
              title={`${index * 10}–${index === 9 ? 100 : index * 10 + 9}%: ${count}`}
            />
          ))}
        </div>
        <div className="histogram-axis" aria-hidden="true">
          <span>0% (false)</span>
          <span>50%</span>
          <span>100% (true)</span>
        </div>
        <figcaption className="small muted">Confidence that the claim is true, one vote per member.</figcaption>
      </figure>
    </div>
  );
}
