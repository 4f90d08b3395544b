// Dates as members type them (lib/dates.ts): the partial ISO forms, or a whole date written out.
import { describe, expect, it } from "vitest";
import { formatPartialDate, PartialDateSchema, writtenDateAsPartial } from "@/lib/dates";

describe("PartialDateSchema", () => {
  it.each([
    ["1934", "1934"],
    ["1934-12", "1934-12"],
    ["1934-12-01", "1934-12-01"],
    ["  1934-12-01 ", "1934-12-01"],
    ["1 Dec 2024", "2024-12-01"],
    ["1 dec 2024", "2024-12-01"],
    ["1 December 1934", "1934-12-01"],
    ["1 Dec. 1934", "1934-12-01"],
    ["December 1, 1934", "1934-12-01"],
    ["DECEMBER 1934", "1934-12"],
    ["Dec 1934", "1934-12"],
    ["Dec. 1934", "1934-12"],
    ["29 February 2024", "2024-02-29"],
  ])("reads %j as %s", (typed, stored) => {
    expect(PartialDateSchema.parse(typed)).toBe(stored);
    expect(formatPartialDate(stored)).toBeTruthy();
  });

  it.each([
    "1 Dec",
    "31 February 2024",
    "29 February 2023",
    "1934-13",
    "1934-02-30",
    "32 December 1934",
    "Smarch 1934",
    "1 Dec 2024 and more",
    "yesterday",
    "12/01/1934",
    "",
  ])("refuses %j, saying what a date looks like", (typed) => {
    const result = PartialDateSchema.safeParse(typed);
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.message).toMatch(/1 December 1934/);
  });

  it("refuses hostile text quickly, with the same message", () => {
    for (const typed of ["<script>alert(1)</script>", `1 ${"December ".repeat(100_000)}1934`, "1".repeat(1_000_000)]) {
      const result = PartialDateSchema.safeParse(typed);
      expect(result.success).toBe(false);
      expect(result.error?.issues[0]?.message).toMatch(/^must be a date such as/);
    }
  });

  it("refuses what is not text", () => {
    expect(PartialDateSchema.safeParse(1934).success).toBe(false);
    expect(writtenDateAsPartial("")).toBeUndefined();
  });
});
