import { MemberRatings } from "@/components/ratings/MemberRatings";
import { RatingForm } from "@/components/ratings/RatingForm";
import { TeamRatingSummary } from "@/components/ratings/TeamRatingSummary";
import { getRequestActor } from "@/lib/auth/actor";
import { getDb } from "@/lib/db";
import { getSourceRatings } from "@/lib/ratings/queries";
import { RELIABILITY } from "@/lib/ratings/scale";
import { rateSourceAction, withdrawSourceRatingAction } from "./actions";

/**
 * The "Reliability" entry of the source page's details (inside its <dl>): the team's rating with
 * its spread, each member's with the reason (members), and the reader's own rating form. It reads
 * its own data so that the page's loading stays as it is.
 */
export async function SourceReliability({ sourceId }: { sourceId: string }) {
  const ratings = await getSourceRatings(getDb(), await getRequestActor(), { sourceId });
  return (
    <>
      <dt>Reliability</dt>
      <dd>
        <TeamRatingSummary scale={RELIABILITY} team={ratings.team} />
        {ratings.ratings && <MemberRatings ratings={ratings.ratings} />}
        {ratings.canRate && (
          <RatingForm
            scale={RELIABILITY}
            own={ratings.own}
            rate={rateSourceAction.bind(null, sourceId)}
            withdraw={withdrawSourceRatingAction.bind(null, sourceId)}
          />
        )}
      </dd>
    </>
  );
}
