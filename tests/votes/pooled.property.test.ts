// The pooled estimate (issue 14: "roll-ups that behave"): the geometric mean of odds stays
// between the votes, moves toward a new vote, treats "true" and "false" alike, and is not
// decided by one vote of 0 or 100 %.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { aggregateVotes, POOLED_FLOOR, pooledEstimate } from "@/lib/votes/aggregate";
import { PROPERTY_RUNS } from "../hostile-text";

const vote = fc.integer({ min: 0, max: 100 });
const votes = fc.array(vote, { minLength: 1, maxLength: 40 });
const clamp = (value: number) => Math.min(100 - POOLED_FLOOR, Math.max(POOLED_FLOOR, value));
// Rounded to one decimal: comparisons allow that much.
const EPSILON = 0.051;

describe("pooledEstimate", () => {
  it("is null without votes, and the value itself when everyone agrees", () => {
    expect(pooledEstimate([])).toBeNull();
    expect(aggregateVotes([]).pooled).toBeNull();
    expect(pooledEstimate([80, 80, 80])).toBe(80);
    expect(pooledEstimate([50])).toBe(50);
    // Confident votes on one side are not averaged toward 50 % as the mean would: 90 and 99 pool above 95.
    expect(pooledEstimate([90, 99])).toBeGreaterThan(95);
    expect(pooledEstimate([0, 100])).toBe(50);
  });

  it("lies between the lowest and the highest vote (as clamped)", () => {
    fc.assert(
      fc.property(votes, (values) => {
        const pooled = pooledEstimate(values)!;
        expect(pooled).toBeGreaterThanOrEqual(Math.min(...values.map(clamp)) - EPSILON);
        expect(pooled).toBeLessThanOrEqual(Math.max(...values.map(clamp)) + EPSILON);
      }),
      { numRuns: PROPERTY_RUNS },
    );
  });

  it("moves toward a new vote, or stays", () => {
    fc.assert(
      fc.property(votes, vote, (values, added) => {
        const before = pooledEstimate(values)!;
        const after = pooledEstimate([...values, added])!;
        if (clamp(added) >= before) expect(after).toBeGreaterThanOrEqual(before - EPSILON);
        if (clamp(added) <= before) expect(after).toBeLessThanOrEqual(before + EPSILON);
      }),
      { numRuns: PROPERTY_RUNS },
    );
  });

  it("is symmetric: voting 100 - v everywhere gives 100 - the estimate", () => {
    fc.assert(
      fc.property(votes, (values) => {
        const mirrored = pooledEstimate(values.map((value) => 100 - value))!;
        expect(mirrored).toBeCloseTo(100 - pooledEstimate(values)!, 0);
      }),
      { numRuns: PROPERTY_RUNS },
    );
  });

  it("does not depend on the order of the votes", () => {
    fc.assert(
      fc.property(votes, (values) => {
        // Summed in another order the logarithms may differ in the last bit, and so the rounding.
        expect(Math.abs(pooledEstimate([...values].reverse())! - pooledEstimate(values)!)).toBeLessThanOrEqual(0.1);
      }),
      { numRuns: PROPERTY_RUNS },
    );
  });
});
