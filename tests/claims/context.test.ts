import { describe, expect, it } from "vitest";
import { refersBack } from "@/lib/claims/context";

describe("refersBack", () => {
  it("finds a pronoun, a pair or a role noun WordNet files under people", () => {
    expect(refersBack("He arranged for the poet to be arrested.")).toBe(true);
    expect(refersBack("There was tension between the two comrades.")).toBe(true);
    expect(refersBack("The assassin was caught at once.")).toBe(true);
    expect(refersBack("The NKVD chief signed the order.")).toBe(true);
  });

  it("does not take a thing, or a role standing before the name it introduces, for a reference", () => {
    expect(refersBack("The archive was closed in 1950.")).toBe(false);
    expect(refersBack("The dictator Joseph Stalin spoke first.")).toBe(false);
    expect(refersBack("Theirs was a different story.")).toBe(false);
    expect(refersBack("Ethel wrote the letter.")).toBe(false);
  });
});
