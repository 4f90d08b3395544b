import type { MemberRatingDto } from "@/lib/ratings/queries";

/** Each member's current rating with its reason, newest first (shown to signed-in members). */
export function MemberRatings<G extends string | number>({ ratings }: { ratings: MemberRatingDto<G>[] }) {
  if (ratings.length === 0) return null;
  return (
    <details className="context member-ratings">
      <summary>Each member&apos;s rating and why ({ratings.length})</summary>
      <ul className="small">
        {ratings.map((rating) => (
          <li key={rating.rater.id}>
            <strong>{rating.grade}</strong> ({rating.label}) · {rating.rater.name ?? "A member"}
            {rating.own ? " (you)" : ""} · <time dateTime={rating.ratedAt}>{rating.ratedAt.slice(0, 10)}</time>:{" "}
            {rating.reason}
          </li>
        ))}
      </ul>
    </details>
  );
}
