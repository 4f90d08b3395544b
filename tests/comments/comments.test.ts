import { beforeEach, describe, expect, it } from "vitest";
import { addComment, setCommentHidden } from "@/lib/comments/mutations";
import { listComments } from "@/lib/comments/queries";
import { makeActor, makeClaim } from "../factories";
import { db, resetDatabase, tableSnapshot } from "../helpers";

beforeEach(resetDatabase);

describe("discussion", () => {
  it("keeps comments oldest first; a hidden comment keeps its place but only moderators read it", async () => {
    const claim = await makeClaim();
    const author = await makeActor("contributor");
    const moderator = await makeActor("moderator");
    const first = await addComment(db(), author, { claimId: claim.id, body: "First, with **Markdown**." });
    await addComment(db(), author, { claimId: claim.id, body: "Second." });
    await setCommentHidden(db(), moderator, { commentId: first.id, hidden: true, reason: "Off topic" });
    const forReaders = await listComments(db(), null, claim.id);
    expect(forReaders.map((comment) => [comment.body, comment.hidden])).toEqual([
      [null, true],
      ["Second.", false],
    ]);
    expect((await listComments(db(), moderator, claim.id))[0]).toMatchObject({
      body: "First, with **Markdown**.",
      hideReason: "Off topic",
    });
    await setCommentHidden(db(), moderator, { commentId: first.id, hidden: false });
    expect((await listComments(db(), null, claim.id))[0]!.body).toBe("First, with **Markdown**.");
  });

  it.each([
    [{ body: "" }, "body"],
    [{ body: "x".repeat(10_001) }, "body"],
    [{ body: 42 }, "body"],
  ])("refuses %o naming %s and writes nothing", async (input, field) => {
    const claim = await makeClaim();
    const author = await makeActor("contributor");
    const before = await tableSnapshot();
    await expect(addComment(db(), author, { claimId: claim.id, ...input })).rejects.toMatchObject({
      code: "INVALID",
      field,
    });
    expect(await tableSnapshot()).toEqual(before);
  });

  it("cannot comment on a claim the member cannot see", async () => {
    const claim = await makeClaim({ status: "draft" });
    await expect(
      addComment(db(), await makeActor("contributor"), { claimId: claim.id, body: "Hello" }),
    ).rejects.toMatchObject({ code: "NOT_FOUND" });
  });
});
