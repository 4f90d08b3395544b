// Public reads carry a validator (ETag) and are always revalidated: a proxy may keep a copy, never
// serve one older than the last acknowledged write (issue 12).
import { beforeEach, describe, expect, it } from "vitest";
import { GET as claimRoute } from "@/app/api/claims/[claimId]/route";
import { GET as claimsRoute } from "@/app/api/claims/route";
import { castVote } from "@/lib/votes/mutations";
import { makeActor, makeClaim, sessionTokenFor } from "../factories";
import { db, resetDatabase } from "../helpers";

beforeEach(resetDatabase);

const BASE = "http://localhost/api";

describe("public reads", () => {
  it("answer 304 to a copy that still holds, and a new ETag once a write changed them", async () => {
    const claim = await makeClaim({ statement: "Kirov was shot in the Smolny" });
    const params = { params: Promise.resolve({ claimId: claim.slug }) };
    const first = await claimRoute(new Request(`${BASE}/claims/${claim.slug}`), params);
    expect(first.status).toBe(200);
    const etag = first.headers.get("etag")!;
    expect(etag).toMatch(/^W\/".+"$/);
    expect(first.headers.get("cache-control")).toBe("public, no-cache");
    expect(first.headers.get("vary")).toBe("Cookie");

    const again = await claimRoute(
      new Request(`${BASE}/claims/${claim.slug}`, { headers: { "if-none-match": etag } }),
      {
        params: Promise.resolve({ claimId: claim.slug }),
      },
    );
    expect(again.status).toBe(304);
    expect(await again.text()).toBe("");

    // A vote changes what the claim says: the old copy no longer holds.
    const voter = await makeActor("contributor");
    await castVote(db(), voter, { claimId: claim.id, value: 80 });
    const after = await claimRoute(
      new Request(`${BASE}/claims/${claim.slug}`, { headers: { "if-none-match": etag } }),
      {
        params: Promise.resolve({ claimId: claim.slug }),
      },
    );
    expect(after.status).toBe(200);
    expect(after.headers.get("etag")).not.toBe(etag);

    // A member's answer is theirs: private. Errors are not cached.
    const member = await claimsRoute(
      new Request(`${BASE}/claims`, {
        headers: { cookie: `next-auth.session-token=${await sessionTokenFor(voter.id!)}` },
      }),
    );
    expect(member.headers.get("cache-control")).toBe("private, no-cache");
    const bad = await claimsRoute(new Request(`${BASE}/claims?page=0`));
    expect(bad.status).toBe(400);
    expect(bad.headers.get("cache-control")).toBe("no-store");
    expect(bad.headers.get("etag")).toBeNull();
  });
});
