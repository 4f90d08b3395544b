import type { FormState } from "@/lib/forms/state";
import type { ClaimEvidenceRatingsDto } from "@/lib/ratings/queries";
import { CREDIBILITY } from "@/lib/ratings/scale";
import { RatingForm } from "./RatingForm";
import { TeamRatingSummary } from "./TeamRatingSummary";

type FormAction = (state: FormState, formData: FormData) => Promise<FormState>;

/** A piece of evidence's credibility (team rating and spread) and, for members who may rate, their own. */
export function CredibilityRating({
  rating,
  rate,
  withdraw,
}: {
  /** Absent: nobody has rated it (or it is not on the claim's current evidence). */
  rating: ClaimEvidenceRatingsDto["byEvidence"][string] | undefined;
  /** null: the reader may not rate. */
  rate: FormAction | null;
  withdraw: FormAction;
}) {
  const own = rating?.own ?? null;
  return (
    <div className="credibility small">
      <span className="muted">Credibility: </span>
      {rating ? (
        <TeamRatingSummary scale={CREDIBILITY} team={rating.team} />
      ) : (
        <span className="muted">Not rated yet.</span>
      )}
      {rate && <RatingForm scale={CREDIBILITY} own={own} rate={rate} withdraw={withdraw} />}
    </div>
  );
}
