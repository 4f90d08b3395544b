// The rating components as a reader sees them: the team's grade with its spread, the rating form.
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { MemberRatings } from "@/components/ratings/MemberRatings";
import { RatingForm, RatingFormFields } from "@/components/ratings/RatingForm";
import { TeamRatingSummary } from "@/components/ratings/TeamRatingSummary";
import type { FormState } from "@/lib/forms/state";
import { CREDIBILITY, RELIABILITY, teamRating } from "@/lib/ratings/scale";

/** The text a reader sees: tags dropped, entities decoded, spaces collapsed. */
const text = (markup: string) =>
  markup
    .replace(/<[^>]+>/g, " ")
    .replace(/&#x27;/g, "'")
    .replace(/&amp;/g, "&")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/\s+/g, " ")
    .trim();
const noAction = async (): Promise<FormState> => ({});

describe("TeamRatingSummary", () => {
  it.each([
    [RELIABILITY, [], "Not rated yet."],
    [RELIABILITY, ["B"], "B Usually reliable (team median of 1 rating: B×1)"],
    [
      RELIABILITY,
      ["A", "C", "F"],
      "C Fairly reliable (team median of 2 ratings, spread A–C; 1 cannot judge: A×1 · C×1 · F×1)",
    ],
    [RELIABILITY, ["F", "F"], "F Reliability cannot be judged (all 2 ratings say so)"],
    [CREDIBILITY, [6], "6 Truth cannot be judged (the one rating says so)"],
    [CREDIBILITY, [2, 4, 4], "4 Doubtful (team median of 3 ratings, spread 2–4: 2×1 · 4×2)"],
  ] as const)("%#: %j reads %j", (scale, grades, expected) => {
    const markup = renderToStaticMarkup(
      // biome-ignore lint/suspicious/noExplicitAny: the table mixes both scales
      <TeamRatingSummary scale={scale as any} team={teamRating(scale as any, grades as any)} />,
    );
    expect(text(markup)).toBe(expected);
  });

  it("tells a roll-up's weight in the grade's title", () => {
    const markup = renderToStaticMarkup(
      <TeamRatingSummary scale={RELIABILITY} team={teamRating(RELIABILITY, ["E"])} />,
    );
    expect(markup).toContain('title="Weighs 0.1 in roll-ups"');
  });
});

describe("RatingForm", () => {
  it("offers every grade with its label, the member's own rating chosen, and withdrawing it", () => {
    const markup = renderToStaticMarkup(
      <RatingFormFields
        scale={CREDIBILITY}
        own={{ grade: 4, reason: "Contradicted <elsewhere>" }}
        rate={noAction}
        withdraw={noAction}
      />,
    );
    for (const [grade, label] of Object.entries(CREDIBILITY.labels)) {
      expect(markup).toContain(`<option value="${grade}"`);
      expect(text(markup)).toContain(`${grade}: ${label}`);
    }
    expect(markup).toMatch(/<option value="4" selected="">/);
    expect(markup).toContain('maxLength="500"');
    expect(markup).toContain('value="Contradicted &lt;elsewhere&gt;"');
    expect(text(markup)).toContain("Withdraw my rating");
  });

  it("asks for a first rating without a withdraw button", () => {
    const markup = renderToStaticMarkup(
      <RatingFormFields scale={RELIABILITY} own={null} rate={noAction} withdraw={noAction} />,
    );
    expect(text(markup)).toContain("A: Completely reliable");
    expect(text(markup)).not.toContain("Withdraw");
  });

  it("is folded, its fields rendered only once a member opens it", () => {
    const own = renderToStaticMarkup(
      <RatingForm scale={CREDIBILITY} own={{ grade: 4, reason: "Contradicted" }} rate={noAction} withdraw={noAction} />,
    );
    expect(text(own)).toBe("Your rating: 4 (Doubtful). Change or withdraw it");
    expect(own).not.toContain("<select");
    const first = renderToStaticMarkup(
      <RatingForm scale={RELIABILITY} own={null} rate={noAction} withdraw={noAction} />,
    );
    expect(text(first)).toBe("Rate its reliability");
    expect(first).not.toContain("<form");
  });
});

describe("MemberRatings", () => {
  it("lists each member's grade and reason as text, with the reader's own marked", () => {
    const markup = renderToStaticMarkup(
      <MemberRatings
        ratings={[
          {
            rater: { id: "u1", name: "Hanna" },
            own: true,
            grade: "C",
            label: "Fairly reliable",
            reason: "<script>alert(1)</script> a mirror",
            ratedAt: "2026-11-24T10:00:00.000Z",
          },
        ]}
      />,
    );
    expect(markup).not.toContain("<script>");
    expect(text(markup)).toContain("C (Fairly reliable) · Hanna (you) · 2026-11-24");
    expect(text(markup)).toContain(": <script>alert(1)</script> a mirror");
  });
});
