// Issue 15, item 8: the sources list and a source's page count its citations alike, from what the
// reader may see (a draft's evidence is not counted for those who cannot read the draft).
import { beforeEach, describe, expect, it } from "vitest";
import { addEvidence } from "@/lib/evidence/mutations";
import { getSource, listSources } from "@/lib/sources/queries";
import { makeActor, makeClaim, makeSource, SYSTEM_ACTOR } from "../factories";
import { db, resetDatabase } from "../helpers";

beforeEach(resetDatabase);

async function countsFor(sourceId: string, actor: Awaited<ReturnType<typeof makeActor>> | null) {
  const listed = (await listSources(db(), actor)).find((item) => item.id === sourceId)!;
  const page = await getSource(db(), actor, { sourceId });
  return {
    listed: [listed.evidenceCount, listed.citedPassageCount],
    page: [page.cited.reduce((sum, cited) => sum + cited.evidence.length, 0), page.cited.length],
  };
}

describe("citation counts", () => {
  it("agree between /sources and the source page, for each reader", async () => {
    const source = await makeSource();
    const published = await makeClaim();
    const other = await makeClaim();
    const author = await makeActor("contributor");
    const draft = await makeClaim({ status: "draft", authorId: author.id! });
    const quote = "Others say Nikolaev acted alone.";
    for (const claim of [published, other, draft]) {
      await addEvidence(db(), SYSTEM_ACTOR, {
        claimId: claim.id,
        passage: { sourceId: source.id, quote },
        stance: "contradicts",
      });
    }
    await addEvidence(db(), SYSTEM_ACTOR, {
      claimId: published.id,
      passage: { sourceId: source.id, quote: "Some historians hold that Stalin ordered the murder." },
      stance: "supports",
    });

    // Anonymous: the draft's citation is not theirs to see. Its author sees it.
    expect(await countsFor(source.id, null)).toEqual({ listed: [3, 2], page: [3, 2] });
    expect(await countsFor(source.id, author)).toEqual({ listed: [4, 2], page: [4, 2] });
  });
});
