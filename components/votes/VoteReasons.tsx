import type { VoteReasonsDto } from "@/lib/votes/queries";

/** The reasons members gave with their votes, each beside the voter's name and value, newest first. */
export function VoteReasons({ reasons }: { reasons: VoteReasonsDto }) {
  return (
    <section className="vote-reasons" aria-label="Reasons given with votes">
      <h3>Why members voted as they did ({reasons.total})</h3>
      {reasons.total === 0 ? (
        <p className="empty">No member has given a reason with their vote yet.</p>
      ) : (
        <ol>
          {reasons.items.map((item) => (
            <li key={item.voter.id}>
              <p className="small muted">
                <span className="vote-reason-value">{item.value}%</span> · {item.voter.name ?? "A member"}
                {item.own ? " (you)" : ""} · <time dateTime={item.givenAt}>{item.givenAt.slice(0, 10)}</time>
              </p>
              <p className="vote-reason-text">{item.reason}</p>
            </li>
          ))}
        </ol>
      )}
      {reasons.total > reasons.items.length && (
        <p className="small muted">
          The {reasons.items.length} newest of {reasons.total} reasons.
        </p>
      )}
    </section>
  );
}
