// The question matrix's roll-up (issue 14: "roll-ups that behave"): evidence with no weight changes
// nothing, evidence against a claim never helps it, one origin counts once, and the lines said to
// change the ranking are exactly those that do.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { analyseMatrix, cellKey, MARKS, type Mark, type MatrixColumn, type MatrixInput } from "@/lib/questions/matrix";
import { PROPERTY_RUNS } from "../hostile-text";

const mark = fc.constantFrom(...MARKS);

/** A matrix of 2–5 claims, 1–10 columns on up to 4 lines, 0–4 members with some cells marked. */
const matrix = fc
  .record({
    claimCount: fc.integer({ min: 2, max: 5 }),
    columns: fc.array(
      fc.record({ weight: fc.double({ min: 0, max: 1, noNaN: true }), line: fc.integer({ min: 0, max: 3 }) }),
      { minLength: 1, maxLength: 10 },
    ),
    memberCount: fc.integer({ min: 0, max: 4 }),
    seed: fc.array(mark, { minLength: 200, maxLength: 200 }),
    gaps: fc.array(fc.boolean(), { minLength: 200, maxLength: 200 }),
  })
  .map(({ claimCount, columns, memberCount, seed, gaps }): MatrixInput => {
    const claims = Array.from({ length: claimCount }, (_, index) => ({ id: `c${index}` }));
    const matrixColumns: MatrixColumn[] = columns.map((column, index) => ({
      key: `e${index}`,
      weight: column.weight,
      line: `line${column.line}`,
    }));
    const defaults = new Map<string, Mark>();
    let at = 0;
    for (const claim of claims)
      for (const column of matrixColumns) defaults.set(cellKey(claim.id, column.key), seed[at++ % seed.length]!);
    const marks = new Map<string, Map<string, Mark>>();
    for (let member = 0; member < memberCount; member++) {
      const own = new Map<string, Mark>();
      for (const claim of claims)
        for (const column of matrixColumns) {
          at++;
          if (gaps[at % gaps.length]) own.set(cellKey(claim.id, column.key), seed[(at * 7) % seed.length]!);
        }
      marks.set(`m${member}`, own);
    }
    return {
      claims,
      columns: matrixColumns,
      defaultMark: (claimId, columnKey) => defaults.get(cellKey(claimId, columnKey)) ?? "neutral",
      marks,
    };
  });

const inconsistencyOf = (input: MatrixInput) =>
  new Map(analyseMatrix(input).ranking.map((standing) => [standing.claimId, standing.inconsistency]));
const rankOf = (input: MatrixInput) =>
  new Map(analyseMatrix(input).ranking.map((standing) => [standing.claimId, standing.rank]));

/** The input with one more column, on its own line, whose every cell takes `markFor(claimId)` by default. */
function withColumn(
  input: MatrixInput,
  weight: number,
  markFor: (claimId: string) => Mark,
  line = "added",
): MatrixInput {
  return {
    ...input,
    columns: [...input.columns, { key: "added", weight, line }],
    defaultMark: (claimId, columnKey) =>
      columnKey === "added" ? markFor(claimId) : input.defaultMark(claimId, columnKey),
  };
}

describe("analyseMatrix", () => {
  it("ranks by weighted inconsistency, counts a line of evidence once, and names what would change the ranking", () => {
    const input: MatrixInput = {
      claims: [{ id: "ordered" }, { id: "alone" }],
      columns: [
        // One independent court finding against "ordered".
        { key: "court", weight: 0.9, line: "court" },
        // Three retellings of one witness against "alone".
        { key: "orlov1", weight: 0.9, line: "orlov" },
        { key: "orlov2", weight: 0.9, line: "orlov" },
        { key: "orlov3", weight: 0.7, line: "orlov" },
        // A weak blog against "alone".
        { key: "blog", weight: 0.1, line: "blog" },
      ],
      defaultMark: (claimId, columnKey) =>
        columnKey === "court"
          ? claimId === "ordered"
            ? "inconsistent"
            : "consistent"
          : claimId === "alone"
            ? "inconsistent"
            : "consistent",
      marks: new Map(),
    };
    const result = analyseMatrix(input);
    expect(result.ranking.map((standing) => [standing.claimId, Number(standing.inconsistency.toFixed(2))])).toEqual([
      ["ordered", 0.9],
      ["alone", 1],
    ]);
    // Orlov's three passages are one line: 0.9, not 2.5.
    expect(result.ranking[1]!.inconsistency).toBeCloseTo(1.0);
    expect(result.diagnostic[0]).toEqual({ columnKey: "court", spread: 0.9 });
    // Discrediting Orlov's account puts "alone" first; discrediting the blog leaves the two tied.
    // Discrediting the court finding only strengthens the leader: it changes nothing.
    expect(result.pivotal.map((item) => [item.line, item.leaderChanges])).toEqual([
      ["blog", true],
      ["orlov", true],
    ]);

    // Members' marks outvote the default; a split cell goes to neutral and shows its disagreement.
    const marked = analyseMatrix({
      ...input,
      marks: new Map([
        ["ann", new Map<string, Mark>([[cellKey("ordered", "court"), "neutral"]])],
        ["bob", new Map<string, Mark>([[cellKey("ordered", "court"), "neutral"]])],
        ["cy", new Map<string, Mark>([[cellKey("ordered", "blog"), "inconsistent"]])],
      ]),
    });
    const court = marked.cells.find((cell) => cell.claimId === "ordered" && cell.columnKey === "court")!;
    expect(court).toMatchObject({
      consensus: "neutral",
      marked: true,
      counts: { consistent: 0, inconsistent: 1, neutral: 2 },
    });
    expect(court.disagreement).toBeCloseTo(1 / 3);
    const split = analyseMatrix({
      ...input,
      marks: new Map([
        ["ann", new Map<string, Mark>([[cellKey("alone", "blog"), "consistent"]])],
        ["bob", new Map<string, Mark>([[cellKey("alone", "blog"), "neutral"]])],
      ]),
    }).cells.find((cell) => cell.claimId === "alone" && cell.columnKey === "blog")!;
    expect(split).toMatchObject({ consensus: "neutral", disagreement: 0.5 });
  });

  it("changes nothing for a piece of evidence with no weight", () => {
    fc.assert(
      fc.property(matrix, fc.array(mark, { minLength: 5, maxLength: 5 }), (input, added) => {
        const before = inconsistencyOf(input);
        const after = inconsistencyOf(withColumn(input, 0, (claimId) => added[Number(claimId.slice(1))]!));
        for (const [claimId, value] of before) expect(after.get(claimId)).toBeCloseTo(value, 9);
      }),
      { numRuns: PROPERTY_RUNS },
    );
  });

  it("never ranks a claim higher for evidence inconsistent with it, nor lower for evidence consistent with it", () => {
    fc.assert(
      fc.property(matrix, fc.double({ min: 0, max: 1, noNaN: true }), fc.nat(), (input, weight, pick) => {
        const target = input.claims[pick % input.claims.length]!.id;
        const before = inconsistencyOf(input);
        const rankBefore = rankOf(input);
        const against = withColumn(input, weight, (claimId) => (claimId === target ? "inconsistent" : "neutral"));
        const afterAgainst = inconsistencyOf(against);
        expect(afterAgainst.get(target)!).toBeGreaterThanOrEqual(before.get(target)! - 1e-9);
        expect(rankOf(against).get(target)!).toBeGreaterThanOrEqual(rankBefore.get(target)!);
        const towards = withColumn(input, weight, (claimId) => (claimId === target ? "consistent" : "neutral"));
        expect(rankOf(towards).get(target)!).toBeLessThanOrEqual(rankBefore.get(target)!);
      }),
      { numRuns: PROPERTY_RUNS },
    );
  });

  it("never raises a claim's inconsistency when passages are regrouped under one origin", () => {
    fc.assert(
      fc.property(matrix, fc.integer({ min: 0, max: 3 }), fc.integer({ min: 0, max: 3 }), (input, from, into) => {
        const before = inconsistencyOf(input);
        const regrouped = inconsistencyOf({
          ...input,
          columns: input.columns.map((column) =>
            column.line === `line${from}` ? { ...column, line: `line${into}` } : column,
          ),
        });
        for (const [claimId, value] of before) expect(regrouped.get(claimId)!).toBeLessThanOrEqual(value + 1e-9);
      }),
      { numRuns: PROPERTY_RUNS },
    );
  });

  it("does not let many pieces of one origin outweigh one independent piece at least as strong", () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0.05, max: 1, noNaN: true }),
        fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 1, maxLength: 30 }),
        (decisive, fractions) => {
          const columns: MatrixColumn[] = [
            { key: "decisive", weight: decisive, line: "independent" },
            ...fractions.map((fraction, index) => ({
              key: `copy${index}`,
              weight: decisive * fraction,
              line: "one origin",
            })),
          ];
          const result = analyseMatrix({
            claims: [{ id: "a" }, { id: "b" }],
            columns,
            defaultMark: (claimId, columnKey) =>
              (columnKey === "decisive") === (claimId === "a") ? "inconsistent" : "neutral",
            marks: new Map(),
          });
          const standing = new Map(result.ranking.map((item) => [item.claimId, item]));
          expect(standing.get("b")!.inconsistency).toBeLessThanOrEqual(standing.get("a")!.inconsistency + 1e-9);
          expect(standing.get("b")!.rank).toBeLessThanOrEqual(standing.get("a")!.rank);
        },
      ),
      { numRuns: PROPERTY_RUNS },
    );
  });

  it("lists as pivotal exactly the lines whose discrediting changes the ranking, and counts every member once per cell", () => {
    fc.assert(
      fc.property(matrix, (input) => {
        const result = analyseMatrix(input);
        const pivotal = new Set(result.pivotal.map((item) => item.line));
        const order = result.ranking.map((standing) => `${standing.claimId}:${standing.rank}`).join(" ");
        for (const line of new Set(input.columns.map((column) => column.line))) {
          const without = analyseMatrix({
            ...input,
            columns: input.columns.map((column) => (column.line === line ? { ...column, weight: 0 } : column)),
          });
          const changed = without.ranking.map((standing) => `${standing.claimId}:${standing.rank}`).join(" ") !== order;
          expect(pivotal.has(line)).toBe(changed);
        }
        const voters = Math.max(1, input.marks.size);
        for (const cell of result.cells) {
          expect(cell.counts.consistent + cell.counts.inconsistent + cell.counts.neutral).toBe(voters);
          expect(cell.disagreement).toBeGreaterThanOrEqual(0);
          expect(cell.disagreement).toBeLessThan(1);
        }
      }),
      { numRuns: PROPERTY_RUNS },
    );
  });
});
