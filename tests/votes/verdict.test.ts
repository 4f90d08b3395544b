import { describe, expect, it } from "vitest";
import { claimRating } from "@/lib/claimreview/rating";
import { aggregateVotes, countOnly } from "@/lib/votes/aggregate";
import { CONFIDENCE_EXPLANATION, deriveVerdict, MIN_VOTES_FOR_VERDICT, VERDICT_RULES } from "@/lib/votes/verdict";

const visible = (values: number[]) => ({ ...aggregateVotes(values), figuresHidden: false });
const five = (value: number) => visible(Array(5).fill(value));

describe("deriveVerdict", () => {
  it("gives no verdict to a reader who may not see the figures, however many votes there are", () => {
    expect(deriveVerdict({ ...countOnly(12, []), figuresHidden: true })).toBeNull();
    expect(deriveVerdict({ ...aggregateVotes([80, 80, 80, 80, 80, 80]), figuresHidden: true })).toBeNull();
  });

  it.each([
    [[], "0 of 5 needed"],
    [[80, 80], "2 of 5 needed"],
    [[80, 80, 80, 80], "4 of 5 needed"],
  ])("says %j are too few votes to judge, and how many are needed", (values, figures) => {
    expect(MIN_VOTES_FOR_VERDICT).toBe(5);
    expect(deriveVerdict(visible(values))).toMatchObject({
      label: "Too few votes to judge",
      tone: "insufficient",
      figures,
    });
  });

  it("judges from the fifth vote", () => {
    expect(deriveVerdict(five(80))).toMatchObject({
      label: "Likely true",
      tone: "true",
      figures: "median 80%, 5 votes, little disagreement (middle half 80–80%)",
      rule: "Called likely true because the median is above 66% and at most 90%, and the team is not divided.",
      explanation: CONFIDENCE_EXPLANATION,
      rules: VERDICT_RULES,
    });
  });

  it.each([
    [0, "Very likely false", "false"],
    [9, "Very likely false", "false"],
    [10, "Likely false", "false"],
    [32, "Likely false", "false"],
    [33, "Uncertain", "uncertain"],
    [50, "Uncertain", "uncertain"],
    [66, "Uncertain", "uncertain"],
    [67, "Likely true", "true"],
    [90, "Likely true", "true"],
    [91, "Very likely true", "true"],
    [100, "Very likely true", "true"],
  ])("names a median of %i%% %s", (median, label, tone) => {
    expect(deriveVerdict(five(median))).toMatchObject({ label, tone });
  });

  it("reads a median between two votes as it is, not rounded into the next band", () => {
    // Six votes: the median 66.5 is above 66.
    expect(deriveVerdict(visible([66, 66, 66, 67, 67, 67]))).toMatchObject({ label: "Likely true" });
    expect(deriveVerdict(visible([32, 32, 32, 33, 33, 33]))).toMatchObject({ label: "Likely false" });
  });

  it("calls a divided team contested whatever its median", () => {
    expect(deriveVerdict(visible([5, 10, 50, 90, 95]))).toMatchObject({
      label: "Contested",
      tone: "contested",
      figures: "median 50%, 5 votes, the team is divided (middle half 10–90%)",
      rule: "Called contested because the middle half of the votes spans 80 points (40 or more), with votes on both sides of 50%.",
    });
    // The median alone (10%) would say "likely false".
    expect(deriveVerdict(visible([0, 5, 10, 90, 100]))).toMatchObject({ label: "Contested" });
  });

  it("describes the spread in words, and wide spread on one side of 50% is not contested", () => {
    expect(deriveVerdict(visible([70, 75, 80, 85, 90]))!.figures).toContain("little disagreement");
    expect(deriveVerdict(visible([60, 70, 80, 95, 100]))!.figures).toContain("some disagreement");
    const oneSided = deriveVerdict(visible([51, 52, 60, 95, 100, 100]))!;
    expect(oneSided).toMatchObject({ label: "Likely true", tone: "true" });
    expect(oneSided.figures).toContain("wide disagreement");
  });

  it("names a claim as the ClaimReview rating does, once there are enough votes for a verdict", () => {
    for (let median = 0; median <= 100; median++) {
      const votes = five(median);
      expect(deriveVerdict(votes)!.label, `median ${median}`).toBe(claimRating(votes).alternateName);
    }
    const divided = visible([5, 10, 50, 90, 95]);
    expect(deriveVerdict(divided)!.label).toBe(claimRating(divided).alternateName);
  });
});
