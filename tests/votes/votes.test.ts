import { beforeEach, describe, expect, it } from "vitest";
import { aggregateVotes, quantile } from "@/lib/votes/aggregate";
import { castVote } from "@/lib/votes/mutations";
import { makeActor, makeClaim } from "../factories";
import { db, resetDatabase, tableSnapshot } from "../helpers";

describe("aggregateVotes", () => {
  it("is empty without votes", () => {
    expect(aggregateVotes([])).toMatchObject({
      count: 0,
      median: null,
      mean: null,
      contested: false,
      histogram: Array(10).fill(0),
    });
  });

  it("computes median, mean, quartiles and a ten-bin histogram", () => {
    const aggregate = aggregateVotes([30, 65, 70, 80, 85, 100]);
    expect(aggregate).toMatchObject({
      count: 6,
      median: 75,
      mean: 71.7,
      q1: 66.3,
      q3: 83.8,
      iqr: 17.5,
      min: 30,
      max: 100,
      contested: false,
    });
    expect(aggregate.histogram).toEqual([0, 0, 0, 1, 0, 0, 1, 1, 2, 1]);
  });

  it("calls widely spread votes contested, but not a narrow spread or too few votes", () => {
    expect(aggregateVotes([5, 10, 90, 95]).contested).toBe(true);
    expect(aggregateVotes([40, 45, 55, 60]).contested).toBe(false);
    expect(aggregateVotes([0, 100]).contested).toBe(false);
    expect(aggregateVotes([60, 70, 80, 100, 100]).contested).toBe(false);
  });

  it("interpolates quantiles between ranks", () => {
    expect(quantile([10, 20, 30, 40], 0.5)).toBe(25);
    expect(quantile([42], 0.75)).toBe(42);
  });
});

describe("castVote", () => {
  beforeEach(resetDatabase);

  it("keeps one current vote per member and claim, and the history of every value", async () => {
    const actor = await makeActor("contributor");
    const claim = await makeClaim();
    await castVote(db(), actor, { claimId: claim.id, value: 40, rationale: "Circumstantial only." });
    await castVote(db(), actor, { claimId: claim.id, value: 75 });
    const votes = await db().confidenceVote.findMany({ where: { claimId: claim.id } });
    expect(votes).toHaveLength(1);
    expect(votes[0]).toMatchObject({ value: 75, rationale: null });
    const history = await db().confidenceVoteHistory.findMany({
      where: { claimId: claim.id },
      orderBy: { castAt: "asc" },
    });
    expect(history.map((entry) => entry.value)).toEqual([40, 75]);
  });

  it.each([
    ["above 100", 101],
    ["below 0", -1],
    ["a fraction", 50.5],
    ["not a number", "70"],
  ])("refuses a value %s and writes nothing", async (_name, value) => {
    const actor = await makeActor("contributor");
    const claim = await makeClaim();
    const before = await tableSnapshot();
    await expect(castVote(db(), actor, { claimId: claim.id, value })).rejects.toMatchObject({
      code: "INVALID",
      field: "value",
    });
    expect(await tableSnapshot()).toEqual(before);
  });

  it("takes votes on published claims only", async () => {
    const actor = await makeActor("moderator");
    const claim = await makeClaim({ status: "pending_review" });
    await expect(castVote(db(), actor, { claimId: claim.id, value: 50 })).rejects.toMatchObject({ code: "CONFLICT" });
  });
});
