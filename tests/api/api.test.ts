import { beforeAll, describe, expect, it } from "vitest";
import { GET as unknownRoute } from "@/app/api/[...path]/route";
import { GET as getClaimRoute } from "@/app/api/claims/[claimId]/route";
import { GET as listClaimsRoute } from "@/app/api/claims/route";
import { GET as getHealthRoute } from "@/app/api/health/route";
import { GET as getPersonRoute } from "@/app/api/people/[slug]/route";
import { GET as listPeopleRoute } from "@/app/api/people/route";
import { GET as getSourceRoute } from "@/app/api/sources/[sourceId]/route";
import { getEnv } from "@/lib/env";
import { getHealth } from "@/lib/health";
import { loadSampleData } from "@/prisma/sample/load";
import { makeActor } from "../factories";
import { db, resetDatabase } from "../helpers";

const BASE = "http://localhost/api";
const params = <T extends object>(value: T) => ({ params: Promise.resolve(value) });

async function json(response: Response) {
  expect(response.headers.get("content-type")).toMatch(/application\/json/);
  return response.json();
}

beforeAll(async () => {
  await resetDatabase();
  await loadSampleData(db(), { dataDir: getEnv().DATA_DIR });
});

describe("JSON API on the sample data", () => {
  it("GET /api/health reports the database and counts, but not how many accounts exist", async () => {
    const response = await getHealthRoute(new Request(`${BASE}/health`));
    expect(response.status).toBe(200);
    const body = await json(response);
    expect(body).toMatchObject({ status: "ok", database: getEnv().databaseKind, counts: { sources: 3, people: 16 } });
    expect(body.counts.passages).toBeGreaterThan(900);
    expect(body.counts).not.toHaveProperty("users");
  });

  it("health tells the number of accounts to admins only", async () => {
    for (const role of ["viewer", "contributor", "moderator"] as const) {
      expect((await getHealth(db(), await makeActor(role))).counts).not.toHaveProperty("users");
    }
    const users = await db().user.count();
    expect((await getHealth(db(), await makeActor("admin"))).counts.users).toBe(users + 1);
  });

  it("GET /api/claims filters and paginates", async () => {
    const body = await json(await listClaimsRoute(new Request(`${BASE}/claims?person=Nikolayev&pageSize=1&page=1`)));
    expect(body).toMatchObject({ page: 1, pageSize: 1 });
    expect(body.total).toBeGreaterThanOrEqual(2);
    expect(body.items).toHaveLength(1);
    const stalin = await json(
      await listClaimsRoute(new Request(`${BASE}/claims?q=${encodeURIComponent("stalin ordered")}`)),
    );
    expect(stalin.items.map((claim: { statement: string }) => claim.statement)).toContain(
      "Stalin ordered Kirov's murder",
    );
    // Anonymous readers do not see the pending claim.
    const pending = await json(await listClaimsRoute(new Request(`${BASE}/claims?status=pending_review`)));
    expect(pending.items).toEqual([]);
  });

  it.each([
    ["page=zero", "page"],
    ["pageSize=1000", "pageSize"],
    ["status=secret", "status"],
    ["order=recent", "order"],
    ["sort=random", "sort"],
    ["minConfidence=120", "minConfidence"],
    ["contested=maybe", "contested"],
    ["q=a&q=b", "q"],
  ])("GET /api/claims?%s is a 400 naming %s", async (query, field) => {
    const response = await listClaimsRoute(new Request(`${BASE}/claims?${query}`));
    expect(response.status).toBe(400);
    const body = await json(response);
    expect(body.error).toMatchObject({ code: "INVALID", field });
    expect(body.error.message).toContain(field);
  });

  it("GET /api/claims/{id} returns evidence whose offsets match the source text", async () => {
    const claim = await db().claim.findFirstOrThrow({ where: { statement: "Stalin ordered Kirov's murder" } });
    const response = await getClaimRoute(new Request(`${BASE}/claims/${claim.id}`), params({ claimId: claim.id }));
    expect(response.status).toBe(200);
    const body = await json(response);
    expect(body.statement).toBe("Stalin ordered Kirov's murder");
    expect(body.votes.count).toBeGreaterThanOrEqual(3);
    expect(body.people.map((person: { slug: string }) => person.slug)).toContain("joseph-stalin");
    const stances = body.evidence.map((item: { stance: string }) => item.stance);
    expect(stances.filter((stance: string) => stance === "supports").length).toBeGreaterThanOrEqual(3);
    expect(stances.filter((stance: string) => stance === "contradicts").length).toBeGreaterThanOrEqual(3);
    for (const item of body.evidence) {
      const source = await json(
        await getSourceRoute(
          new Request(`${BASE}/sources/${item.source.sourceId}?passages=selection`),
          params({ sourceId: item.source.sourceId }),
        ),
      );
      expect(source.text.slice(item.passage.start, item.passage.end)).toBe(item.passage.text);
      expect(item.citation).toContain(source.title);
    }
  });

  it("GET /api/people/{slug} and /api/people?q find a person under any spelling", async () => {
    const body = await json(
      await getPersonRoute(new Request(`${BASE}/people/genrikh-yagoda`), params({ slug: "genrikh-yagoda" })),
    );
    expect(body.aliases).toEqual(expect.arrayContaining(["Iagoda", "Genrik Yagoda"]));
    expect(body.claims.length).toBeGreaterThanOrEqual(2);
    const search = await json(await listPeopleRoute(new Request(`${BASE}/people?q=shpigelglas`)));
    expect(search.items.map((person: { slug: string }) => person.slug)).toEqual(["sergey-spigelglas"]);
  });

  it("GET /api/sources/{id} returns metadata, text and passages with offsets", async () => {
    const source = await db().source.findFirstOrThrow({ where: { title: "Ivan Serov" } });
    const body = await json(
      await getSourceRoute(new Request(`${BASE}/sources/${source.id}`), params({ sourceId: source.id })),
    );
    expect(body).toMatchObject({ id: source.id, title: "Ivan Serov", kind: "web_page", language: "en" });
    expect(body.passages.length).toBeGreaterThan(100);
    for (const passage of body.passages) expect(body.text.slice(passage.start, passage.end)).toBe(passage.text);
    const bad = await getSourceRoute(
      new Request(`${BASE}/sources/${source.id}?passages=chapter`),
      params({ sourceId: source.id }),
    );
    expect(bad.status).toBe(400);
    expect((await json(bad)).error.field).toBe("passages");
  });

  it.each([
    ["claim", () => getClaimRoute(new Request(`${BASE}/claims/nope`), params({ claimId: "nope" }))],
    ["person", () => getPersonRoute(new Request(`${BASE}/people/nobody`), params({ slug: "nobody" }))],
    ["source", () => getSourceRoute(new Request(`${BASE}/sources/nope`), params({ sourceId: "nope" }))],
    ["endpoint", () => unknownRoute(new Request(`${BASE}/nothing/here`))],
  ])("an unknown %s is a JSON 404", async (_name, call) => {
    const response = await call();
    expect(response.status).toBe(404);
    expect((await json(response)).error.code).toBe("NOT_FOUND");
  });

  it("an id with characters no id has is a 400", async () => {
    const response = await getClaimRoute(new Request(`${BASE}/claims/x`), params({ claimId: "<script>" }));
    expect(response.status).toBe(400);
    expect((await json(response)).error.field).toBe("claimId");
  });
});
