import { beforeEach, describe, expect, it } from "vitest";
import { editClaim } from "@/lib/moderation/mutations";
import type { Actor } from "@/lib/permissions";
import { castVote } from "@/lib/votes/mutations";
import { listVoteReasons } from "@/lib/votes/queries";
import { actorOf, makeActor, makeClaim, makeUser, SYSTEM_ACTOR } from "../factories";
import { db, resetDatabase } from "../helpers";

// Votes a few milliseconds apart, so "newest first" has an order to keep.
const tick = () => new Promise((resolve) => setTimeout(resolve, 5));

async function vote(actor: Actor, claimId: string, value: number, rationale?: string) {
  await castVote(db(), actor, { claimId, value, ...(rationale === undefined ? {} : { rationale }) });
  await tick();
}

describe("listVoteReasons", () => {
  beforeEach(resetDatabase);

  async function claimWithReasons() {
    const claim = await makeClaim();
    const ada = actorOf(await makeUser("contributor", { name: "Ada" }));
    const ben = actorOf(await makeUser("moderator", { name: "Ben" }));
    const cy = actorOf(await makeUser("contributor", { name: "Cy" }));
    await vote(ada, claim.id, 80, "Two independent sources agree.");
    await vote(ben, claim.id, 20, "The only witness recanted.");
    await vote(cy, claim.id, 55); // no reason: not listed, not counted
    return { claim, ada, ben, cy };
  }

  it("lists each reason with the voter's name and value, newest first, to a member who has voted", async () => {
    const { claim, ada } = await claimWithReasons();
    const reasons = await listVoteReasons(db(), ada, { claimId: claim.id });
    expect(reasons).toMatchObject({
      total: 2,
      items: [
        { voter: { name: "Ben" }, own: false, value: 20, reason: "The only witness recanted." },
        { voter: { name: "Ada", id: ada.id }, own: true, value: 80, reason: "Two independent sources agree." },
      ],
    });
  });

  it("hides them from anonymous readers, who see the figures but not who said what", async () => {
    const { claim } = await claimWithReasons();
    expect(await listVoteReasons(db(), null, { claimId: claim.id })).toBeNull();
  });

  it("holds the vote-first rule: a member who may vote sees the reasons only once they have", async () => {
    const { claim } = await claimWithReasons();
    for (const role of ["contributor", "moderator", "admin"] as const) {
      const member = await makeActor(role);
      expect(await listVoteReasons(db(), member, { claimId: claim.id }), role).toBeNull();
      await vote(member, claim.id, 60);
      expect((await listVoteReasons(db(), member, { claimId: claim.id }))?.total, role).toBe(2);
    }
  });

  it("shows them to a viewer, who cannot vote and so sees the figures", async () => {
    const { claim } = await claimWithReasons();
    const viewer = await makeActor("viewer");
    expect((await listVoteReasons(db(), viewer, { claimId: claim.id }))?.items).toHaveLength(2);
  });

  it("shows them to a member who has not voted once the claim is archived and takes no more votes", async () => {
    const { claim } = await claimWithReasons();
    const member = await makeActor("contributor");
    await editClaim(db(), SYSTEM_ACTOR, { claimId: claim.id, changes: { status: "archived" } });
    expect((await listVoteReasons(db(), member, { claimId: claim.id }))?.total).toBe(2);
  });

  it("keeps only the reason given with the current vote", async () => {
    const { claim, ada, ben } = await claimWithReasons();
    await vote(ada, claim.id, 90, "A third source, the archive file.");
    await vote(ben, claim.id, 30); // changed without a reason: the old one no longer explains it
    const reasons = await listVoteReasons(db(), ada, { claimId: claim.id });
    expect(reasons).toMatchObject({
      total: 1,
      items: [{ voter: { name: "Ada" }, value: 90, reason: "A third source, the archive file." }],
    });
  });

  it("caps the list and counts every reason", async () => {
    const claim = await makeClaim();
    const voters = await Promise.all([1, 2, 3, 4].map(() => makeActor("contributor")));
    for (const [index, voter] of voters.entries()) await vote(voter, claim.id, 50 + index, `Reason ${index}`);
    const reasons = await listVoteReasons(db(), voters[0]!, { claimId: claim.id, limit: 2 });
    expect(reasons?.total).toBe(4);
    expect(reasons?.items.map((item) => item.reason)).toEqual(["Reason 3", "Reason 2"]);
  });

  it("does not reveal a claim the member may not read", async () => {
    const authorUser = await makeUser("contributor");
    const author = actorOf(authorUser);
    const draft = await makeClaim({ status: "draft", authorId: authorUser.id });
    const other = await makeActor("contributor");
    await expect(listVoteReasons(db(), other, { claimId: draft.id })).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect(await listVoteReasons(db(), author, { claimId: draft.id })).toMatchObject({ total: 0, items: [] });
  });
});
