// Bad input to what search, people-in-texts, suggestions and merging added: every case gets a
// clear error naming the field (400/404/409 over the API) and leaves every table as it was.
import { renderToStaticMarkup } from "react-dom/server";
import { beforeEach, describe, expect, it } from "vitest";
import { GET as suggestionsRoute } from "@/app/api/claims/[claimId]/suggestions/route";
import { GET as similarRoute } from "@/app/api/claims/similar/route";
import { GET as listPeopleRoute } from "@/app/api/people/route";
import { GET as searchRoute } from "@/app/api/search/route";
import { SuggestedEvidenceList } from "@/components/claims/SuggestedEvidenceList";
import { publicReadCache } from "@/lib/cache/public-reads";
import { mergeClaims } from "@/lib/claims/merge";
import { suggestEvidence } from "@/lib/claims/suggestions";
import { settleMention } from "@/lib/people/mentions";
import { mergePeople, splitAlias } from "@/lib/people/merge";
import { rescanPeopleInSources } from "@/lib/people/rescan";
import { acceptPersonSuggestion, dismissPersonSuggestion } from "@/lib/people/suggestions";
import { search } from "@/lib/search/queries";
import { makeActor, makeClaim, makePerson, makeSource } from "../factories";
import { db, resetDatabase, tableSnapshot } from "../helpers";

beforeEach(resetDatabase);

const BASE = "http://localhost/api";
const HOSTILE = `<script>alert("x")</script><img src=x onerror=alert(1)>`;
const HUGE = "Kirov ".repeat(20_000);

async function errorOf(response: Response) {
  expect(response.headers.get("content-type")).toMatch(/application\/json/);
  return { status: response.status, ...(await response.json()).error };
}

describe("search and discovery endpoints refuse bad parameters by name", () => {
  it("GET /api/search, /api/claims/similar, /api/claims/{id}/suggestions and /api/people", async () => {
    await makeSource();
    const claim = await makeClaim({ statement: "Kirov was shot" });
    const cases: [() => Promise<Response>, number, string][] = [
      [() => searchRoute(new Request(`${BASE}/search?q=${encodeURIComponent(HUGE)}`)), 400, "q"],
      [() => searchRoute(new Request(`${BASE}/search?q=kirov&page=abc`)), 400, "page"],
      [() => searchRoute(new Request(`${BASE}/search?q=kirov&page=-1`)), 400, "page"],
      [() => searchRoute(new Request(`${BASE}/search?q=kirov&pageSize=100000`)), 400, "pageSize"],
      [() => searchRoute(new Request(`${BASE}/search?q=kirov&kind=${encodeURIComponent(HOSTILE)}`)), 400, "kind"],
      [() => searchRoute(new Request(`${BASE}/search?q=kirov&level=words`)), 400, "level"],
      [() => searchRoute(new Request(`${BASE}/search?q=kirov&person=nobody-at-all`)), 404, "person"],
      [() => searchRoute(new Request(`${BASE}/search?q=kirov&drop=table`)), 400, "drop"],
      [() => searchRoute(new Request(`${BASE}/search?q=a&q=b`)), 400, "q"],
      [() => similarRoute(new Request(`${BASE}/claims/similar?text=`)), 400, "text"],
      [() => similarRoute(new Request(`${BASE}/claims/similar?text=${encodeURIComponent(HUGE)}`)), 400, "text"],
      [() => similarRoute(new Request(`${BASE}/claims/similar?text=kirov+shot&limit=0`)), 400, "limit"],
      [
        () =>
          suggestionsRoute(new Request(`${BASE}/claims/${claim.id}/suggestions?limit=x`), {
            params: Promise.resolve({ claimId: claim.id }),
          }),
        400,
        "limit",
      ],
      [
        () =>
          suggestionsRoute(new Request(`${BASE}/claims/nope/suggestions`), {
            params: Promise.resolve({ claimId: "nope" }),
          }),
        404,
        "claimId",
      ],
      [() => listPeopleRoute(new Request(`${BASE}/people?q=${encodeURIComponent(HUGE)}`)), 400, "q"],
    ];
    for (const [request, status, field] of cases)
      expect(await errorOf(await request())).toMatchObject({ status, field });
  });

  it("GET /api/claims/{id}/suggestions, remembered between writes, keeps nothing for a refused request", async () => {
    const author = await makeActor("contributor");
    const draft = await makeClaim({ statement: "Kirov was shot", status: "draft", authorId: author.id! });
    publicReadCache().clear();
    const before = await tableSnapshot();
    const suggestions = (claimId: string, query = "") =>
      suggestionsRoute(new Request(`${BASE}/claims/${encodeURIComponent(claimId)}/suggestions${query}`), {
        params: Promise.resolve({ claimId: encodeURIComponent(claimId) }),
      });
    const cases: [() => Promise<Response>, number, string][] = [
      [() => suggestions(""), 400, "claimId"],
      [() => suggestions("x".repeat(10_000)), 400, "claimId"],
      [() => suggestions(HOSTILE), 400, "claimId"],
      [() => suggestions("%E0%A4%A"), 400, "claimId"],
      // Another member's draft, asked for anonymously (no session): not found, as if it did not exist.
      [() => suggestions(draft.id), 404, "claimId"],
      [() => suggestions(draft.id, `?limit=${encodeURIComponent(HOSTILE)}`), 400, "limit"],
      [() => suggestions(draft.id, "?limit=51"), 400, "limit"],
      [() => suggestions(draft.id, "?limit=1&limit=2"), 400, "limit"],
    ];
    for (const [request, status, field] of cases)
      expect(await errorOf(await request())).toMatchObject({ status, field });
    expect(publicReadCache().size).toBe(0);
    expect(await tableSnapshot()).toEqual(before);
  });

  it("treat query syntax and markup in the text as words, never as operators or SQL", async () => {
    await makeSource(`He wrote ${HOSTILE} about Kirov.\n\nNothing else "here" OR there.`);
    const before = await tableSnapshot();
    for (const q of [
      HOSTILE,
      `kirov" OR "1"="1`,
      '\'; DROP TABLE "SearchDocument"; --',
      "NEAR(kirov here, 0)",
      "kind : claim",
      "\u0000kirov",
    ]) {
      const result = await search(db(), null, { q });
      expect(Array.isArray(result.items), q).toBe(true);
    }
    for (const q of ["*", '""', "!!! ???"])
      await expect(search(db(), null, { q })).rejects.toMatchObject({ code: "INVALID", field: "q" });
    expect((await search(db(), null, { q: "script alert" })).items).toHaveLength(1);
    expect(await tableSnapshot()).toEqual(before);
  });

  it("suggestions for another member's draft are not found, and hostile passage text renders inert", async () => {
    const author = await makeActor("contributor");
    const other = await makeActor("contributor");
    await makePerson("Sergei Kirov", ["Kirov"]);
    await makeSource(`Kirov was shot ${HOSTILE} in the Smolny.`);
    const draft = await makeClaim({ statement: "Kirov was shot", status: "draft", authorId: author.id! });
    await expect(suggestEvidence(db(), other, { claimId: draft.id })).rejects.toMatchObject({
      code: "NOT_FOUND",
      field: "claimId",
    });
    const items = await suggestEvidence(db(), author, { claimId: draft.id });
    expect(items[0]!.passage.text).toContain("<script>");
    const markup = renderToStaticMarkup(<SuggestedEvidenceList items={items} />);
    expect(markup).not.toContain("<script>");
    expect(markup).not.toMatch(/<img/);
    expect(markup).toContain("&lt;script&gt;");
  });
});

describe("people and claim mutations refuse bad input and change nothing", () => {
  it("settling, rescanning, suggestions, merges and splits", async () => {
    const moderator = await makeActor("moderator");
    const alexander = await makePerson("Alexander Orlov");
    await makePerson("Vladimir Orlov");
    const yagoda = await makePerson("Genrikh Yagoda", ["Yagoda"]);
    const source = await makeSource("Orlov defected in 1938.");
    const suggestion = await db().personSuggestion.create({
      data: { sourceId: source.id, name: "Abram Slutsky", key: "abram slucki", occurrences: 2 },
    });
    const claim = await makeClaim({ statement: "Orlov defected" });
    const before = await tableSnapshot();

    const refused: [() => Promise<unknown>, string, string][] = [
      [
        () => settleMention(db(), moderator, { sourceId: source.id, surface: "", personId: alexander.id }),
        "INVALID",
        "surface",
      ],
      [
        () => settleMention(db(), moderator, { sourceId: "", surface: "Orlov", personId: alexander.id }),
        "INVALID",
        "sourceId",
      ],
      [
        () => settleMention(db(), moderator, { sourceId: "no-such-source", surface: "Orlov", personId: alexander.id }),
        "NOT_FOUND",
        "surface",
      ],
      [
        () => settleMention(db(), moderator, { sourceId: source.id, surface: HOSTILE, personId: alexander.id }),
        "NOT_FOUND",
        "surface",
      ],
      [
        () => settleMention(db(), moderator, { sourceId: source.id, surface: "Orlov", personId: yagoda.id }),
        "INVALID",
        "personId",
      ],
      [() => rescanPeopleInSources(db(), moderator, { sourceId: "no-such-source" }), "NOT_FOUND", "sourceId"],
      [() => rescanPeopleInSources(db(), moderator, { sourceId: "" }), "INVALID", "sourceId"],
      [
        () => acceptPersonSuggestion(db(), moderator, { suggestionId: "no-such-suggestion" }),
        "NOT_FOUND",
        "suggestionId",
      ],
      [
        () => acceptPersonSuggestion(db(), moderator, { suggestionId: suggestion.id, name: "x".repeat(5000) }),
        "INVALID",
        "name",
      ],
      [
        () => acceptPersonSuggestion(db(), moderator, { suggestionId: suggestion.id, aliases: ["!!!"] }),
        "INVALID",
        "aliases",
      ],
      [() => dismissPersonSuggestion(db(), moderator, { suggestionId: "" }), "INVALID", "suggestionId"],
      [() => mergePeople(db(), moderator, { into: "", from: yagoda.slug }), "INVALID", "into"],
      [() => mergePeople(db(), moderator, { into: yagoda.slug, from: "x".repeat(5000) }), "INVALID", "from"],
      [() => mergePeople(db(), moderator, { into: HOSTILE, from: yagoda.slug }), "NOT_FOUND", "into"],
      [() => splitAlias(db(), moderator, { person: yagoda.slug, alias: "" }), "INVALID", "alias"],
      [() => splitAlias(db(), moderator, { person: "nobody", alias: "Yagoda" }), "NOT_FOUND", "person"],
      // Another person's spelling is not this person's to split off.
      [() => splitAlias(db(), moderator, { person: yagoda.slug, alias: "Alexander Orlov" }), "NOT_FOUND", "alias"],
      [() => splitAlias(db(), moderator, { person: yagoda.slug, alias: "Genrikh Yagoda" }), "INVALID", "alias"],
      [() => mergeClaims(db(), moderator, { into: claim.id, from: "" }), "INVALID", "from"],
      [() => mergeClaims(db(), moderator, { into: "no-such-claim", from: claim.id }), "NOT_FOUND", "into"],
      [() => mergeClaims(db(), moderator, { into: claim.id, from: claim.slug }), "INVALID", "from"],
    ];
    for (const [call, code, field] of refused) await expect(call()).rejects.toMatchObject({ code, field });
    expect(await tableSnapshot()).toEqual(before);
  });

  it("a suggestion once accepted cannot be accepted or dismissed again, and markup in a name stays text", async () => {
    const moderator = await makeActor("moderator");
    const source = await makeSource();
    const suggestion = await db().personSuggestion.create({
      data: { sourceId: source.id, name: "Abram Slutsky", key: "abram slucki", occurrences: 2 },
    });
    const person = await acceptPersonSuggestion(db(), moderator, {
      suggestionId: suggestion.id,
      name: `Abram ${HOSTILE}`,
    });
    expect((await db().person.findUniqueOrThrow({ where: { id: person.id } })).name).toBe(`Abram ${HOSTILE}`);
    const before = await tableSnapshot();
    await expect(acceptPersonSuggestion(db(), moderator, { suggestionId: suggestion.id })).rejects.toMatchObject({
      code: "CONFLICT",
      field: "suggestionId",
    });
    await expect(dismissPersonSuggestion(db(), moderator, { suggestionId: suggestion.id })).rejects.toMatchObject({
      code: "CONFLICT",
      field: "suggestionId",
    });
    expect(await tableSnapshot()).toEqual(before);
  });
});
