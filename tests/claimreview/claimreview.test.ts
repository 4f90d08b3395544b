// ClaimReview (schema.org): the claim page's JSON-LD, GET /api/claims/{id}/claimreview and the
// GET /api/claimreview.jsonl feed, checked against what schema.org and Google's fact-check guidelines
// expect of the type, on the sample data and on claims made for the purpose.
import { renderToStaticMarkup } from "react-dom/server";
import { beforeAll, describe, expect, it } from "vitest";
import { GET as feedRoute } from "@/app/api/claimreview.jsonl/route";
import { GET as claimReviewRoute } from "@/app/api/claims/[claimId]/claimreview/route";
import { JsonLd } from "@/components/ui/JsonLd";
import { serializeJsonLd } from "@/lib/claimreview/build";
import { claimReviewFeed, claimReviewOf, getClaimReview } from "@/lib/claimreview/queries";
import { BEST_RATING, claimRating, MIN_VOTES_FOR_RATING, WORST_RATING } from "@/lib/claimreview/rating";
import { mergeClaims } from "@/lib/claims/merge";
import { createClaim } from "@/lib/claims/mutations";
import { getClaim } from "@/lib/claims/queries";
import { getEnv, publicUrl } from "@/lib/env";
import { addEvidence } from "@/lib/evidence/mutations";
import { reviewPendingClaim } from "@/lib/moderation/mutations";
import { getPublisher, setPublisher } from "@/lib/settings/publisher";
import { castVote } from "@/lib/votes/mutations";
import { loadSampleData } from "@/prisma/sample/load";
import { makeActor, makeClaim, makePerson, makeSource, SYSTEM_ACTOR } from "../factories";
import { db, resetDatabase } from "../helpers";

const BASE = "http://localhost/api";
const params = <T extends object>(value: T) => ({ params: Promise.resolve(value) });
// biome-ignore lint/suspicious/noExplicitAny: parsed JSON, which the assertions check
type Json = Record<string, any>;

async function reviewFromApi(claimId: string): Promise<Response> {
  return claimReviewRoute(new Request(`${BASE}/claims/${claimId}/claimreview`), params({ claimId }));
}

async function feedLines(): Promise<Json[]> {
  const response = await feedRoute(new Request(`${BASE}/claimreview.jsonl`));
  expect(response.status).toBe(200);
  expect(response.headers.get("content-type")).toMatch(/^application\/x-ndjson/);
  const text = await response.text();
  expect(text.endsWith("\n")).toBe(true);
  return text
    .split("\n")
    .filter(Boolean)
    .map((line) => JSON.parse(line));
}

const isIsoDate = (value: unknown) =>
  typeof value === "string" && /^\d{4}-\d{2}-\d{2}(T[\d:.]+Z)?$/.test(value) && !Number.isNaN(Date.parse(value));

/**
 * What schema.org and Google's ClaimReview guidelines ask for: claimReviewed, reviewRating (a Rating
 * with alternateName, and ratingValue within worstRating–bestRating when given), url, author (the
 * publishing organisation, named), datePublished, itemReviewed (a Claim); types as the vocabulary says.
 */
function expectValidClaimReview(review: Json) {
  expect(review["@context"]).toBe("https://schema.org");
  expect(review["@type"]).toBe("ClaimReview");
  expect(typeof review.claimReviewed).toBe("string");
  expect(review.claimReviewed.length).toBeGreaterThan(0);
  // url: absolute, on this installation, the claim's page.
  expect(review.url).toMatch(new RegExp(`^${publicUrl().replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}/claims/[^/]+$`));
  expect(() => new URL(review.url)).not.toThrow();
  expect(isIsoDate(review.datePublished)).toBe(true);
  expect(isIsoDate(review.dateModified)).toBe(true);
  for (const organisation of [review.author, review.publisher]) {
    expect(organisation["@type"]).toBe("Organization");
    expect(typeof organisation.name).toBe("string");
    expect(organisation.name.length).toBeGreaterThan(0);
    expect(() => new URL(organisation.url)).not.toThrow();
  }
  const rating = review.reviewRating;
  expect(rating["@type"]).toBe("Rating");
  expect(rating.bestRating).toBe(BEST_RATING);
  expect(rating.worstRating).toBe(WORST_RATING);
  expect(typeof rating.alternateName).toBe("string");
  expect(rating.alternateName.length).toBeGreaterThan(0);
  if (rating.ratingValue !== undefined) {
    expect(typeof rating.ratingValue).toBe("number");
    expect(Number.isInteger(rating.ratingValue)).toBe(true);
    expect(rating.ratingValue).toBeGreaterThanOrEqual(rating.worstRating);
    expect(rating.ratingValue).toBeLessThanOrEqual(rating.bestRating);
  } else {
    expect(rating.alternateName).toMatch(/^Unrated/);
  }
  expect(review.itemReviewed["@type"]).toBe("Claim");
  for (const person of [...(review.itemReviewed.about ?? []), ...(review.itemReviewed.mentions ?? [])]) {
    expect(person["@type"]).toBe("Person");
    expect(typeof person.name).toBe("string");
    expect(person.url).toMatch(/\/people\/[^/]+$/);
  }
  for (const work of review.citation ?? []) {
    expect(work["@type"]).toBe("CreativeWork");
    expect(typeof work.name).toBe("string");
    expect(typeof work.text).toBe("string");
    expect(() => new URL(work.url)).not.toThrow();
  }
}

describe("ClaimReview on the sample data", () => {
  beforeAll(async () => {
    await resetDatabase();
    await loadSampleData(db(), { dataDir: getEnv().DATA_DIR });
  });

  it("GET /api/claims/{id}/claimreview describes a published claim as schema.org expects", async () => {
    const claim = await db().claim.findFirstOrThrow({
      where: { statement: "Stalin ordered Kirov's murder" },
      include: { evidence: { include: { passage: { include: { source: true } } } } },
    });
    const response = await reviewFromApi(claim.slug);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toMatch(/^application\/ld\+json/);
    const review = await response.json();
    expectValidClaimReview(review);
    expect(review.claimReviewed).toBe("Stalin ordered Kirov's murder");
    expect(review.url).toBe(`${publicUrl()}/claims/${claim.slug}`);
    expect(review.author).toEqual({ "@type": "Organization", name: "Fact-check", url: publicUrl() });
    // Four current votes (70, 65 after 55, 30, 85): median 67.5, the middle half 17.5 points apart.
    expect(review.reviewRating).toMatchObject({ ratingValue: 4, alternateName: "Likely true" });
    expect(review.reviewRating.ratingExplanation).toContain("67.5% (4 votes)");
    expect(review.itemReviewed.about.map((person: Json) => person.name)).toContain("Joseph Stalin");
    // Every cited passage, quoted, with its source's title.
    expect(review.citation).toHaveLength(claim.evidence.length);
    for (const evidence of claim.evidence) {
      expect(review.citation).toContainEqual(
        expect.objectContaining({ text: evidence.passage.text, name: evidence.passage.source.title }),
      );
    }
    // Published when created (a moderator's claim): the revision that set the status.
    expect(Date.parse(review.datePublished)).toBeGreaterThanOrEqual(claim.createdAt.getTime() - 1000);
  });

  it("the claim page embeds the same JSON-LD as the API gives (the anonymous reader's view)", async () => {
    for (const claim of await db().claim.findMany({ where: { status: "published" } })) {
      const fromPage = await claimReviewOf(db(), await getClaim(db(), null, { claimId: claim.slug }));
      expect(fromPage).toEqual(await getClaimReview(db(), null, { claimId: claim.id }));
    }
  });

  it("the feed holds every published claim once, each line the claim's ClaimReview", async () => {
    const published = await db().claim.findMany({ where: { status: "published" }, select: { id: true, slug: true } });
    const lines = await feedLines();
    expect(lines).toHaveLength(published.length);
    for (const line of lines) expectValidClaimReview(line);
    for (const claim of published) {
      const line = lines.find((entry) => entry.url === `${publicUrl()}/claims/${claim.slug}`);
      expect(line).toEqual(await getClaimReview(db(), null, { claimId: claim.id }));
    }
  });

  it("a claim pending review is 404 from the endpoint, even for a moderator, and absent from the feed", async () => {
    const pending = await db().claim.findFirstOrThrow({ where: { status: "pending_review" } });
    for (const ref of [pending.id, pending.slug]) {
      const response = await reviewFromApi(ref);
      expect(response.status).toBe(404);
      expect((await response.json()).error.code).toBe("NOT_FOUND");
    }
    await expect(getClaimReview(db(), await makeActor("moderator"), { claimId: pending.id })).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
    expect((await feedLines()).map((line) => line.claimReviewed)).not.toContain(pending.statement);
  });
});

describe("ClaimReview for claims made here", () => {
  beforeAll(resetDatabase);

  it("drafts, pending, archived and merged claims have none; a published one has", async () => {
    const moderator = await makeActor("moderator");
    const published = await makeClaim({ status: "published" });
    for (const status of ["draft", "pending_review", "archived"] as const) {
      const claim = await makeClaim({ status });
      expect((await reviewFromApi(claim.id)).status).toBe(404);
      await expect(getClaimReview(db(), moderator, { claimId: claim.id })).rejects.toMatchObject({ code: "NOT_FOUND" });
      const visible = await getClaim(db(), moderator, { claimId: claim.id });
      expect(await claimReviewOf(db(), visible)).toBeNull();
    }
    const duplicate = await makeClaim({ status: "published" });
    await mergeClaims(db(), moderator, { into: published.id, from: duplicate.id });
    expect((await reviewFromApi(duplicate.id)).status).toBe(404);
    expect((await reviewFromApi(published.id)).status).toBe(200);
    const feed = await feedLines();
    expect(feed.map((line) => line.url)).toEqual([`${publicUrl()}/claims/${published.slug}`]);
  });

  it("the feed takes no parameters: one given is a 400 naming it", async () => {
    const response = await feedRoute(new Request(`${BASE}/claimreview.jsonl?page=2`));
    expect(response.status).toBe(400);
    expect((await response.json()).error).toMatchObject({ code: "INVALID", field: "page" });
  });

  it("the claim's subjects are what it is about, the others what it mentions", async () => {
    const subject = await makePerson("Sergei Kirov");
    const mentioned = await makePerson("Leonid Nikolaev");
    const claim = await createClaim(db(), SYSTEM_ACTOR, {
      statement: "Nikolaev shot Kirov in the Smolny",
      status: "published",
      people: [
        { personId: subject.id, role: "subject" },
        { personId: mentioned.id, role: "mentioned" },
      ],
    });
    const review = await getClaimReview(db(), null, { claimId: claim.id });
    const item = review.itemReviewed as Json;
    expect(item.about).toEqual([
      { "@type": "Person", name: "Sergei Kirov", url: `${publicUrl()}/people/${subject.slug}` },
    ]);
    expect(item.mentions).toEqual([
      { "@type": "Person", name: "Leonid Nikolaev", url: `${publicUrl()}/people/${mentioned.slug}` },
    ]);
    expect(item.author).toBeUndefined();
  });

  it("is published with the date of publication, not of creation, for a claim that waited for review", async () => {
    const claim = await makeClaim({ status: "pending_review" });
    // Proposed long ago (the clock cannot be turned back for a write, so the row is dated back).
    await db().claim.update({ where: { id: claim.id }, data: { createdAt: new Date("2020-01-01T00:00:00Z") } });
    const moderator = await makeActor("moderator");
    const before = Date.now();
    await reviewPendingClaim(db(), moderator, { claimId: claim.id, decision: "publish" });
    const review = await getClaimReview(db(), null, { claimId: claim.id });
    expect(Date.parse(review.datePublished as string)).toBeGreaterThanOrEqual(before - 1000);
  });

  it("rates from the votes: too few, then the team's median, and hides it from a member who has not voted", async () => {
    const claim = await makeClaim();
    const voters = await Promise.all([makeActor("contributor"), makeActor("contributor"), makeActor("moderator")]);
    const rating = async (actor: Parameters<typeof getClaimReview>[1] = null) =>
      (await getClaimReview(db(), actor, { claimId: claim.id })).reviewRating as Json;

    await castVote(db(), voters[0]!, { claimId: claim.id, value: 95 });
    expect(await rating()).toMatchObject({ alternateName: "Unrated: too few votes" });
    expect((await rating()).ratingValue).toBeUndefined();

    await castVote(db(), voters[1]!, { claimId: claim.id, value: 92 });
    await castVote(db(), voters[2]!, { claimId: claim.id, value: 97 });
    expect(await rating()).toMatchObject({ ratingValue: 5, alternateName: "Very likely true", bestRating: 5 });
    // The viewer's view is the anonymous one: they may not vote, so they see the figures.
    expect(await rating(await makeActor("viewer"))).toMatchObject({ ratingValue: 5 });

    // A contributor who may vote and has not sees no figures, here as on the claim page.
    const newcomer = await makeActor("contributor");
    const hidden = await rating(newcomer);
    expect(hidden.ratingValue).toBeUndefined();
    expect(hidden.alternateName).toBe("Unrated: vote to see the team's view");
    expect(hidden.ratingExplanation).not.toMatch(/9\d%/);
    const page = await claimReviewOf(db(), await getClaim(db(), newcomer, { claimId: claim.id }));
    expect(page?.reviewRating).toEqual(hidden);
    const feed: Json[] = [];
    for await (const review of claimReviewFeed(db(), newcomer)) feed.push(review);
    expect(feed.find((review) => review.claimReviewed === claim.statement)?.reviewRating).toEqual(hidden);

    await castVote(db(), newcomer, { claimId: claim.id, value: 90 });
    expect(await rating(newcomer)).toMatchObject({ ratingValue: 5 });
  });

  it("reads the feed a page at a time, every claim once, in id order", async () => {
    await resetDatabase();
    const claims = await Promise.all(Array.from({ length: 7 }, () => makeClaim()));
    const ids: string[] = [];
    for await (const review of claimReviewFeed(db(), null, { pageSize: 3 })) {
      ids.push(claims.find((claim) => review.url === `${publicUrl()}/claims/${claim.slug}`)!.id);
    }
    expect(ids).toEqual(claims.map((claim) => claim.id).sort());
  });

  it("cites each passage with its quote and its source's title and address", async () => {
    const source = await makeSource();
    const claim = await makeClaim();
    const passage = source.passages.find((entry) => entry.kind === "sentence")!;
    await addEvidence(db(), SYSTEM_ACTOR, {
      claimId: claim.id,
      passage: { passageId: passage.id },
      stance: "contradicts",
    });
    const review = await getClaimReview(db(), null, { claimId: claim.id });
    expect(review.citation).toEqual([
      expect.objectContaining({
        "@type": "CreativeWork",
        name: source.title,
        url: "https://example.org/source",
        text: passage.text,
        datePublished: "1988",
        description: "Cited as contradicting the claim.",
      }),
    ]);
  });

  it("the publisher is a setting: Fact-check by default, named by an admin, refused to others", async () => {
    expect(await getPublisher(db())).toEqual({ name: "Fact-check", url: publicUrl() });
    await expect(setPublisher(db(), await makeActor("moderator"), { name: "X" })).rejects.toMatchObject({
      code: "FORBIDDEN",
    });
    await expect(
      setPublisher(db(), await makeActor("admin"), { name: "X", url: "javascript:alert(1)" }),
    ).rejects.toMatchObject({ code: "INVALID", field: "url" });
    await expect(setPublisher(db(), await makeActor("admin"), { name: " " })).rejects.toMatchObject({
      code: "INVALID",
      field: "name",
    });
    const admin = await makeActor("admin");
    await setPublisher(db(), admin, { name: "Kirov Files", url: "https://kirov.example.org" });
    const claim = await makeClaim();
    const review = await getClaimReview(db(), null, { claimId: claim.id });
    expect(review.author).toEqual({ "@type": "Organization", name: "Kirov Files", url: "https://kirov.example.org" });
    expect(review.publisher).toEqual(review.author);
    expect(await db().auditEvent.count({ where: { action: "settings.publisher", actorId: admin.id } })).toBe(1);
    // Without a URL, the installation's own.
    await setPublisher(db(), admin, { name: "Kirov Files" });
    expect(await getPublisher(db())).toEqual({ name: "Kirov Files", url: publicUrl() });
  });

  it("keeps the JSON-LD inside its script element whatever the claim says", async () => {
    const statement = `Kirov said "</script><script>alert(1)</script>" & <!-- then \u2028 left`;
    const claim = await makeClaim({ statement });
    const review = await getClaimReview(db(), null, { claimId: claim.id });
    const markup = renderToStaticMarkup(JsonLd({ data: review }));
    expect(markup.startsWith('<script type="application/ld+json">')).toBe(true);
    expect(markup.match(/<\/script/gi)).toHaveLength(1);
    expect(markup).not.toContain("<!--");
    expect(markup).not.toContain("nonce");
    const json = markup.slice('<script type="application/ld+json">'.length, -"</script>".length);
    expect(json).toBe(serializeJsonLd(review));
    expect(JSON.parse(json).claimReviewed).toBe(statement);
  });
});

describe("claimRating", () => {
  const rate = (median: number | null, count = 5, contested = false, iqr = 10) =>
    claimRating({ count, median, iqr, contested, figuresHidden: false });

  it.each([
    [0, 1, "Very likely false"],
    [9.9, 1, "Very likely false"],
    [10, 2, "Likely false"],
    [32.5, 2, "Likely false"],
    [33, 3, "Uncertain"],
    [66, 3, "Uncertain"],
    [66.5, 4, "Likely true"],
    [90, 4, "Likely true"],
    [90.5, 5, "Very likely true"],
    [100, 5, "Very likely true"],
  ])("a median of %s (percent) is step %s, %s", (median, value, name) => {
    expect(rate(median)).toMatchObject({ ratingValue: value, alternateName: name, bestRating: 5, worstRating: 1 });
  });

  it("rates a contested claim in the middle, named so, whatever its median", () => {
    expect(rate(80, 6, true, 45)).toMatchObject({ ratingValue: 3, alternateName: "Contested" });
    expect(rate(80, 6, true, 45).ratingExplanation).toContain("45 points");
  });

  it("gives no value below the minimum number of votes, or to a reader who may not see the figures", () => {
    expect(rate(80, MIN_VOTES_FOR_RATING - 1)).not.toHaveProperty("ratingValue");
    expect(rate(null, 0)).toMatchObject({ alternateName: "Unrated: too few votes" });
    expect(
      claimRating({ count: 9, median: null, iqr: null, contested: false, figuresHidden: true }),
    ).not.toHaveProperty("ratingValue");
  });
});
