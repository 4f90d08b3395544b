// The ratings API: PUT and DELETE a member's rating, GET the team's; status codes and field names.
import { beforeEach, describe, expect, it } from "vitest";
import {
  PUT as rateEvidenceRoute,
  DELETE as withdrawEvidenceRoute,
} from "@/app/api/evidence/[evidenceId]/rating/route";
import { GET as evidenceRatingsRoute } from "@/app/api/evidence/[evidenceId]/ratings/route";
import { PUT as rateSourceRoute, DELETE as withdrawSourceRoute } from "@/app/api/sources/[sourceId]/rating/route";
import { GET as sourceRatingsRoute } from "@/app/api/sources/[sourceId]/ratings/route";
import { addEvidence } from "@/lib/evidence/mutations";
import type { RoleName } from "@/lib/permissions";
import { makeClaim, makeSource, makeUser, SYSTEM_ACTOR, sessionTokenFor } from "../factories";
import { db, resetDatabase, tableSnapshot } from "../helpers";

beforeEach(resetDatabase);

const BASE = "http://localhost/api";
const params = <T extends object>(value: T) => ({ params: Promise.resolve(value) });

async function member(role: RoleName, name?: string) {
  const user = await makeUser(role, name ? { name } : {});
  return { user, cookie: `next-auth.session-token=${await sessionTokenFor(user.id)}` };
}

function request(path: string, method: string, options: { body?: unknown; cookie?: string; type?: string } = {}) {
  return new Request(`${BASE}${path}`, {
    method,
    headers: {
      ...(options.cookie ? { cookie: options.cookie } : {}),
      ...(options.body === undefined ? {} : { "content-type": options.type ?? "application/json" }),
    },
    ...(options.body === undefined
      ? {}
      : { body: typeof options.body === "string" ? options.body : JSON.stringify(options.body) }),
  });
}

describe("PUT and DELETE /api/sources/{sourceId}/rating, GET /api/sources/{sourceId}/ratings", () => {
  it("401 signed out, 403 for a viewer, 200 for a contributor; DELETE withdraws, then 404", async () => {
    const source = await makeSource();
    const path = `/sources/${source.id}/rating`;
    const rate = (cookie?: string, body: unknown = { grade: "B", reason: "A university press book" }) =>
      rateSourceRoute(request(path, "PUT", { body, cookie }), params({ sourceId: source.id }));
    const viewer = await member("viewer");
    const before = await tableSnapshot();
    expect((await rate()).status).toBe(401);
    const refused = await rate(viewer.cookie);
    expect(refused.status).toBe(403);
    expect((await refused.json()).error.code).toBe("FORBIDDEN");
    expect(await tableSnapshot()).toEqual(before);

    const contributor = await member("contributor");
    const rated = await rate(contributor.cookie);
    expect(rated.status).toBe(200);
    expect(await rated.json()).toMatchObject({
      sourceId: source.id,
      grade: "B",
      reason: "A university press book",
      ratedAt: expect.any(String),
    });

    const withdraw = () =>
      withdrawSourceRoute(request(path, "DELETE", { cookie: contributor.cookie }), params({ sourceId: source.id }));
    const withdrawn = await withdraw();
    expect(withdrawn.status).toBe(200);
    expect(await withdrawn.json()).toEqual({ sourceId: source.id, withdrawn: true });
    const again = await withdraw();
    expect(again.status).toBe(404);
    expect((await again.json()).error).toMatchObject({ code: "NOT_FOUND", field: "sourceId" });
    expect((await withdrawSourceRoute(request(path, "DELETE"), params({ sourceId: source.id }))).status).toBe(401);
  });

  it("400 naming the field, 404 for an unknown source, 415 for a body that is not JSON", async () => {
    const source = await makeSource();
    const { cookie } = await member("contributor");
    const put = (sourceId: string, body: unknown, type?: string) =>
      rateSourceRoute(request(`/sources/${sourceId}/rating`, "PUT", { body, cookie, type }), params({ sourceId }));
    const before = await tableSnapshot();
    for (const [body, field] of [
      [{ grade: "G", reason: "x" }, "grade"],
      [{ grade: 2, reason: "x" }, "grade"],
      [{ grade: "B" }, "reason"],
      [{ grade: "B", reason: "x".repeat(501) }, "reason"],
    ] as const) {
      const response = await put(source.id, body);
      expect(response.status, JSON.stringify(body)).toBe(400);
      expect((await response.json()).error).toMatchObject({ code: "INVALID", field });
    }
    const unknown = await put("cnosource0000000000000000", { grade: "B", reason: "x" });
    expect(unknown.status).toBe(404);
    expect((await unknown.json()).error.field).toBe("sourceId");
    expect((await put(source.id, "grade=B", "application/x-www-form-urlencoded")).status).toBe(415);
    expect(await tableSnapshot()).toEqual(before);
  });

  it("GET gives the team's rating to everyone, and each member's name and reason to members only", async () => {
    const source = await makeSource();
    const historian = await member("contributor", "Hanna Historian");
    const journalist = await member("moderator", "Jon Journalist");
    for (const [who, grade, reason] of [
      [historian, "C", "A mirror of an encyclopedia article"],
      [journalist, "F", "No author named"],
    ] as const) {
      const response = await rateSourceRoute(
        request(`/sources/${source.id}/rating`, "PUT", { body: { grade, reason }, cookie: who.cookie }),
        params({ sourceId: source.id }),
      );
      expect(response.status).toBe(200);
    }
    const get = async (cookie?: string) => {
      const response = await sourceRatingsRoute(
        request(`/sources/${source.id}/ratings`, "GET", { cookie }),
        params({ sourceId: source.id }),
      );
      expect(response.status).toBe(200);
      return response.json();
    };
    const anonymous = await get();
    expect(anonymous).toMatchObject({
      sourceId: source.id,
      ratedSourceId: source.id,
      own: null,
      ratings: null,
      canRate: false,
      team: {
        grade: "C",
        weight: 0.5,
        count: 2,
        judged: 1,
        cannotJudge: 1,
        spread: { best: "C", worst: "C" },
      },
    });
    expect(anonymous.team.distribution).toEqual([
      { grade: "A", count: 0 },
      { grade: "B", count: 0 },
      { grade: "C", count: 1 },
      { grade: "D", count: 0 },
      { grade: "E", count: 0 },
      { grade: "F", count: 1 },
    ]);
    const asHistorian = await get(historian.cookie);
    expect(asHistorian).toMatchObject({ canRate: true, own: { grade: "C", label: "Fairly reliable" } });
    expect(
      asHistorian.ratings.map((rating: { rater: { name: string }; grade: string; reason: string; own: boolean }) => [
        rating.rater.name,
        rating.grade,
        rating.reason,
        rating.own,
      ]),
    ).toEqual(
      expect.arrayContaining([
        ["Hanna Historian", "C", "A mirror of an encyclopedia article", true],
        ["Jon Journalist", "F", "No author named", false],
      ]),
    );
    const missing = await sourceRatingsRoute(
      request("/sources/cnosource0000000000000000/ratings", "GET"),
      params({ sourceId: "cnosource0000000000000000" }),
    );
    expect(missing.status).toBe(404);
  });
});

describe("PUT and DELETE /api/evidence/{evidenceId}/rating, GET /api/evidence/{evidenceId}/ratings", () => {
  async function evidenceOn(status: "published" | "draft", authorId?: string) {
    const source = await makeSource();
    const claim = await makeClaim({ status, ...(authorId ? { authorId } : {}) });
    return addEvidence(db(), SYSTEM_ACTOR, {
      claimId: claim.id,
      passage: { sourceId: source.id, quote: "Nikolaev acted alone" },
      stance: "contradicts",
    });
  }

  it("rates with a number from 1 to 6, withdraws, and reads the team's rating", async () => {
    const evidence = await evidenceOn("published");
    const { cookie } = await member("contributor");
    const path = `/evidence/${evidence.id}/rating`;
    const put = (body: unknown) =>
      rateEvidenceRoute(request(path, "PUT", { body, cookie }), params({ evidenceId: evidence.id }));

    const asText = await put({ grade: "2", reason: "Probably" });
    expect(asText.status).toBe(400);
    expect((await asText.json()).error).toMatchObject({ code: "INVALID", field: "grade" });
    const rated = await put({ grade: 2, reason: "Probably true: two accounts agree" });
    expect(rated.status).toBe(200);
    expect(await rated.json()).toMatchObject({ evidenceId: evidence.id, grade: 2 });

    const read = await evidenceRatingsRoute(
      request(`/evidence/${evidence.id}/ratings`, "GET"),
      params({ evidenceId: evidence.id }),
    );
    expect(read.status).toBe(200);
    expect(await read.json()).toMatchObject({
      evidenceId: evidence.id,
      claimId: evidence.claimId,
      ratings: null,
      team: { grade: 2, weight: 0.7, count: 1, spread: { best: 2, worst: 2 } },
    });

    const withdrawn = await withdrawEvidenceRoute(
      request(path, "DELETE", { cookie }),
      params({ evidenceId: evidence.id }),
    );
    expect(withdrawn.status).toBe(200);
    expect(await withdrawn.json()).toEqual({ evidenceId: evidence.id, withdrawn: true });
  });

  it("404 for evidence on a draft the caller may not see, for reading and for rating", async () => {
    const author = await member("contributor");
    const evidence = await evidenceOn("draft", author.user.id);
    const other = await member("contributor");
    const before = await tableSnapshot();
    const rated = await rateEvidenceRoute(
      request(`/evidence/${evidence.id}/rating`, "PUT", { body: { grade: 5, reason: "x" }, cookie: other.cookie }),
      params({ evidenceId: evidence.id }),
    );
    expect(rated.status).toBe(404);
    expect((await rated.json()).error).toMatchObject({ code: "NOT_FOUND", field: "evidenceId" });
    for (const cookie of [undefined, other.cookie]) {
      const read = await evidenceRatingsRoute(
        request(`/evidence/${evidence.id}/ratings`, "GET", { cookie }),
        params({ evidenceId: evidence.id }),
      );
      expect(read.status).toBe(404);
    }
    expect(await tableSnapshot()).toEqual(before);
    const own = await evidenceRatingsRoute(
      request(`/evidence/${evidence.id}/ratings`, "GET", { cookie: author.cookie }),
      params({ evidenceId: evidence.id }),
    );
    expect(own.status).toBe(200);
  });

  it("400 for a path parameter that cannot be an id", async () => {
    const response = await evidenceRatingsRoute(
      request("/evidence/x/ratings", "GET"),
      params({ evidenceId: "%3Cscript%3E" }),
    );
    expect(response.status).toBe(400);
    expect((await response.json()).error.field).toBe("evidenceId");
  });
});
