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
});
