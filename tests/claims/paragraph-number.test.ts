// Issue 15, item 6: a citation is described as people read it ("paragraph 2 of the source"),
// not by character offsets.
import { beforeEach, describe, expect, it } from "vitest";
import { getClaim } from "@/lib/claims/queries";
import { addEvidence } from "@/lib/evidence/mutations";
import { makeClaim, makeSource, SYSTEM_ACTOR } from "../factories";
import { db, resetDatabase } from "../helpers";

beforeEach(resetDatabase);

describe("the paragraph a piece of evidence is in", () => {
  it("is counted from 1 in the source's paragraphs", async () => {
    const source = await makeSource();
    const claim = await makeClaim();
    for (const quote of ["The assassin, Leonid Nikolaev, was arrested at once.", "Others say Nikolaev acted alone."]) {
      await addEvidence(db(), SYSTEM_ACTOR, {
        claimId: claim.id,
        passage: { sourceId: source.id, quote },
        stance: "supports",
      });
    }
    const shown = await getClaim(db(), null, { claimId: claim.id });
    expect(shown.evidence.map((item) => [item.passage.text, item.paragraphNumber])).toEqual([
      ["The assassin, Leonid Nikolaev, was arrested at once.", 1],
      ["Others say Nikolaev acted alone.", 2],
    ]);
  });
});
