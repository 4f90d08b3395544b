import { describe, expect, it } from "vitest";
import { citableRange, selectionStepForKey } from "@/components/sources/reader-selection";

// Stand-ins for the DOM's Selection, Range and the source text's element: the decision needs only these.
const inside = { name: "a text node in the source" } as unknown as Node;
const outside = { name: "the cite panel's search field" } as unknown as Node;
const container = { contains: (node: Node | null) => node === inside };
const range = (commonAncestorContainer: Node) => ({ commonAncestorContainer }) as Range;
const selection = (ranges: Range[], isCollapsed = false) => ({
  rangeCount: ranges.length,
  isCollapsed,
  getRangeAt: (index: number) => ranges[index]!,
});

describe("citableRange", () => {
  it("is the selected range when words inside the source text are selected", () => {
    const words = range(inside);
    expect(citableRange(selection([words]), container)).toBe(words);
  });

  it("is nothing for a bare caret, an empty selection, or no selection at all", () => {
    expect(citableRange(selection([range(inside)], true), container)).toBeUndefined();
    expect(citableRange(selection([]), container)).toBeUndefined();
    expect(citableRange(null, container)).toBeUndefined();
    expect(citableRange(selection([range(inside)]), null)).toBeUndefined();
  });

  it("is nothing for words selected elsewhere (the panel's fields) or reaching past the text", () => {
    expect(citableRange(selection([range(outside)]), container)).toBeUndefined();
  });
});

describe("selectionStepForKey", () => {
  const keys = { shiftKey: true, ctrlKey: false, altKey: false, metaKey: false };

  it("extends by a character with Shift and the left or right arrow, by a word with Ctrl or Option too", () => {
    expect(selectionStepForKey({ ...keys, key: "ArrowRight" })).toEqual({
      direction: "forward",
      granularity: "character",
    });
    expect(selectionStepForKey({ ...keys, key: "ArrowLeft" })).toEqual({
      direction: "backward",
      granularity: "character",
    });
    expect(selectionStepForKey({ ...keys, ctrlKey: true, key: "ArrowRight" })).toEqual({
      direction: "forward",
      granularity: "word",
    });
    expect(selectionStepForKey({ ...keys, altKey: true, key: "ArrowLeft" })).toEqual({
      direction: "backward",
      granularity: "word",
    });
  });

  it("extends by a line with the up and down arrows, to the line's end with Home and End", () => {
    expect(selectionStepForKey({ ...keys, key: "ArrowDown" })).toEqual({ direction: "forward", granularity: "line" });
    expect(selectionStepForKey({ ...keys, key: "ArrowUp" })).toEqual({ direction: "backward", granularity: "line" });
    expect(selectionStepForKey({ ...keys, key: "End" })).toEqual({ direction: "forward", granularity: "lineboundary" });
    expect(selectionStepForKey({ ...keys, key: "Home" })).toEqual({
      direction: "backward",
      granularity: "lineboundary",
    });
  });

  it("selects nothing without Shift, with Cmd, or for other keys", () => {
    expect(selectionStepForKey({ ...keys, shiftKey: false, key: "ArrowRight" })).toBeUndefined();
    expect(selectionStepForKey({ ...keys, metaKey: true, key: "ArrowRight" })).toBeUndefined();
    expect(selectionStepForKey({ ...keys, key: "Tab" })).toBeUndefined();
    expect(selectionStepForKey({ ...keys, key: "A" })).toBeUndefined();
  });
});
