import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { GoldSchema } from "@/scripts/eval/gold";

const minimal = { version: 1, claims: [{ id: "c", statement: "Stalin ordered it." }] };
const withSource = (file: unknown, title: unknown = "A title") => ({ ...minimal, sources: [{ file, title }] });
const issueAt = (value: unknown) => {
  const parsed = GoldSchema.safeParse(value);
  return parsed.success ? null : parsed.error.issues.map((issue) => `${issue.path.join(".")}: ${issue.message}`);
};

describe("gold files", () => {
  it("parse both gold sets of the project", () => {
    for (const file of ["eval/gold.json", "eval/heldout/gold.json"]) {
      expect(GoldSchema.safeParse(JSON.parse(readFileSync(file, "utf8"))).success, file).toBe(true);
    }
  });

  it("name a source by a plain file name beside the gold file, never a path", () => {
    expect(issueAt(withSource("richard-iii-wikipedia.md"))).toBeNull();
    for (const file of [
      "..",
      ".",
      "../../etc/passwd",
      "a/b.txt",
      "/etc/passwd",
      ".hidden",
      "",
      "a\\b.txt",
      "<script>.txt",
    ]) {
      expect(issueAt(withSource(file)), file).toEqual([expect.stringMatching(/^sources\.0\.file: /)]);
    }
  });

  it("refuse a source without a title, a huge title, people without names, and claims missing", () => {
    expect(issueAt(withSource("a.txt", ""))).toEqual([expect.stringMatching(/^sources\.0\.title: /)]);
    expect(issueAt(withSource("a.txt", "x".repeat(501)))).toEqual([expect.stringMatching(/^sources\.0\.title: /)]);
    expect(issueAt({ ...minimal, people: [{ name: "", aliases: [] }] })).toEqual([
      expect.stringMatching(/^people\.0\.name: /),
    ]);
    expect(issueAt({ ...minimal, people: [{ name: "Yagoda", aliases: [42] }] })).toEqual([
      expect.stringMatching(/^people\.0\.aliases\.0: /),
    ]);
    expect(issueAt({ version: 1, claims: [] })).toEqual([expect.stringMatching(/^claims: /)]);
    expect(issueAt({ version: 2, claims: minimal.claims })).toEqual([expect.stringMatching(/^version: /)]);
  });
});
