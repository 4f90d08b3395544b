// Anonymous reads served from memory (lib/cache/public-reads.ts): never stale after an
// acknowledged write, on this instance or another one on the same database.
import { afterAll, beforeEach, describe, expect, it } from "vitest";
import { PublicReadCache, publicReadCache, readPublic } from "@/lib/cache/public-reads";
import { mergeClaims } from "@/lib/claims/merge";
import { getClaimPage } from "@/lib/claims/page";
import { getClaim, listClaims } from "@/lib/claims/queries";
import { findSimilarClaims } from "@/lib/claims/similar";
import { readSuggestedEvidence } from "@/lib/claims/suggestions";
import { createDb, type Db } from "@/lib/db";
import { addEvidence } from "@/lib/evidence/mutations";
import { approveRevision, editClaim } from "@/lib/moderation/mutations";
import { getPerson } from "@/lib/people/queries";
import { search } from "@/lib/search/queries";
import { importSource } from "@/lib/sources/import";
import { getSource } from "@/lib/sources/queries";
import { castVote } from "@/lib/votes/mutations";
import { makeActor, makeClaim, makePerson, makeSource, SYSTEM_ACTOR } from "../factories";
import { db, resetDatabase, tableSnapshot } from "../helpers";

beforeEach(resetDatabase);

/** A draft claim and its author, a contributor: only they may read it. */
async function draftOfNewContributor(statement: string) {
  const author = await makeActor("contributor");
  return { author, draft: await makeClaim({ statement, status: "draft", authorId: author.id! }) };
}

const token = async (client: Db = db()) =>
  (await client.cacheGeneration.findUnique({ where: { id: 1 } }))?.token ?? null;

describe("the generation token", () => {
  it("is replaced by a write outside a transaction, by a committed transaction, and not by a rolled-back one", async () => {
    const claim = await makeClaim();
    const first = await token();
    await db().claim.update({ where: { id: claim.id }, data: { statement: "Changed once" } });
    const second = await token();
    expect(second).not.toBe(first);

    await db().$transaction(async (tx) => {
      await tx.claim.update({ where: { id: claim.id }, data: { statement: "Changed twice" } });
      // Not yet: a reader now still reads the committed, older claim.
      expect(await token()).toBe(second);
    });
    const third = await token();
    expect(third).not.toBe(second);

    await expect(
      db().$transaction(async (tx) => {
        await tx.claim.update({ where: { id: claim.id }, data: { statement: "Never" } });
        throw new Error("roll back");
      }),
    ).rejects.toThrow("roll back");
    expect(await token()).toBe(third);
  });

  it("is left alone by reads and by writes no reader sees (sign-in bookkeeping)", async () => {
    await makeClaim();
    const before = await token();
    await listClaims(db(), null, {});
    await db().claim.count();
    await db().rateLimitEvent.create({ data: { key: "test:someone" } });
    await db().signInAttempt.create({ data: { key: "email:a@example.org", success: false } });
    expect(await token()).toBe(before);
  });

  it("is replaced by raw SQL that writes", async () => {
    const claim = await makeClaim();
    const before = await token();
    await db().$executeRawUnsafe(`UPDATE "Claim" SET "statement" = 'Raw' WHERE "id" = '${claim.id}'`);
    expect(await token()).not.toBe(before);
  });
});

describe("readPublic", () => {
  it("remembers an anonymous reader's answer until a write, and never a member's", async () => {
    const store = new PublicReadCache();
    let loads = 0;
    const load = async () => ({ loads: ++loads });
    await makeClaim();
    expect(await readPublic(db(), null, ["k"], load, store)).toEqual({ loads: 1 });
    expect(await readPublic(db(), null, ["k"], load, store)).toEqual({ loads: 1 });
    expect(await readPublic(db(), null, ["other"], load, store)).toEqual({ loads: 2 });
    const member = await makeActor("viewer"); // a write: the user row
    expect(await readPublic(db(), member, ["k"], load, store)).toEqual({ loads: 3 });
    expect(await readPublic(db(), null, ["k"], load, store)).toEqual({ loads: 4 });
    expect(await readPublic(db(), null, ["k"], load, store)).toEqual({ loads: 4 });
    expect(store.hits).toBe(2);
  });

  it("does not cache inside a transaction, where the transaction's own writes are visible", async () => {
    const store = new PublicReadCache();
    let loads = 0;
    await db().$transaction(async (tx) => {
      await readPublic(tx, null, ["k"], async () => ++loads, store);
      await readPublic(db(), null, ["k"], async () => ++loads, store);
    });
    expect(loads).toBe(2);
    expect(store.size).toBe(0);
  });

  it("hands out answers that cannot be changed by whoever reads them", async () => {
    const store = new PublicReadCache();
    const answer = await readPublic(db(), null, ["k"], async () => ({ list: [1, 2] }), store);
    expect(() => answer.list.push(3)).toThrow();
  });

  it("refuses to remember an answer built on data whose writes do not invalidate it", async () => {
    const store = new PublicReadCache();
    await expect(readPublic(db(), null, ["k"], () => db().rateLimitEvent.count(), store)).rejects.toThrow(
      /RateLimitEvent whose writes do not invalidate it/,
    );
  });

  it("keeps no answer larger than its share of memory, and drops the least recently used", async () => {
    const store = new PublicReadCache(10_000);
    await readPublic(db(), null, ["big"], async () => "x".repeat(20_000), store);
    expect(store.size).toBe(0);
    await readPublic(db(), null, ["a"], async () => "a".repeat(2_000), store);
    await readPublic(db(), null, ["b"], async () => "b".repeat(2_000), store);
    await readPublic(db(), null, ["a"], async () => "unused", store);
    await readPublic(db(), null, ["c"], async () => "c".repeat(2_000), store);
    expect(store.size).toBe(2);
    expect(await readPublic(db(), null, ["a"], async () => "reloaded", store)).toBe("a".repeat(2_000));
    expect(await readPublic(db(), null, ["b"], async () => "reloaded", store)).toBe("reloaded");
  });
});

describe("an anonymous reader after an acknowledged write", () => {
  beforeEach(() => publicReadCache().clear());

  it("sees a new vote's figures on the claim, its page and the list", async () => {
    const claim = await makeClaim({ statement: "Kirov was shot in the Smolny Institute" });
    const before = await getClaim(db(), null, { claimId: claim.id });
    expect(before.votes.count).toBe(0);
    await getClaimPage(db(), null, { claimId: claim.slug });
    await listClaims(db(), null, {});
    const hitsBefore = publicReadCache().hits;
    expect((await getClaim(db(), null, { claimId: claim.id })).votes.count).toBe(0);
    expect(publicReadCache().hits).toBeGreaterThan(hitsBefore);

    await castVote(db(), await makeActor("contributor"), { claimId: claim.id, value: 80 });

    expect((await getClaim(db(), null, { claimId: claim.id })).votes.count).toBe(1);
    expect((await getClaimPage(db(), null, { claimId: claim.slug })).claim.votes.count).toBe(1);
    expect((await listClaims(db(), null, {})).items.find((entry) => entry.id === claim.id)?.votes.count).toBe(1);
  });

  it("sees an edit at once, a proposal only once approved, and a merge", async () => {
    const moderator = await makeActor("moderator");
    const claim = await makeClaim({ statement: "Kirov was shot in Leningrad" });
    expect((await getClaim(db(), null, { claimId: claim.id })).statement).toBe("Kirov was shot in Leningrad");

    await editClaim(db(), moderator, { claimId: claim.id, changes: { statement: "Kirov was shot in the Smolny" } });
    expect((await getClaim(db(), null, { claimId: claim.id })).statement).toBe("Kirov was shot in the Smolny");

    const contributor = await makeActor("contributor");
    const proposal = await editClaim(db(), contributor, {
      claimId: claim.id,
      changes: { statement: "Kirov was shot in the Smolny Institute" },
    });
    expect(proposal.status).toBe("pending");
    expect((await getClaim(db(), null, { claimId: claim.id })).statement).toBe("Kirov was shot in the Smolny");
    await approveRevision(db(), moderator, { revisionId: proposal.revisionId });
    expect((await getClaimPage(db(), null, { claimId: claim.id })).claim.statement).toBe(
      "Kirov was shot in the Smolny Institute",
    );

    const duplicate = await makeClaim({ statement: "Kirov died in the Smolny Institute" });
    expect((await getClaim(db(), null, { claimId: duplicate.id })).mergedInto).toBeNull();
    await mergeClaims(db(), moderator, { into: claim.id, from: duplicate.id });
    expect((await getClaim(db(), null, { claimId: duplicate.id })).mergedInto?.slug).toBe(claim.slug);
  });

  it("sees cited evidence, an imported source in search, and a person's new claim", async () => {
    const member = await makeActor("contributor");
    const person = await makePerson("Genrikh Yagoda");
    const claim = await makeClaim({ statement: "Yagoda knew of the plot", personIds: [] });
    const source = await makeSource();
    expect((await getClaim(db(), null, { claimId: claim.id })).evidence).toHaveLength(0);
    await addEvidence(db(), member, {
      claimId: claim.id,
      passage: { sourceId: source.id, quote: "Others say Nikolaev acted alone." },
      stance: "contradicts",
    });
    expect((await getClaimPage(db(), null, { claimId: claim.id })).claim.evidence).toHaveLength(1);

    expect((await search(db(), null, { q: "Zaporozhets" })).total).toBe(0);
    const imported = await importSource(db(), SYSTEM_ACTOR, {
      content: "Ivan Zaporozhets, the deputy head of the Leningrad NKVD, was away when Kirov was shot.",
      title: "Zaporozhets",
    });
    expect((await search(db(), null, { q: "Zaporozhets" })).total).toBeGreaterThan(0);
    expect((await getSource(db(), null, { sourceId: imported.sourceId })).title).toBe("Zaporozhets");

    expect((await getPerson(db(), null, { slug: person.slug })).claims).toHaveLength(0);
    await makeClaim({ statement: "Yagoda was told of the plot in November", personIds: [person.id] });
    expect((await getPerson(db(), null, { slug: person.slug })).claims).toHaveLength(1);
  });
});

describe("a member's claim page", () => {
  beforeEach(() => publicReadCache().clear());

  it("is remembered for that member until a write, and shows their own vote at once", async () => {
    const claim = await makeClaim({ statement: "Kirov was shot in the Smolny Institute" });
    const member = await makeActor("contributor");
    expect((await getClaimPage(db(), member, { claimId: claim.slug })).ownVote).toBeNull();
    const hits = publicReadCache().hits;
    expect((await getClaimPage(db(), member, { claimId: claim.slug })).ownVote).toBeNull();
    expect(publicReadCache().hits).toBe(hits + 1);

    await castVote(db(), member, { claimId: claim.id, value: 70 });

    const page = await getClaimPage(db(), member, { claimId: claim.slug });
    expect(page.ownVote?.value).toBe(70);
    expect(page.claim.votes.count).toBe(1);
  });

  it("is each member's own: another member, another role and an anonymous reader get their own page", async () => {
    const { author, draft } = await draftOfNewContributor("A draft only its author reads");
    const published = await makeClaim({ statement: "Kirov was shot in Leningrad" });
    const other = await makeActor("contributor");
    const moderator = await makeActor("moderator");
    // Each reads after the others, with no write in between (makeActor's writes come first).
    expect((await getClaimPage(db(), author, { claimId: draft.id })).claim.status).toBe("draft");
    await expect(getClaimPage(db(), other, { claimId: draft.id })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(getClaimPage(db(), null, { claimId: draft.id })).rejects.toMatchObject({ code: "NOT_FOUND" });

    expect((await getClaimPage(db(), null, { claimId: published.id })).claim.abilities.cite).toBe(false);
    expect((await getClaimPage(db(), other, { claimId: published.id })).claim.abilities).toMatchObject({
      cite: true,
      merge: false,
    });
    expect((await getClaimPage(db(), moderator, { claimId: published.id })).claim.abilities.merge).toBe(true);
    // The same person under another role (as after a change of role) is another reader.
    const demoted = { ...moderator, role: "contributor" as const };
    expect((await getClaimPage(db(), demoted, { claimId: published.id })).claim.abilities.merge).toBe(false);
  });

  it("is not remembered for the system actor, nor inside a transaction", async () => {
    const claim = await makeClaim();
    const member = await makeActor("contributor");
    await getClaimPage(db(), SYSTEM_ACTOR, { claimId: claim.id });
    await db().$transaction((tx) => getClaimPage(tx as never, member, { claimId: claim.id }));
    expect(publicReadCache().size).toBe(0);
  });
});

describe("a member's suggested evidence through the API", () => {
  beforeEach(() => publicReadCache().clear());

  it("is remembered for that member until a write: a passage just cited is no longer suggested", async () => {
    await makePerson("Genrikh Yagoda", ["Yagoda", "Iagoda"]);
    await makeSource(
      ["Iagoda ordered the arrest of the poet in 1934.", "An arrest was ordered in another city."].join("\n\n"),
    );
    const claim = await makeClaim({ statement: "Yagoda ordered the arrest" });
    const member = await makeActor("contributor");
    const first = await readSuggestedEvidence(db(), member, { claimId: claim.slug, limit: "10" });
    expect(first[0]?.passage.text).toBe("Iagoda ordered the arrest of the poet in 1934.");
    const hits = publicReadCache().hits;
    // Another spelling of the same request is the same answer.
    expect(await readSuggestedEvidence(db(), member, { claimId: claim.slug, limit: 10 })).toBe(first);
    expect(publicReadCache().hits).toBe(hits + 1);

    await addEvidence(db(), member, {
      claimId: claim.id,
      passage: { passageId: first[0]!.passage.id },
      stance: "supports",
    });

    const after = await readSuggestedEvidence(db(), member, { claimId: claim.slug, limit: "10" });
    expect(after.map((item) => item.passage.id)).not.toContain(first[0]!.passage.id);
  });

  it("keeps nothing for a refused request, and a draft's suggestions only for its author", async () => {
    const { author, draft } = await draftOfNewContributor("Yagoda ordered the arrest");
    await expect(readSuggestedEvidence(db(), author, { claimId: draft.id, limit: "0" })).rejects.toMatchObject({
      code: "INVALID",
      field: "limit",
    });
    expect(publicReadCache().size).toBe(0);
    await readSuggestedEvidence(db(), author, { claimId: draft.id });
    await expect(readSuggestedEvidence(db(), null, { claimId: draft.id })).rejects.toMatchObject({ code: "NOT_FOUND" });
    const other = await makeActor("contributor");
    await expect(readSuggestedEvidence(db(), other, { claimId: draft.id })).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
  });
});

describe("two app instances on one database", () => {
  // Each instance: its own client (its own connections) and its own memory, as two processes have.
  const other = createDb();
  const otherCache = new PublicReadCache();
  afterAll(() => other.$disconnect());

  it("a write acknowledged by one is seen at once by the other", async () => {
    const claim = await makeClaim({ statement: "Borisov died in an accident" });
    const read = () =>
      readPublic(
        other,
        null,
        ["claim", claim.id],
        () => getClaim(other, SYSTEM_ACTOR, { claimId: claim.id }),
        otherCache,
      );
    expect((await read()).votes.count).toBe(0);
    expect((await read()).votes.count).toBe(0);
    expect(otherCache.hits).toBe(1);

    // This instance takes the vote; the other has not seen any write itself.
    await castVote(db(), await makeActor("contributor"), { claimId: claim.id, value: 20 });
    expect((await read()).votes.count).toBe(1);

    // And the other way round: a write through the other instance, read here.
    publicReadCache().clear();
    expect((await getClaim(db(), null, { claimId: claim.id })).statement).toBe("Borisov died in an accident");
    const moderator = await makeActor("moderator");
    await editClaim(other, moderator, {
      claimId: claim.id,
      changes: { statement: "Borisov died in a staged crash" },
      votesOnRewording: "keep",
    });
    expect((await getClaim(db(), null, { claimId: claim.id })).statement).toBe("Borisov died in a staged crash");
  });
});

describe("readers who miss at once", () => {
  it("share one computation of the same answer, and each gets it", async () => {
    const store = new PublicReadCache();
    let loads = 0;
    const load = async () => {
      loads++;
      await new Promise((done) => setTimeout(done, 20));
      return { loads };
    };
    const answers = await Promise.all(Array.from({ length: 5 }, () => readPublic(db(), null, ["same"], load, store)));
    expect(loads).toBe(1);
    expect(answers.every((answer) => answer.loads === 1)).toBe(true);
    // A failed computation is not kept: the next reader computes again.
    await expect(readPublic(db(), null, ["failing"], () => Promise.reject(new Error("no")), store)).rejects.toThrow(
      "no",
    );
    expect(await readPublic(db(), null, ["failing"], async () => "now", store)).toBe("now");
  });
});

describe("bad input to a remembered read", () => {
  beforeEach(() => publicReadCache().clear());

  it.each([
    ["empty", ""],
    ["huge", "x".repeat(10_000)],
    ["HTML", "<script>alert(1)</script>"],
    ["a number", 42],
    ["null", null],
  ])("refuses a %s claim id with the API's error, keeps nothing and writes nothing", async (_what, claimId) => {
    await makeClaim();
    const before = await token();
    const error = await getClaim(db(), null, { claimId }).catch((caught: unknown) => caught);
    expect(error).toMatchObject({ code: expect.stringMatching(/^(INVALID|NOT_FOUND)$/) });
    // Either the field is named (malformed) or the claim is said not to exist (well-formed, unknown).
    expect((error as Error).message).toMatch(/claimId|No claim/);
    expect(publicReadCache().size).toBe(0);
    expect(await token()).toBe(before);
  });

  it("refuses bad ids to the claim page, its suggestions and duplicate search for every role, writing nothing", async () => {
    const { draft } = await draftOfNewContributor("Another member's draft about Kirov");
    const published = await makeClaim({ statement: "Kirov was shot in the Smolny" });
    const roles = [null, await makeActor("viewer"), await makeActor("contributor"), await makeActor("moderator")];
    const before = await tableSnapshot();
    for (const actor of roles) {
      // A moderator's page starts reading everyone's spellings before the claim: the claim's error still wins.
      for (const claimId of ["", "x".repeat(10_000), "<script>alert(1)</script>", 42, null, "no-such-claim"]) {
        const pageError = await getClaimPage(db(), actor, { claimId }).catch((caught: unknown) => caught);
        expect(pageError).toMatchObject({ code: expect.stringMatching(/^(INVALID|NOT_FOUND)$/) });
        const suggestionsError = await readSuggestedEvidence(db(), actor, { claimId }).catch(
          (caught: unknown) => caught,
        );
        expect(suggestionsError).toMatchObject({ code: expect.stringMatching(/^(INVALID|NOT_FOUND)$/) });
      }
      // Another member's draft is not found, to anyone but its author and moderators.
      if (actor !== roles[3]) {
        await expect(getClaimPage(db(), actor, { claimId: draft.id })).rejects.toMatchObject({ code: "NOT_FOUND" });
      }
    }
    // A hostile statement finds nothing but is refused nowhere; a hostile or unknown exclusion excludes nothing.
    const moderator = roles[3]!;
    expect(
      Array.isArray(await findSimilarClaims(db(), moderator, { text: "Kirov <img src=x onerror=alert(1)>" })),
    ).toBe(true);
    const text = "Kirov was shot in the Smolny Institute";
    const found = await findSimilarClaims(db(), moderator, { text });
    expect(found.map((claim) => claim.id)).toContain(published.id);
    expect(await findSimilarClaims(db(), moderator, { text, exclude: "<b>no-such-claim</b>" })).toEqual(found);
    // Excluded by its slug as by its id (the search's own statement now carries the slug).
    for (const exclude of [published.slug, published.id])
      expect((await findSimilarClaims(db(), moderator, { text, exclude })).map((claim) => claim.id)).not.toContain(
        published.id,
      );
    await expect(findSimilarClaims(db(), moderator, { text: "k".repeat(100_000) })).rejects.toMatchObject({
      code: "INVALID",
      field: "text",
    });
    expect(await tableSnapshot()).toEqual(before);
  });

  it("never hands an anonymous reader what a member was allowed to read", async () => {
    const { author, draft } = await draftOfNewContributor("A draft only its author reads");
    // The author reads their draft (not kept: a member's answer), then an anonymous reader asks for it.
    expect((await getClaim(db(), author, { claimId: draft.id })).statement).toBe("A draft only its author reads");
    expect((await getClaimPage(db(), author, { claimId: draft.id })).claim.status).toBe("draft");
    await expect(getClaim(db(), null, { claimId: draft.id })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(getClaimPage(db(), null, { claimId: draft.id })).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect((await listClaims(db(), null, {})).items.map((item) => item.id)).not.toContain(draft.id);
  });
});
