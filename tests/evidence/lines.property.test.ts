// Lines of evidence (issue 14: "one origin, one line of evidence", and roll-ups that behave): the
// count of independent lines per side, checked on random evidence. Grouping can only merge lines,
// context changes no side, more evidence on a side never means fewer lines there.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { describeLines, describeSide, groupLines, type LineInput, type Stance, tallyLines } from "@/lib/evidence/lines";
import { PROPERTY_RUNS } from "../hostile-text";

const SIDES: Stance[] = ["supports", "contradicts", "context"];
const stance = fc.constantFrom<Stance>(...SIDES);
// A few origin ids, so that random evidence often shares one.
const originId = fc.option(fc.constantFrom("orlov", "knight", "court", "krivitsky", "conquest"), { nil: null });
const item = fc.record({ stance, originId });
const items = fc.array(item, { maxLength: 40 });
const withIds = (list: LineInput[]) => list.map((entry, index) => ({ ...entry, id: `e${index}` }));
const run = { numRuns: PROPERTY_RUNS };

describe("tallyLines", () => {
  it("counts each origin once per side and each piece without one by itself", () => {
    const tally = tallyLines([
      { stance: "supports", originId: "orlov" },
      { stance: "supports", originId: "orlov" },
      { stance: "supports", originId: "orlov" },
      { stance: "supports", originId: "orlov" },
      { stance: "supports", originId: null },
      { stance: "contradicts", originId: "orlov" },
      { stance: "contradicts", originId: null },
      { stance: "context", originId: "court" },
    ]);
    expect(tally).toEqual({
      supports: { lines: 2, passages: 5 },
      contradicts: { lines: 2, passages: 2 },
      context: { lines: 1, passages: 1 },
    });
    expect(tallyLines([])).toEqual({
      supports: { lines: 0, passages: 0 },
      contradicts: { lines: 0, passages: 0 },
      context: { lines: 0, passages: 0 },
    });
  });

  it("has as many lines as passages when nothing is grouped, never more, and at least one when there is evidence", () => {
    fc.assert(
      fc.property(items, (list) => {
        const tally = tallyLines(list);
        const ungrouped = tallyLines(list.map((entry) => ({ ...entry, originId: null })));
        for (const side of SIDES) {
          expect(ungrouped[side].lines).toBe(ungrouped[side].passages);
          expect(tally[side].passages).toBe(list.filter((entry) => entry.stance === side).length);
          expect(tally[side].lines).toBeLessThanOrEqual(tally[side].passages);
          if (tally[side].passages > 0) expect(tally[side].lines).toBeGreaterThanOrEqual(1);
        }
      }),
      run,
    );
  });

  it("regrouping whole lines under one origin never increases any side's count", () => {
    fc.assert(
      fc.property(items, fc.array(fc.boolean(), { minLength: 40, maxLength: 40 }), (list, chosen) => {
        // Choose lines (an origin, or one ungrouped piece) and put every piece of them under a new origin.
        const chosenOrigins = new Set(list.filter((_, index) => chosen[index]).map((entry) => entry.originId));
        const regrouped = list.map((entry, index) =>
          (entry.originId === null ? chosen[index] : chosenOrigins.has(entry.originId))
            ? { ...entry, originId: "merged" }
            : entry,
        );
        const before = tallyLines(list);
        const after = tallyLines(regrouped);
        for (const side of SIDES) {
          expect(after[side].lines).toBeLessThanOrEqual(before[side].lines);
          expect(after[side].passages).toBe(before[side].passages);
        }
      }),
      run,
    );
  });

  it("grouping pieces that had no origin, under any origin, never increases any side's count", () => {
    fc.assert(
      fc.property(items, fc.array(fc.boolean(), { minLength: 40, maxLength: 40 }), originId, (list, chosen, target) => {
        const grouped = list.map((entry, index) =>
          entry.originId === null && chosen[index] ? { ...entry, originId: target ?? "new" } : entry,
        );
        const before = tallyLines(list);
        const after = tallyLines(grouped);
        for (const side of SIDES) expect(after[side].lines).toBeLessThanOrEqual(before[side].lines);
      }),
      run,
    );
  });

  it("taking a piece out of its origin never decreases its side's count, and changes no other side", () => {
    fc.assert(
      fc.property(items, fc.nat(), (list, pick) => {
        if (list.length === 0) return;
        const index = pick % list.length;
        const freed = list.map((entry, at) => (at === index ? { ...entry, originId: null } : entry));
        const before = tallyLines(list);
        const after = tallyLines(freed);
        const side = list[index]!.stance;
        expect(after[side].lines).toBeGreaterThanOrEqual(before[side].lines);
        expect(after[side].lines).toBeLessThanOrEqual(before[side].lines + 1);
        for (const other of SIDES.filter((entry) => entry !== side)) expect(after[other]).toEqual(before[other]);
      }),
      run,
    );
  });

  it("evidence with no side (context) changes neither side's count", () => {
    fc.assert(
      fc.property(
        items,
        fc.array(fc.record({ stance: fc.constant<Stance>("context"), originId }), { maxLength: 10 }),
        (list, context) => {
          const before = tallyLines(list);
          const after = tallyLines([...list, ...context]);
          expect(after.supports).toEqual(before.supports);
          expect(after.contradicts).toEqual(before.contradicts);
        },
      ),
      run,
    );
  });

  it("adding evidence on one side never decreases that side's lines and leaves the other sides alone", () => {
    fc.assert(
      fc.property(items, item, (list, added) => {
        const before = tallyLines(list);
        const after = tallyLines([...list, added]);
        expect(after[added.stance].lines).toBeGreaterThanOrEqual(before[added.stance].lines);
        expect(after[added.stance].lines).toBeLessThanOrEqual(before[added.stance].lines + 1);
        expect(after[added.stance].passages).toBe(before[added.stance].passages + 1);
        for (const other of SIDES.filter((side) => side !== added.stance)) expect(after[other]).toEqual(before[other]);
      }),
      run,
    );
  });

  it("an origin cited on both sides is a line on each: moving a piece to the other side is a change of sides only", () => {
    fc.assert(
      fc.property(items, (list) => {
        // Evidence of one side only never adds a line to the other.
        const supports = list.filter((entry) => entry.stance === "supports");
        expect(tallyLines(supports).contradicts.lines).toBe(0);
        // The total over sides is the sum of each side counted alone.
        const tally = tallyLines(list);
        for (const side of SIDES) {
          expect(tallyLines(list.filter((entry) => entry.stance === side))[side]).toEqual(tally[side]);
        }
      }),
      run,
    );
  });

  it("does not depend on the order of the evidence", () => {
    fc.assert(
      fc.property(items, fc.func(fc.integer()), (list, key) => {
        const shuffled = [...list].sort((a, b) => key(a) - key(b));
        expect(tallyLines(shuffled)).toEqual(tallyLines(list));
      }),
      run,
    );
  });
});

describe("groupLines", () => {
  it("puts every piece in exactly one line, as many lines per side as tallyLines counts, first citation first", () => {
    fc.assert(
      fc.property(items, (list) => {
        const evidence = withIds(list);
        const lines = groupLines(evidence);
        const tally = tallyLines(evidence);
        const placed = SIDES.flatMap((side) => lines[side].flatMap((line) => line.items.map((entry) => entry.id)));
        expect([...placed].sort()).toEqual(evidence.map((entry) => entry.id).sort());
        for (const side of SIDES) {
          expect(lines[side].length).toBe(tally[side].lines);
          for (const line of lines[side]) {
            // One origin per line (or one piece without any), all on this side, in citation order.
            expect(line.items.every((entry) => entry.stance === side && entry.originId === line.originId)).toBe(true);
            if (line.originId === null) expect(line.items).toHaveLength(1);
            const positions = line.items.map((entry) => Number(entry.id.slice(1)));
            expect(positions).toEqual([...positions].sort((a, b) => a - b));
          }
          const firsts = lines[side].map((line) => Number(line.items[0]!.id.slice(1)));
          expect(firsts).toEqual([...firsts].sort((a, b) => a - b));
        }
      }),
      run,
    );
  });
});

describe("describeLines", () => {
  it("says how many independent lines each side has, and the passages where grouping made a difference", () => {
    expect(describeLines({ supports: { lines: 3, passages: 5 }, contradicts: { lines: 2, passages: 2 } })).toBe(
      "3 independent lines for (5 passages), 2 against",
    );
    expect(describeLines({ supports: { lines: 1, passages: 1 }, contradicts: { lines: 1, passages: 4 } })).toBe(
      "1 independent line for, 1 against (4 passages)",
    );
    expect(describeSide({ lines: 2, passages: 3 }, "against")).toBe("2 independent lines against (3 passages)");
    expect(describeSide({ lines: 0, passages: 0 }, "for")).toBe("0 independent lines for");
  });
});
