import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { VoteControl } from "@/components/claims/VoteControl";
import { VoteSummary } from "@/components/claims/VoteSummary";
import { aggregateVotes, countOnly } from "@/lib/votes/aggregate";
import { medianTimeline, type VoteReasonsDto } from "@/lib/votes/queries";
import { deriveVerdict } from "@/lib/votes/verdict";

const at = (minute: number) => new Date(Date.UTC(2026, 0, 1 + minute, 12));
const shown = (values: number[]) => ({ ...aggregateVotes(values), figuresHidden: false });
/** The text a reader sees: tags dropped, entities decoded, spaces collapsed. */
const text = (markup: string) =>
  markup
    .replace(/<[^>]+>/g, " ")
    .replace(/&#x27;/g, "'")
    .replace(/&amp;/g, "&")
    .replace(/\s+/g, " ");

const reasons: VoteReasonsDto = {
  total: 3,
  items: [
    {
      voter: { id: "u1", name: "Ada" },
      own: false,
      value: 90,
      reason: "<b>Two</b> sources agree.",
      givenAt: at(2).toISOString(),
    },
    { voter: { id: "u2", name: null }, own: true, value: 70, reason: "Plausible.", givenAt: at(1).toISOString() },
  ],
};

describe("VoteSummary", () => {
  // Four members; one changed their vote, so five votes were cast.
  const events = [
    { userId: "a", value: 70, castAt: at(0) },
    { userId: "b", value: 55, castAt: at(1) },
    { userId: "c", value: 80, castAt: at(2) },
    { userId: "d", value: 85, castAt: at(3) },
    { userId: "b", value: 75, castAt: at(4) },
  ];
  const votes = shown([70, 75, 80, 85]);

  it("calls the current votes 'votes' and the timeline's 'votes cast', with the same number of members", () => {
    const markup = text(renderToStaticMarkup(<VoteSummary votes={votes} timeline={medianTimeline(events)} />));
    expect(markup).toContain("Votes 4 (each member's latest)");
    expect(markup).toContain("5 votes cast by 4 members (1 of them changed an earlier vote)");
    expect(markup).not.toMatch(/\(5 votes cast\)/);
  });

  it("names the votes that wait for confirmation on an earlier wording beside the count, wherever it shows", () => {
    const waiting = (markup: string) => text(markup);
    expect(waiting(renderToStaticMarkup(<VoteSummary votes={{ ...votes, awaitingConfirmation: 2 }} />))).toContain(
      "Votes 4 (each member's latest); 2 votes on an earlier wording await confirmation",
    );
    expect(waiting(renderToStaticMarkup(<VoteSummary votes={{ ...shown([]), awaitingConfirmation: 1 }} />))).toContain(
      "Nobody has voted on the current wording yet; 1 vote on an earlier wording awaits confirmation.",
    );
    expect(
      waiting(
        renderToStaticMarkup(
          <VoteSummary
            votes={{ ...countOnly(4, []), figuresHidden: true, awaitingConfirmation: 3 }}
            hiddenReason="Vote first."
          />,
        ),
      ),
    ).toContain("Vote first. (4 votes so far; 3 votes on an earlier wording await confirmation.)");
  });

  it("draws the timeline with labelled axes", () => {
    const markup = renderToStaticMarkup(<VoteSummary votes={votes} timeline={medianTimeline(events)} />);
    const timeline = /<figure class="vote-chart timeline">[\s\S]*?<\/figure>/.exec(markup)?.[0] ?? "";
    for (const tick of ["0%", "25%", "50%", "75%", "100%", "Median", "vote 1 · 2026-01-01", "vote 5 · 2026-01-05"]) {
      expect(timeline).toContain(`>${tick}</text>`);
    }
    expect(timeline).toContain("Votes cast, in time order (changes included)");
    expect(timeline).toContain('aria-label="Team median moved from 70% to 77.5% over 5 votes cast by 4 members');
  });

  it("writes each bar's count on the histogram and in its accessible label", () => {
    const markup = renderToStaticMarkup(<VoteSummary votes={shown([12, 81, 85, 88, 95, 100])} ownVote={85} />);
    const counts = [...markup.matchAll(/<text class="count"[^>]*>(\d+)<\/text>/g)].map((match) => Number(match[1]));
    expect(counts).toEqual([1, 3, 2]);
    expect(markup).toMatch(
      /aria-label="Histogram of 6 confidence votes: 0 at 0–9%, 1 at 10–19%, .*3 at 80–89%, 2 at 90–100%"/,
    );
    expect(markup).toMatch(/<g class="bin own"><title>80–89%: 3 votes \(yours among them\)<\/title>/);
    expect(markup).toContain(">100</text>");
  });

  it("leads with the verdict, its figures, the rule and what confidence means", () => {
    const values = [70, 75, 80, 80, 85, 90];
    const markup = text(
      renderToStaticMarkup(<VoteSummary votes={shown(values)} verdict={deriveVerdict(shown(values))} />),
    );
    expect(markup).toContain("Likely true : median 80%, 6 votes, little disagreement (middle half 76.3–83.8%)");
    expect(markup).toContain(
      "Called likely true because the median is above 66% and at most 90%, and the team is not divided.",
    );
    expect(markup).toContain("Confidence is each member's own estimate of the chance that the claim is true");
    expect(markup).toContain("How the verdict is reached");
  });

  it("says when there are too few votes to judge", () => {
    const markup = text(
      renderToStaticMarkup(<VoteSummary votes={shown([80, 90])} verdict={deriveVerdict(shown([80, 90]))} />),
    );
    expect(markup).toContain("Too few votes to judge : 2 of 5 needed");
  });

  it("shows voters' reasons beside their names and values, as text", () => {
    const markup = renderToStaticMarkup(<VoteSummary votes={votes} reasons={reasons} />);
    expect(markup).toContain("&lt;b&gt;Two&lt;/b&gt; sources agree.");
    expect(markup).not.toContain("<b>Two</b>");
    const visible = text(markup);
    expect(visible).toContain("Why members voted as they did (3)");
    expect(visible).toMatch(/90% · Ada · 2026-01-03 .*Two.* sources agree\./);
    expect(visible).toContain("70% · A member (you) · 2026-01-02 Plausible.");
    expect(visible).toContain("The 2 newest of 3 reasons.");
  });

  it("shows only the count to a reader whose figures are hidden, even if handed a verdict and reasons", () => {
    const hidden = { ...countOnly(6, []), figuresHidden: true };
    const markup = text(
      renderToStaticMarkup(
        <VoteSummary
          votes={hidden}
          verdict={deriveVerdict(shown([80, 80, 80, 80, 80, 80]))}
          reasons={reasons}
          hiddenReason="Vote first."
        />,
      ),
    );
    expect(markup.trim()).toBe("Vote first. (6 votes so far.)");
    expect(deriveVerdict(hidden)).toBeNull();
  });
});

describe("VoteControl's reason", () => {
  it("starts a changed vote with the member's reason, so changing the value does not drop it", () => {
    const markup = renderToStaticMarkup(
      <VoteControl action={async () => ({})} initial={70} initialReason="Two sources agree." />,
    );
    expect(/<input[^>]*name="rationale"[^>]*>/.exec(markup)?.[0]).toContain('value="Two sources agree."');
  });

  it("starts a first vote with no reason", () => {
    const markup = renderToStaticMarkup(<VoteControl action={async () => ({})} />);
    expect(/<input[^>]*name="rationale"[^>]*>/.exec(markup)?.[0]).toContain('value=""');
  });
});
