import { describe, expect, it } from "vitest";
import { safeCallbackPath } from "@/lib/auth/callback-url";

// What /signin?callbackUrl=… receives arrives decoded once by the search-params parser; the
// hostile inputs are listed as they reach safeCallbackPath.
describe("safeCallbackPath", () => {
  it.each([
    [undefined, "/"],
    ["", "/"],
    ["/", "/"],
    ["/claims", "/claims"],
    [
      "/claims/stalin-ordered-kirovs-murder?tab=history#votes",
      "/claims/stalin-ordered-kirovs-murder?tab=history#votes",
    ],
    ["/search?q=%22Kirov%22", "/search?q=%22Kirov%22"],
    ["claims", "/claims"],
    ["/claims/../admin/users", "/admin/users"],
  ])("keeps the path %j as %j", (input, expected) => {
    expect(safeCallbackPath(input)).toBe(expected);
  });

  it.each([
    ["https://evil.example/"],
    ["http://evil.example"],
    ["//evil.example"],
    ["///evil.example"],
    ["/\\evil.example"], // ?callbackUrl=/%5Cevil.example
    ["\\\\evil.example"],
    ["/\t/evil.example"], // ?callbackUrl=/%09/evil.example
    ["/\n/evil.example"],
    ["\t//evil.example"],
    [" //evil.example"],
    ["/.//evil.example"], // collapses to //evil.example
    ["/..//evil.example"],
    ["/%2e//evil.example"],
    ["https:evil.example"],
    ["javascript:alert(1)"],
    ["data:text/html,<script>alert(1)</script>"],
    ["http://user:pass@callback.invalid/"],
    ["https://localhost:3000.evil.example/"],
  ])("sends %j home", (input) => {
    expect(safeCallbackPath(input)).toBe("/");
  });

  it("keeps an absolute URL only on the site's own public origin", () => {
    const site = "https://factcheck.example.org";
    expect(safeCallbackPath("https://factcheck.example.org/review", site)).toBe("/review");
    expect(safeCallbackPath("/review", site)).toBe("/review");
    expect(safeCallbackPath("http://factcheck.example.org/review", site)).toBe("/");
    expect(safeCallbackPath("https://factcheck.example.org.evil.example/", site)).toBe("/");
    expect(safeCallbackPath("https://evil.example/", site)).toBe("/");
  });

  it("never returns anything but a single-slash path", () => {
    const inputs = [
      "/a",
      "//b",
      "/\\c",
      "/\t/d",
      "/./../e",
      "?x=1",
      "#frag",
      "%2F%2Fevil.example",
      "/%2F/evil.example",
    ];
    for (const input of inputs) {
      const path = safeCallbackPath(input);
      expect(path.startsWith("/")).toBe(true);
      expect(path.startsWith("//")).toBe(false);
      expect(new URL(path, "https://site.example").origin).toBe("https://site.example");
    }
  });
});
