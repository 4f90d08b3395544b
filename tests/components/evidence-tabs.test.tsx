import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { EvidenceTabs } from "@/components/claims/EvidenceTabs";
import { tabIndexAfterKey } from "@/components/ui/tab-keys";

describe("tabIndexAfterKey (the WAI-ARIA tabs pattern's keys)", () => {
  it("moves right and left, wrapping at either end", () => {
    expect(tabIndexAfterKey("ArrowRight", 0, 3)).toBe(1);
    expect(tabIndexAfterKey("ArrowRight", 2, 3)).toBe(0);
    expect(tabIndexAfterKey("ArrowLeft", 1, 3)).toBe(0);
    expect(tabIndexAfterKey("ArrowLeft", 0, 3)).toBe(2);
  });

  it("goes to the first and last tab with Home and End", () => {
    expect(tabIndexAfterKey("Home", 2, 3)).toBe(0);
    expect(tabIndexAfterKey("End", 0, 3)).toBe(2);
  });

  it("leaves every other key (Tab, Enter, the vertical arrows) to the browser", () => {
    for (const key of ["Tab", "Enter", " ", "ArrowDown", "ArrowUp", "a"]) {
      expect(tabIndexAfterKey(key, 1, 3)).toBeUndefined();
    }
    expect(tabIndexAfterKey("ArrowRight", 0, 0)).toBeUndefined();
  });
});

describe("EvidenceTabs without JavaScript (the server's markup)", () => {
  const markup = renderToStaticMarkup(
    <EvidenceTabs
      panels={[
        { stance: "supports", title: "Supporting", count: 6, content: <p>For it</p> },
        { stance: "contradicts", title: "Contradicting", count: 4, content: <p>Against it</p> },
        { stance: "context", title: "Context", count: 1, content: <p>Around it</p> },
      ]}
    />,
  );

  it("shows every side as a region named by its side, none hidden", () => {
    for (const title of ["Supporting", "Contradicting", "Context"]) {
      expect(markup).toContain(`aria-label="${title}"`);
    }
    for (const words of ["For it", "Against it", "Around it"]) expect(markup).toContain(words);
    expect(markup).not.toContain("hidden");
  });

  it("has no tabs until a phone's browser runs the script (a tab list without it would do nothing)", () => {
    expect(markup).not.toContain('role="tab');
    expect(markup).not.toContain("aria-selected");
  });
});
