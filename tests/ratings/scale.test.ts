// The team's rating from members' grades, and the weights a roll-up reads: pure, table-tested.
import { describe, expect, it } from "vitest";
import {
  CREDIBILITY,
  type CredibilityGrade,
  NEUTRAL_WEIGHT,
  RELIABILITY,
  type ReliabilityGrade,
  teamRating,
} from "@/lib/ratings/scale";

describe("the weight of each grade", () => {
  it.each([
    ["A", 0.9],
    ["B", 0.7],
    ["C", 0.5],
    ["D", 0.3],
    ["E", 0.1],
    ["F", NEUTRAL_WEIGHT],
  ] as const)("reliability %s weighs %d", (grade, weight) => {
    expect(RELIABILITY.weights[grade]).toBe(weight);
  });

  it.each([
    [1, 0.9],
    [2, 0.7],
    [3, 0.5],
    [4, 0.3],
    [5, 0.1],
    [6, NEUTRAL_WEIGHT],
  ] as const)("credibility %d weighs %d", (grade, weight) => {
    expect(CREDIBILITY.weights[grade]).toBe(weight);
  });

  it("falls from the best grade to the worst, inside (0, 1), with 'cannot be judged' neutral", () => {
    for (const scale of [RELIABILITY, CREDIBILITY] as const) {
      const judged = (scale.grades as readonly (string | number)[]).filter((grade) => grade !== scale.cannotJudge);
      const weights = judged.map((grade) => (scale.weights as Record<string | number, number>)[grade]!);
      expect(weights).toEqual([...weights].sort((a, b) => b - a));
      for (const weight of weights) expect(weight > 0 && weight < 1).toBe(true);
      expect((scale.weights as Record<string | number, number>)[scale.cannotJudge]).toBe(NEUTRAL_WEIGHT);
      expect(Object.keys(scale.labels)).toHaveLength(6);
    }
  });
});

type ReliabilityCase = {
  grades: ReliabilityGrade[];
  grade: ReliabilityGrade | null;
  weight: number;
  judged: number;
  cannotJudge: number;
  spread: { best: ReliabilityGrade; worst: ReliabilityGrade } | null;
};

describe("the team's reliability rating", () => {
  // biome-ignore format: the table reads better aligned
  const CASES: [string, ReliabilityCase][] = [
    ["nobody rated",                       { grades: [],                   grade: null, weight: 0.5, judged: 0, cannotJudge: 0, spread: null }],
    ["one rating",                         { grades: ["B"],                grade: "B",  weight: 0.7, judged: 1, cannotJudge: 0, spread: { best: "B", worst: "B" } }],
    ["an odd number: the middle one",      { grades: ["C", "A", "B"],      grade: "B",  weight: 0.7, judged: 3, cannotJudge: 0, spread: { best: "A", worst: "C" } }],
    ["an even number: the less favourable middle", { grades: ["A", "C"],   grade: "C",  weight: 0.5, judged: 2, cannotJudge: 0, spread: { best: "A", worst: "C" } }],
    ["four ratings",                       { grades: ["D", "A", "B", "C"], grade: "C",  weight: 0.5, judged: 4, cannotJudge: 0, spread: { best: "A", worst: "D" } }],
    ["F is counted, not in the median",    { grades: ["A", "F"],           grade: "A",  weight: 0.9, judged: 1, cannotJudge: 1, spread: { best: "A", worst: "A" } }],
    ["F does not pull the median down",    { grades: ["B", "F", "F", "B", "F"], grade: "B", weight: 0.7, judged: 2, cannotJudge: 3, spread: { best: "B", worst: "B" } }],
    ["every rating F: F, neutral",         { grades: ["F", "F"],           grade: "F",  weight: 0.5, judged: 0, cannotJudge: 2, spread: null }],
    ["agreement on E",                     { grades: ["E", "E", "A", "F"], grade: "E",  weight: 0.1, judged: 3, cannotJudge: 1, spread: { best: "A", worst: "E" } }],
  ];

  it.each(CASES)("%s", (_name, expected) => {
    const team = teamRating(RELIABILITY, expected.grades);
    expect(team).toMatchObject({
      grade: expected.grade,
      weight: expected.weight,
      count: expected.grades.length,
      judged: expected.judged,
      cannotJudge: expected.cannotJudge,
      spread: expected.spread,
    });
    expect(team.distribution.map((entry) => entry.grade)).toEqual(["A", "B", "C", "D", "E", "F"]);
    for (const entry of team.distribution) {
      expect(entry.count).toBe(expected.grades.filter((grade) => grade === entry.grade).length);
    }
  });

  it("does not depend on the order the ratings come in", () => {
    const grades: ReliabilityGrade[] = ["D", "B", "F", "A", "E", "C", "B"];
    const team = teamRating(RELIABILITY, grades);
    expect(teamRating(RELIABILITY, [...grades].reverse())).toEqual(team);
    expect(teamRating(RELIABILITY, [...grades].sort())).toEqual(team);
    expect(team.grade).toBe("C");
  });
});

describe("the team's credibility rating", () => {
  // biome-ignore format: the table reads better aligned
  const CASES: [CredibilityGrade[], CredibilityGrade | null, number, number][] = [
    // grades             team  weight cannot judge
    [[],                  null, 0.5,   0],
    [[1, 2, 6],           2,    0.7,   1],
    [[6],                 6,    0.5,   1],
    [[5, 5, 1],           5,    0.1,   0],
    [[3, 1],              3,    0.5,   0],
    [[4, 2, 6, 6, 1],     2,    0.7,   2],
  ];

  it.each(CASES)("%j → %s (weight %d)", (grades, grade, weight, cannotJudge) => {
    const team = teamRating(CREDIBILITY, grades);
    expect(team).toMatchObject({ grade, weight, cannotJudge, count: grades.length });
    expect(team.distribution.reduce((sum, entry) => sum + entry.count, 0)).toBe(grades.length);
  });
});
