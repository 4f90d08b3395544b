import { describe, expect, it } from "vitest";
import { bm25Index } from "@/scripts/eval/bm25";
import { covers, type GoldPassage, ranksOf, summarize } from "@/scripts/eval/metrics";

const gold = (start: number, end: number, stance: GoldPassage["stance"]): GoldPassage => ({
  occurrences: [{ sourceId: "s", start, end }],
  stance,
  quote: "",
});

describe("evaluation metrics", () => {
  it("counts a sentence holding a quote as finding it, and a neighbour that barely touches it as not", () => {
    expect(covers({ sourceId: "s", start: 0, end: 100 }, { sourceId: "s", start: 10, end: 40 })).toBe(true);
    expect(covers({ sourceId: "s", start: 35, end: 200 }, { sourceId: "s", start: 10, end: 40 })).toBe(false);
    expect(covers({ sourceId: "t", start: 0, end: 100 }, { sourceId: "s", start: 10, end: 40 })).toBe(false);
  });

  it("computes recall per stance, MRR, both sides and stance accuracy", () => {
    const passages = [gold(0, 10, "supports"), gold(20, 30, "contradicts"), gold(40, 50, "contradicts")];
    const ranked = [
      { sourceId: "s", start: 40, end: 50, suggestedStance: "contradicts" as const },
      { sourceId: "s", start: 90, end: 99 },
      { sourceId: "s", start: 0, end: 10, suggestedStance: "contradicts" as const },
    ];
    const ranks = ranksOf(ranked, passages);
    expect(ranks).toEqual([3, null, 1]);
    const summary = summarize([
      {
        claimId: "c",
        gold: passages,
        ranks,
        suggestedStances: ranks.map((rank) => (rank === null ? null : (ranked[rank - 1]!.suggestedStance ?? null))),
        lowOverlap: true,
        millis: 5,
      },
    ]);
    expect(summary.recallAt10).toEqual({ all: 2 / 3, supports: 1, contradicts: 0.5 });
    expect(summary.recallAt5.all).toBeCloseTo(2 / 3);
    expect(summary.mrr).toBe(1);
    expect(summary.bothSidesInTop10).toBe(1);
    expect(summary.lowOverlapContradictingRecallAt10).toBe(0.5);
    expect(summary.stanceAccuracy).toBe(0.5);
  });

  it("finds a repeated quote at any occurrence, and caps recall at k for claims with more passages than k", () => {
    const repeated: GoldPassage = {
      ...gold(0, 10, "supports"),
      occurrences: [
        { sourceId: "s", start: 0, end: 10 },
        { sourceId: "s", start: 60, end: 70 },
      ],
    };
    expect(ranksOf([{ sourceId: "s", start: 60, end: 70 }], [repeated])).toEqual([1]);
    const many = Array.from({ length: 12 }, (_, index) => gold(index * 20, index * 20 + 10, "supports"));
    const ranks = many.map((_, index) => (index < 10 ? index + 1 : null));
    const summary = summarize([
      { claimId: "c", gold: many, ranks, suggestedStances: ranks.map(() => null), lowOverlap: false, millis: 1 },
    ]);
    expect(summary.recallAt10.supports).toBe(1);
    expect(summary.recallAt5.supports).toBe(1);
  });
});

describe("BM25 baseline", () => {
  it("ranks the document with the rarer shared word first and leaves out documents sharing nothing", () => {
    const index = bm25Index([
      { id: "a", text: "Kirov was popular in Leningrad." },
      { id: "b", text: "Nikolaev shot Kirov in the Smolny." },
      { id: "c", text: "The weather was cold." },
      { id: "d", text: "Kirov spoke at the congress." },
    ]);
    const ranked = index.rank("Nikolaev killed Kirov", 10).map((item) => item.id);
    expect(ranked[0]).toBe("b");
    expect(ranked).not.toContain("c");
    expect(ranked.sort()).toEqual(["a", "b", "d"]);
  });
});
