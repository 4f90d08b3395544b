import { beforeEach, describe, expect, it } from "vitest";
import { POST as addEvidenceRoute } from "@/app/api/claims/[claimId]/evidence/route";
import { GET as historyRoute } from "@/app/api/claims/[claimId]/history/route";
import { POST as proposeRoute } from "@/app/api/claims/[claimId]/proposals/route";
import { POST as revertRoute } from "@/app/api/claims/[claimId]/revert/route";
import { PUT as voteRoute } from "@/app/api/claims/[claimId]/vote/route";
import { POST as createClaimRoute } from "@/app/api/claims/route";
import { DELETE as undoCitationRoute } from "@/app/api/evidence/[evidenceId]/route";
import { POST as approveRoute } from "@/app/api/revisions/[revisionId]/approve/route";
import { POST as rejectRoute } from "@/app/api/revisions/[revisionId]/reject/route";
import { GET as queueRoute } from "@/app/api/revisions/route";
import type { RoleName } from "@/lib/permissions";
import { makeClaim, makeSource, makeUser, sessionTokenFor } from "../factories";
import { db, resetDatabase, tableSnapshot } from "../helpers";

beforeEach(resetDatabase);

const BASE = "http://localhost/api";
const params = <T extends object>(value: T) => ({ params: Promise.resolve(value) });

async function cookieFor(role: RoleName | null): Promise<string | undefined> {
  if (!role) return undefined;
  const user = await makeUser(role);
  return `next-auth.session-token=${await sessionTokenFor(user.id)}`;
}

function request(path: string, method: string, body: unknown, cookie?: string, contentType = "application/json") {
  return new Request(`${BASE}${path}`, {
    method,
    headers: { ...(cookie ? { cookie } : {}), "content-type": contentType },
    body: typeof body === "string" ? body : JSON.stringify(body),
  });
}

describe("write API: status codes follow the same rules as the pages", () => {
  it("POST /api/claims: 401 anonymous, 403 viewer, 201 contributor (pending review), 400 naming the field", async () => {
    const body = { statement: "Kirov received more votes than Stalin" };
    const viewer = await cookieFor("viewer");
    const before = await tableSnapshot();
    expect((await createClaimRoute(request("/claims", "POST", body))).status).toBe(401);
    expect((await createClaimRoute(request("/claims", "POST", body, viewer))).status).toBe(403);
    expect(await tableSnapshot()).toEqual(before);
    const created = await createClaimRoute(request("/claims", "POST", body, await cookieFor("contributor")));
    expect(created.status).toBe(201);
    expect(await created.json()).toMatchObject({ status: "pending_review", statement: body.statement });
    const invalid = await createClaimRoute(
      request("/claims", "POST", { statement: 42 }, await cookieFor("contributor")),
    );
    expect(invalid.status).toBe(400);
    expect((await invalid.json()).error).toMatchObject({ code: "INVALID", field: "statement" });
  });

  it("refuses bodies that are not JSON objects", async () => {
    const cookie = await cookieFor("contributor");
    const form = await createClaimRoute(
      request("/claims", "POST", "statement=x", cookie, "application/x-www-form-urlencoded"),
    );
    expect(form.status).toBe(415);
    const broken = await createClaimRoute(request("/claims", "POST", "{not json", cookie));
    expect(broken.status).toBe(400);
    expect((await broken.json()).error.field).toBe("body");
    const array = await createClaimRoute(request("/claims", "POST", "[1,2]", cookie));
    expect(array.status).toBe(400);
  });

  it("proposals: 202 for a contributor, 200 for a moderator; approve and reject with 409 on the second review", async () => {
    const claim = await makeClaim({ statement: "Nikolaev acted alone" });
    const contributor = await cookieFor("contributor");
    const moderator = await cookieFor("moderator");
    const proposed = await proposeRoute(
      request(
        `/claims/${claim.id}/proposals`,
        "POST",
        { changes: { statement: "Nikolaev acted entirely alone" } },
        contributor,
      ),
      params({ claimId: claim.id }),
    );
    expect(proposed.status).toBe(202);
    const { revisionId } = await proposed.json();

    expect((await queueRoute(new Request(`${BASE}/revisions`, { headers: { cookie: contributor! } }))).status).toBe(
      403,
    );
    const queue = await (
      await queueRoute(new Request(`${BASE}/revisions`, { headers: { cookie: moderator! } }))
    ).json();
    expect(queue.items.map((item: { id: string }) => item.id)).toEqual([revisionId]);

    expect(
      (await approveRoute(request(`/revisions/${revisionId}/approve`, "POST", {}, contributor), params({ revisionId })))
        .status,
    ).toBe(403);
    expect(
      (await approveRoute(request(`/revisions/${revisionId}/approve`, "POST", {}, moderator), params({ revisionId })))
        .status,
    ).toBe(200);
    const again = await rejectRoute(
      request(`/revisions/${revisionId}/reject`, "POST", { reason: "Too late" }, moderator),
      params({ revisionId }),
    );
    expect(again.status).toBe(409);
    expect((await again.json()).error.code).toBe("CONFLICT");

    const direct = await proposeRoute(
      request(
        `/claims/${claim.id}/proposals`,
        "POST",
        { changes: { statement: "Nikolaev acted alone, said the court" } },
        moderator,
      ),
      params({ claimId: claim.id }),
    );
    expect(direct.status).toBe(200);
    expect(await direct.json()).toMatchObject({ applied: true });

    const history = await (
      await historyRoute(new Request(`${BASE}/claims/${claim.id}/history`), params({ claimId: claim.id }))
    ).json();
    // Newest first: the moderator's direct edit, the approved proposal, the claim's creation.
    expect(
      history.revisions.map((revision: { action: string; status: string }) => `${revision.action} ${revision.status}`),
    ).toEqual(["claim.edit approved", "claim.edit approved", "claim.create approved"]);
  });

  it("rewording a claim with votes: 400 naming votesOnRewording without the choice on an edit, an approval and a revert", async () => {
    const claim = await makeClaim({ statement: "Stalin ordered Kirov's murder" });
    const firstRevision = await db().revision.findFirstOrThrow({ where: { claimId: claim.id } });
    const [contributor, moderator] = [await cookieFor("contributor"), await cookieFor("moderator")];
    const vote = (value: number) =>
      voteRoute(request(`/claims/${claim.id}/vote`, "PUT", { value }, contributor), params({ claimId: claim.id }));
    expect((await vote(70)).status).toBe(200);
    const reworded = { changes: { statement: "Stalin ordered the murder of Sergei Kirov in December 1934" } };
    const edit = (body: object) =>
      proposeRoute(request(`/claims/${claim.id}/proposals`, "POST", body, moderator), params({ claimId: claim.id }));

    const before = await tableSnapshot();
    const refused = await edit(reworded);
    expect(refused.status).toBe(400);
    expect((await refused.json()).error).toMatchObject({ code: "INVALID", field: "votesOnRewording" });
    expect(await tableSnapshot()).toEqual(before);
    expect((await edit({ ...reworded, votesOnRewording: "confirm" })).status).toBe(200);
    // The same value, cast again, confirms the vote for the new wording.
    expect((await vote(70)).status).toBe(200);
    expect(await db().claim.findUniqueOrThrow({ where: { id: claim.id } })).toMatchObject({
      wording: 2,
      voteCount: 1,
      votesAwaitingConfirmation: 0,
    });

    const revert = (body: object) =>
      revertRoute(request(`/claims/${claim.id}/revert`, "POST", body, moderator), params({ claimId: claim.id }));
    const revertRefused = await revert({ revisionId: firstRevision.id, reason: "Back to the first words" });
    expect(revertRefused.status).toBe(400);
    expect((await revertRefused.json()).error.field).toBe("votesOnRewording");
    const noReason = await revert({ revisionId: firstRevision.id, votesOnRewording: "keep" });
    expect(noReason.status).toBe(400);
    expect((await noReason.json()).error.field).toBe("reason");
    expect(
      (await revert({ revisionId: firstRevision.id, reason: "Back to the first words", votesOnRewording: "keep" }))
        .status,
    ).toBe(200);

    const proposed = await proposeRoute(
      request(`/claims/${claim.id}/proposals`, "POST", reworded, contributor),
      params({ claimId: claim.id }),
    );
    expect(proposed.status).toBe(202);
    const { revisionId } = await proposed.json();
    const approve = (body: object) =>
      approveRoute(request(`/revisions/${revisionId}/approve`, "POST", body, moderator), params({ revisionId }));
    const approveRefused = await approve({});
    expect(approveRefused.status).toBe(400);
    expect((await approveRefused.json()).error.field).toBe("votesOnRewording");
    expect((await approve({ votesOnRewording: "keep" })).status).toBe(200);
  });

  it("undoing a citation: 200 for its author, 403 for another member, 409 once undone, 401 and 404", async () => {
    const claim = await makeClaim();
    const source = await makeSource();
    const author = await cookieFor("contributor");
    const other = await cookieFor("contributor");
    const added = await addEvidenceRoute(
      request(
        `/claims/${claim.id}/evidence`,
        "POST",
        { passage: { sourceId: source.id, quote: "Nikolaev acted alone" }, stance: "contradicts" },
        author,
      ),
      params({ claimId: claim.id }),
    );
    const { id: evidenceId } = (await added.json()) as { id: string };
    const undo = (cookie: string | undefined, id = evidenceId) =>
      undoCitationRoute(request(`/evidence/${id}`, "DELETE", "", cookie), params({ evidenceId: id }));

    const before = await tableSnapshot();
    expect((await undo(undefined)).status).toBe(401);
    const refused = await undo(other);
    expect(refused.status).toBe(403);
    expect((await refused.json()).error).toMatchObject({ field: "evidenceId" });
    expect((await undo(author, "no-such-evidence")).status).toBe(404);
    expect(await tableSnapshot()).toEqual(before);

    const done = await undo(author);
    expect(done.status).toBe(200);
    expect(await done.json()).toMatchObject({ id: evidenceId, claimId: claim.id, removed: true });
    expect((await undo(author)).status).toBe(409);
  });

  it("evidence and votes: 201 and 200, with 400 naming the field and 404 for an unknown claim", async () => {
    const claim = await makeClaim();
    const source = await makeSource();
    const contributor = await cookieFor("contributor");
    const added = await addEvidenceRoute(
      request(
        `/claims/${claim.id}/evidence`,
        "POST",
        { passage: { sourceId: source.id, quote: "Nikolaev acted alone" }, stance: "contradicts" },
        contributor,
      ),
      params({ claimId: claim.id }),
    );
    expect(added.status).toBe(201);
    const badStance = await addEvidenceRoute(
      request(
        `/claims/${claim.id}/evidence`,
        "POST",
        { passage: { sourceId: source.id, quote: "Kirov", occurrence: 1 }, stance: "maybe" },
        contributor,
      ),
      params({ claimId: claim.id }),
    );
    expect(badStance.status).toBe(400);
    expect((await badStance.json()).error.field).toBe("stance");

    expect(
      (
        await voteRoute(
          request(`/claims/${claim.id}/vote`, "PUT", { value: 65 }, contributor),
          params({ claimId: claim.id }),
        )
      ).status,
    ).toBe(200);
    const badVote = await voteRoute(
      request(`/claims/${claim.id}/vote`, "PUT", { value: "lots" }, contributor),
      params({ claimId: claim.id }),
    );
    expect(badVote.status).toBe(400);
    expect((await badVote.json()).error.field).toBe("value");
    expect(
      (
        await voteRoute(
          request(`/claims/missing/vote`, "PUT", { value: 5 }, contributor),
          params({ claimId: "missing" }),
        )
      ).status,
    ).toBe(404);
  });

  it("stores hostile text as text", async () => {
    const statement = `<script>alert("x")</script><img src=x onerror=alert(1)> Kirov`;
    const response = await createClaimRoute(request("/claims", "POST", { statement }, await cookieFor("moderator")));
    expect(response.status).toBe(201);
    const { id } = await response.json();
    expect((await db().claim.findUniqueOrThrow({ where: { id } })).statement).toBe(statement);
  });
});
