import { describe, expect, it } from "vitest";
import { allOf } from "@/lib/promises";

describe("allOf", () => {
  it("gives each result under its name, plain values and promises alike, all started at once", async () => {
    const started: string[] = [];
    const later = (name: string, value: number) => {
      started.push(name);
      return new Promise<number>((resolve) => setTimeout(() => resolve(value), 5));
    };
    const result = await allOf({ one: later("one", 1), two: later("two", 2), plain: "kept", none: null });
    expect(result).toEqual({ one: 1, two: 2, plain: "kept", none: null });
    expect(started).toEqual(["one", "two"]);
  });

  it("fails with the first read that fails", async () => {
    await expect(
      allOf({ fine: Promise.resolve(1), broken: Promise.reject(new Error("no such claim")) }),
    ).rejects.toThrow("no such claim");
  });
});
