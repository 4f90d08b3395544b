import { beforeEach, describe, expect, it } from "vitest";
import { getClaim } from "@/lib/claims/queries";
import { getEnv } from "@/lib/env";
import { teamSourceRatings } from "@/lib/ratings/queries";
import { loadSampleData } from "@/prisma/sample/load";
import { db, resetDatabase, tableSnapshot } from "../helpers";

beforeEach(resetDatabase);

describe("the sample data", () => {
  it("loads the corpus, people, accounts, claims with evidence quoted from the sources, and votes", async () => {
    const report = await loadSampleData(db(), { dataDir: getEnv().DATA_DIR });
    expect(report).toMatchObject({ sources: 3, people: 16, claims: 8, ratings: 9 });
    expect(report.credentials.map((account) => account.role).sort()).toEqual([
      "admin",
      "contributor",
      "moderator",
      "viewer",
    ]);
    for (const account of report.credentials) expect(account.password.length).toBeGreaterThanOrEqual(20);

    const stalin = await db().claim.findFirstOrThrow({ where: { statement: "Stalin ordered Kirov's murder" } });
    const claim = await getClaim(db(), null, { claimId: stalin.id });
    const supports = claim.evidence.filter((item) => item.stance === "supports");
    const contradicts = claim.evidence.filter((item) => item.stance === "contradicts");
    expect(supports.length).toBeGreaterThanOrEqual(3);
    expect(contradicts.length).toBeGreaterThanOrEqual(3);
    expect(claim.votes.count).toBeGreaterThanOrEqual(3);
    expect(claim.people.map((person) => person.slug)).toEqual(
      expect.arrayContaining(["joseph-stalin", "sergei-kirov"]),
    );

    const evidence = await db().evidence.findMany({ include: { passage: { include: { source: true } } } });
    expect(evidence.length).toBe(report.evidence);
    for (const item of evidence) {
      expect(item.passage.source.text.slice(item.passage.start, item.passage.end)).toBe(item.passage.text);
    }
    // A voter who changed their mind keeps the history of both values.
    expect(await db().confidenceVoteHistory.count({ where: { claimId: stalin.id } })).toBe(claim.votes.count + 1);

    // Every source is rated for reliability by several members, each with a reason; the reposted
    // compilation lower than the encyclopedia mirrors.
    const sources = await db().source.findMany({ select: { id: true, publisher: true } });
    const teams = await teamSourceRatings(
      db(),
      sources.map((source) => source.id),
    );
    for (const source of sources) expect(teams.get(source.id)?.count).toBeGreaterThanOrEqual(2);
    const compilation = sources.find((source) => source.publisher?.includes("compilation"))!;
    const mirrors = sources.filter((source) => source.id !== compilation.id);
    for (const mirror of mirrors) {
      expect(teams.get(mirror.id)!.weight).toBeGreaterThan(teams.get(compilation.id)!.weight);
    }
    for (const rating of await db().sourceRating.findMany()) expect(rating.reason.length).toBeGreaterThan(40);
  });

  it("can be run again without duplicating anything", async () => {
    await loadSampleData(db(), { dataDir: getEnv().DATA_DIR });
    const before = await tableSnapshot();
    const again = await loadSampleData(db(), { dataDir: getEnv().DATA_DIR });
    expect(again).toMatchObject({ sources: 0, people: 0, claims: 0, evidence: 0, votes: 0, ratings: 0 });
    expect(await tableSnapshot()).toEqual(before);
  });

  it("fails loudly, naming the quote, when a quote is not in its source", async () => {
    const claims = [
      {
        statement: "A claim quoting words that are not there",
        status: "published" as const,
        author: "moderator",
        people: [],
        evidence: [
          {
            source: "kirov",
            quote: "Stalin personally confessed to the murder on television.",
            stance: "supports" as const,
          },
        ],
        votes: {},
      },
    ];
    await expect(loadSampleData(db(), { dataDir: getEnv().DATA_DIR, claims })).rejects.toThrow(
      /quote is missing from source "kirov": Stalin personally confessed/,
    );
    expect(await db().claim.count({ where: { statement: claims[0]!.statement } })).toBe(0);
  });
});
