// The lines-of-evidence API: GET and POST /api/claims/{claimId}/origins, PUT /api/evidence/{evidenceId}/origin,
// GET /api/origins and PATCH /api/origins/{originId}; status codes and the fields errors name.
import { beforeEach, describe, expect, it } from "vitest";
import { GET as claimOriginsRoute, POST as groupRoute } from "@/app/api/claims/[claimId]/origins/route";
import { GET as claimsRoute } from "@/app/api/claims/route";
import { PUT as evidenceOriginRoute } from "@/app/api/evidence/[evidenceId]/origin/route";
import { PATCH as updateOriginRoute } from "@/app/api/origins/[originId]/route";
import { GET as originsRoute } from "@/app/api/origins/route";
import { addEvidence } from "@/lib/evidence/mutations";
import type { RoleName } from "@/lib/permissions";
import { makeClaim, makeSource, makeUser, SYSTEM_ACTOR, sessionTokenFor } from "../factories";
import { db, resetDatabase, tableSnapshot } from "../helpers";

beforeEach(resetDatabase);

const BASE = "http://localhost/api";
const params = <T extends object>(value: T) => ({ params: Promise.resolve(value) });

async function member(role: RoleName) {
  const user = await makeUser(role);
  return { user, cookie: `next-auth.session-token=${await sessionTokenFor(user.id)}` };
}

function request(path: string, method: string, options: { body?: unknown; cookie?: string } = {}) {
  return new Request(`${BASE}${path}`, {
    method,
    headers: {
      ...(options.cookie ? { cookie: options.cookie } : {}),
      ...(options.body === undefined ? {} : { "content-type": "application/json" }),
    },
    ...(options.body === undefined ? {} : { body: JSON.stringify(options.body) }),
  });
}

async function claimWithOrlov() {
  const source = await makeSource(
    "According to Alexander Orlov, Stalin ordered Yagoda to arrange the murder.\n\n" +
      "Orlov claimed that Medved was kept in the dark.\n\nThe court ruled that Nikolaev acted alone.",
  );
  const claim = await makeClaim({ statement: "Stalin ordered Kirov's murder" });
  const cite = async (quote: string, stance: "supports" | "contradicts") =>
    (await addEvidence(db(), SYSTEM_ACTOR, { claimId: claim.id, passage: { sourceId: source.id, quote }, stance })).id;
  return {
    claim,
    first: await cite("According to Alexander Orlov, Stalin ordered Yagoda to arrange the murder.", "supports"),
    second: await cite("Orlov claimed that Medved was kept in the dark.", "supports"),
    court: await cite("The court ruled that Nikolaev acted alone.", "contradicts"),
  };
}

describe("the origins API", () => {
  it("GET shows the lines (and suggestions to members who may group); POST groups in one step; lists show the lines", async () => {
    const { claim, first, second, court } = await claimWithOrlov();
    const get = (cookie?: string) =>
      claimOriginsRoute(request(`/claims/${claim.slug}/origins`, "GET", { cookie }), params({ claimId: claim.slug }));
    const anonymous = await (await get()).json();
    expect(anonymous).toMatchObject({
      claimId: claim.id,
      lines: {
        supports: {
          lines: 2,
          passages: 2,
          groups: [
            { origin: null, evidenceIds: [first] },
            { origin: null, evidenceIds: [second] },
          ],
        },
        contradicts: { lines: 1, passages: 1 },
        context: { lines: 0, passages: 0, groups: [] },
      },
      origins: [],
      suggestions: [],
    });
    const contributor = await member("contributor");
    const [suggestion] = (await (await get(contributor.cookie)).json()).suggestions;
    expect(suggestion).toMatchObject({ informant: "Alexander Orlov", evidenceIds: [first, second], origin: null });

    const post = (body: unknown, cookie?: string) =>
      groupRoute(request(`/claims/${claim.id}/origins`, "POST", { body, cookie }), params({ claimId: claim.id }));
    const body = { evidenceIds: suggestion.evidenceIds, name: suggestion.suggestedName };
    const viewer = await member("viewer");
    const before = await tableSnapshot();
    expect((await post(body)).status).toBe(401);
    expect((await post(body, viewer.cookie)).status).toBe(403);
    const invalid = await post({ evidenceIds: [court, "nope"], name: "X's account" }, contributor.cookie);
    expect(invalid.status).toBe(400);
    expect((await invalid.json()).error).toMatchObject({ code: "INVALID", field: "evidenceIds" });
    expect(await tableSnapshot()).toEqual(before);

    const grouped = await post(body, contributor.cookie);
    expect(grouped.status).toBe(200);
    const result = await grouped.json();
    expect(result).toMatchObject({
      claimId: claim.id,
      created: true,
      origin: { name: "Alexander Orlov's account" },
      lines: { supports: { lines: 1, passages: 2 }, contradicts: { lines: 1, passages: 1 } },
    });
    expect((await (await get()).json()).origins).toEqual([
      expect.objectContaining({ id: result.origin.id, passages: 2, claims: 1, canEdit: false }),
    ]);
    const list = await (await claimsRoute(request("/claims", "GET"))).json();
    expect(list.items[0]).toMatchObject({ lines: { supports: 1, contradicts: 1 }, evidenceCounts: { supports: 2 } });

    // PUT takes one piece out again; null is the way to say so, a missing originId is 400.
    const put = (evidenceId: string, payload: unknown, cookie = contributor.cookie) =>
      evidenceOriginRoute(
        request(`/evidence/${evidenceId}/origin`, "PUT", { body: payload, cookie }),
        params({ evidenceId }),
      );
    const missing = await put(second, {});
    expect(missing.status).toBe(400);
    expect((await missing.json()).error.field).toBe("originId");
    const freed = await put(second, { originId: null });
    expect(freed.status).toBe(200);
    expect((await freed.json()).lines.supports).toEqual({ lines: 2, passages: 2 });
    expect((await put("no-such-evidence", { originId: null })).status).toBe(404);

    // GET /api/origins lists it; PATCH renames it (its namer, or a moderator).
    const origins = await (await originsRoute(request("/origins?q=orlov", "GET"))).json();
    expect(origins).toEqual([expect.objectContaining({ name: "Alexander Orlov's account", passages: 1, claims: 1 })]);
    expect((await originsRoute(request("/origins?sort=name", "GET"))).status).toBe(400);
    const patch = (payload: unknown, cookie?: string) =>
      updateOriginRoute(
        request(`/origins/${result.origin.id}`, "PATCH", { body: payload, cookie }),
        params({ originId: result.origin.id }),
      );
    expect((await patch({ note: "Second-hand" }, (await member("contributor")).cookie)).status).toBe(403);
    const renamed = await patch({ note: "Second-hand" }, contributor.cookie);
    expect(renamed.status).toBe(200);
    expect(await renamed.json()).toEqual({
      id: result.origin.id,
      name: "Alexander Orlov's account",
      note: "Second-hand",
    });
  });

  it("409 on a locked claim, naming the claim", async () => {
    const { claim, first, second } = await claimWithOrlov();
    await db().claim.update({ where: { id: claim.id }, data: { lockedAt: new Date() } });
    const { cookie } = await member("moderator");
    const refused = await groupRoute(
      request(`/claims/${claim.id}/origins`, "POST", { body: { evidenceIds: [first, second], name: "Orlov" }, cookie }),
      params({ claimId: claim.id }),
    );
    expect(refused.status).toBe(409);
    expect((await refused.json()).error).toMatchObject({ code: "CONFLICT", field: "claimId" });
  });
});
