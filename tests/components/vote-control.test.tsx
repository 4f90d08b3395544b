import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { VoteControl } from "@/components/claims/VoteControl";

const action = async () => ({});

function numberInput(markup: string): string {
  return /<input[^>]*id="vote-value"[^>]*>/.exec(markup)?.[0] ?? "";
}

describe("VoteControl", () => {
  it("starts a first vote with no value, so a careless click records nothing", () => {
    const markup = renderToStaticMarkup(<VoteControl action={action} />);
    const input = numberInput(markup);
    expect(input).toContain("required");
    expect(input).toContain('value=""');
    expect(markup).toContain("Move the slider or type a number");
    expect(markup).toContain(">Vote<");
  });

  it("starts a changed vote at the member's own value", () => {
    const markup = renderToStaticMarkup(<VoteControl action={action} initial={70} />);
    expect(numberInput(markup)).toContain('value="70"');
    expect(markup).toContain("Change my vote");
  });

  it("lists the claim's evidence to name, pre-checked with the member's choice, and disables the rest at three", () => {
    const options = ["a", "b", "c", "d"].map((id) => ({
      id,
      stance: "supports",
      quote: `Quote ${id} ${"x".repeat(120)}`,
    }));
    const boxes = (markup: string) => markup.match(/<input type="checkbox"[^>]*>/g) ?? [];
    const none = renderToStaticMarkup(<VoteControl action={action} evidenceOptions={options} />);
    expect(none).toContain("What moved you most (up to 3)");
    expect(boxes(none)).toHaveLength(4);
    expect(boxes(none).every((box) => box.includes('name="evidenceIds"') && !box.includes("checked"))).toBe(true);
    expect(none).toContain("…");
    const three = renderToStaticMarkup(
      <VoteControl action={action} initial={60} evidenceOptions={options} initialEvidenceIds={["a", "b", "d"]} />,
    );
    const [a, b, c, d] = boxes(three);
    expect([a, b, d].every((box) => box?.includes("checked") && !box.includes("disabled"))).toBe(true);
    expect(c).toContain("disabled");
    expect(renderToStaticMarkup(<VoteControl action={action} />)).not.toContain("What moved you most");
  });
});
