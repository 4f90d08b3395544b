import { describe, expect, it } from "vitest";
import { medianTimeline } from "@/lib/votes/queries";

describe("medianTimeline", () => {
  it("takes each member's latest vote at every moment, in time order", () => {
    const at = (minute: number) => new Date(Date.UTC(2026, 0, 1, 0, minute));
    const points = medianTimeline([
      { userId: "b", value: 80, castAt: at(2) },
      { userId: "a", value: 20, castAt: at(1) },
      { userId: "a", value: 60, castAt: at(3) },
      { userId: "c", value: 90, castAt: at(4) },
    ]);
    expect(points.map((point) => [point.median, point.count])).toEqual([
      [20, 1],
      [50, 2],
      [70, 2],
      [80, 3],
    ]);
    expect(points[0]!.at).toBe(at(1).toISOString());
  });

  it("is empty without votes", () => {
    expect(medianTimeline([])).toEqual([]);
  });
});
