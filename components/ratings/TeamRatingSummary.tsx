import type { Scale, TeamRating } from "@/lib/ratings/scale";

const plural = (count: number, word: string) => `${count} ${word}${count === 1 ? "" : "s"}`;

/**
 * The team's rating of a source or a piece of evidence: the median grade with its label, how many
 * members rated, how far apart they are, and how many could not judge.
 */
export function TeamRatingSummary<G extends string | number>({
  scale,
  team,
}: {
  scale: Scale<G>;
  team: TeamRating<G>;
}) {
  if (team.grade === null) return <span className="muted">Not rated yet.</span>;
  const given = team.distribution.filter((entry) => entry.count > 0);
  const spread = team.spread && team.spread.best !== team.spread.worst ? team.spread : null;
  return (
    <span className="team-rating">
      <strong className="badge" title={`Weighs ${team.weight} in roll-ups`}>
        {team.grade}
      </strong>{" "}
      {scale.labels[team.grade]}{" "}
      <span className="small muted">
        {team.judged === 0
          ? `(${team.count === 1 ? "the one rating says so" : `all ${team.count} ratings say so`})`
          : `(team median of ${plural(team.judged, "rating")}${spread ? `, spread ${spread.best}–${spread.worst}` : ""}${
              team.cannotJudge > 0 ? `; ${team.cannotJudge} cannot judge` : ""
            }: ${given.map((entry) => `${entry.grade}×${entry.count}`).join(" · ")})`}
      </span>
    </span>
  );
}
