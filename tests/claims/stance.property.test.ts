// Properties of the stance cues (issue 16), on random and hostile text.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { stanceCues } from "@/lib/claims/stance";
import { keyedWords } from "@/lib/search/text";
import { hostileText, PROPERTY_RUNS } from "../hostile-text";

const runs = { numRuns: PROPERTY_RUNS };
// Words that are no cue of any kind.
const neutralWords = fc
  .array(fc.constantFrom("the", "archive", "shows", "Leningrad", "in", "1934", "party", "records"), { maxLength: 8 })
  .map((words) => words.join(" "));

describe("stanceCues", () => {
  it("counts a denial only near the given positions, and finds the same with every position given", () => {
    fc.assert(
      fc.property(hostileText, (text) => {
        const everywhere = stanceCues(text);
        const positions = keyedWords(text).map((_, at) => at);
        expect(stanceCues(text, positions)).toEqual(everywhere);
        expect(stanceCues(text, []).denials).toEqual([]);
        expect(new Set(everywhere.denials).size).toBe(everywhere.denials.length);
      }),
      runs,
    );
  });

  it("reads a question from its last mark, closing quotes and spaces aside", () => {
    fc.assert(
      fc.property(hostileText, fc.constantFrom("", '"', "”", ")", "' ", " \u00A0"), (text, closing) => {
        expect(stanceCues(`${text}?${closing}`).question).toBe(true);
        expect(stanceCues(`${text}?${closing}.`).question).toBe(false);
        expect(stanceCues(text).question).toBe(/\?\s*["'”’)]*\s*$/.test(text.trim()));
      }),
      runs,
    );
  });

  it("finds a denial next to the claim's words, and the longer phrase over the shorter", () => {
    fc.assert(
      fc.property(neutralWords, neutralWords, (before, after) => {
        const text = `${before}. There is no evidence that Kirov ${after}`;
        const kirov = keyedWords(text).findIndex((word) => word.key === keyedWords("Kirov")[0]!.key);
        const cues = stanceCues(text, [kirov]);
        expect(cues.denials).toContain("no evidence");
        expect(cues.denials).not.toContain("no");
      }),
      runs,
    );
  });
});
