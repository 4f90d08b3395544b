import { describe, expect, it } from "vitest";
import { bm25Scorer, FUSION_K, reciprocalRankFusion } from "@/lib/search/bm25";

const words = (text: string) => text.split(" ");

describe("BM25", () => {
  const collection = [
    "stalin kirov murder",
    "stalin kirov speech",
    "stalin kirov friends",
    "stalin ordered arrest",
    "kirov murder leningrad",
  ].map(words);

  it("gives a word fewer documents have more weight", () => {
    const score = bm25Scorer(collection, ["stalin", "ordered"]);
    // "ordered" is in one document of five, "stalin" in four.
    expect(score(words("ordered a b"))).toBeGreaterThan(score(words("stalin a b")));
  });

  it("computes the textbook formula with k1 1.2 and b 0.75", () => {
    const score = bm25Scorer(collection, ["murder"]);
    // Two of five documents have "murder"; every document has three words.
    const idf = Math.log(1 + (5 - 2 + 0.5) / (2 + 0.5));
    expect(score(words("kirov murder leningrad"))).toBeCloseTo((idf * 2.2) / (1 + 1.2), 10);
    // Twice in a document twice as long as the average.
    expect(score(words("murder murder a b c d"))).toBeCloseTo((idf * 2 * 2.2) / (2 + 1.2 * (0.25 + 0.75 * 2)), 10);
  });

  it("scores a document outside the collection with the collection's statistics", () => {
    const score = bm25Scorer(collection, ["leningrad"]);
    expect(score(words("leningrad"))).toBeGreaterThan(score(words("kirov murder leningrad")));
  });

  it("gives nothing to a document without the query's words, an empty document or an empty collection", () => {
    expect(bm25Scorer(collection, ["trotsky"])(words("stalin kirov murder"))).toBe(0);
    expect(bm25Scorer(collection, ["stalin"])([])).toBe(0);
    expect(bm25Scorer([], ["stalin"])(words("stalin"))).toBe(0);
    expect(bm25Scorer(collection, [])(words("stalin"))).toBe(0);
  });

  it("counts a word once per document for its document frequency", () => {
    const repeated = bm25Scorer([words("a a a a"), words("b")], ["a", "b"]);
    // Each word is in one document of two: the same weight, whatever the repetitions.
    expect(repeated(words("a"))).toBeCloseTo(repeated(words("b")), 10);
  });
});

describe("reciprocal rank fusion", () => {
  it("sums 1 / (k + rank) over the rankings, ranks counted from 1, k 60 by default", () => {
    const fused = reciprocalRankFusion([
      ["a", "b", "c"],
      ["c", "a"],
    ]);
    expect(FUSION_K).toBe(60);
    expect(fused.get("a")).toBeCloseTo(1 / 61 + 1 / 62, 12);
    expect(fused.get("b")).toBeCloseTo(1 / 62, 12);
    expect(fused.get("c")).toBeCloseTo(1 / 63 + 1 / 61, 12);
    expect(fused.has("d")).toBe(false);
  });

  it("puts what both rankings hold high above what one holds first and the other last", () => {
    const fused = reciprocalRankFusion(
      [
        ["top of one", "high in both", "x", "y", "z", "last of the other"],
        ["last of the other", "high in both", "x", "y", "z", "top of one"],
      ],
      1,
    );
    const order = [...fused].sort((a, b) => b[1] - a[1]).map(([id]) => id);
    expect(order[0]).toBe("high in both");
  });
});
