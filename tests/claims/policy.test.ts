// One home for what a person may do to a claim: the pure table first, then proof that the
// mutations enforce it and that every query showing the team's figures obeys "vote first".
import { beforeEach, describe, expect, it } from "vitest";
import { GET as getClaimRoute } from "@/app/api/claims/[claimId]/route";
import { GET as listClaimsRoute } from "@/app/api/claims/route";
import { mergeClaims } from "@/lib/claims/merge";
import { createClaim } from "@/lib/claims/mutations";
import { type ClaimAbilities, type ClaimState, claimAbilities } from "@/lib/claims/policy";
import { getClaim, listClaims, listRelatedClaims } from "@/lib/claims/queries";
import { addComment } from "@/lib/comments/mutations";
import { addEvidence } from "@/lib/evidence/mutations";
import { editClaim, setClaimLock } from "@/lib/moderation/mutations";
import { getClaimForEditing } from "@/lib/moderation/queries";
import { getPerson } from "@/lib/people/queries";
import { type Actor, type MaybeActor, SYSTEM_ACTOR } from "@/lib/permissions";
import { search } from "@/lib/search/queries";
import { castVote } from "@/lib/votes/mutations";
import { makeActor, makePerson, makeSource } from "../factories";
import { db, resetDatabase, tableSnapshot } from "../helpers";

describe("claimAbilities (pure)", () => {
  const AUTHOR = "author-1";
  const actors: Record<string, MaybeActor> = {
    anonymous: null,
    viewer: { kind: "user", id: "viewer-1", role: "viewer" },
    contributor: { kind: "user", id: "contributor-1", role: "contributor" },
    author: { kind: "user", id: AUTHOR, role: "contributor" },
    moderator: { kind: "user", id: "moderator-1", role: "moderator" },
    admin: { kind: "user", id: "admin-1", role: "admin" },
  };
  const claim = (status: string, extra: Partial<ClaimState> = {}): ClaimState => ({
    status,
    authorId: AUTHOR,
    lockedAt: null,
    mergedIntoId: null,
    ...extra,
  });
  const claims: Record<string, ClaimState> = {
    draft: claim("draft"),
    pending: claim("pending_review"),
    published: claim("published"),
    locked: claim("published", { lockedAt: new Date(0) }),
    lockedPending: claim("pending_review", { lockedAt: new Date(0) }),
    archived: claim("archived"),
    merged: claim("archived", { mergedIntoId: "other-claim" }),
  };

  type Row = [
    actor: string,
    claim: string,
    edit: ClaimAbilities["edit"],
    vote: boolean,
    cite: boolean,
    comment: boolean,
    revert: boolean,
    lock: boolean,
    merge: boolean,
    seeFiguresBeforeVoting: boolean,
  ];
  // biome-ignore format: the table reads better aligned
  const TABLE: Row[] = [
    // actor        claim            edit        vote   cite   comment revert lock   merge  figures
    ["anonymous",   "published",     null,       false, false, false,  false, false, false, true],
    ["anonymous",   "archived",      null,       false, false, false,  false, false, false, true],
    ["viewer",      "published",     null,       false, false, false,  false, false, false, true],
    ["viewer",      "locked",        null,       false, false, false,  false, false, false, true],
    ["contributor", "published",     "propose",  true,  true,  true,   false, false, false, false],
    ["contributor", "locked",        null,       true,  false, true,   false, false, false, false],
    ["contributor", "archived",      "propose",  false, false, true,   false, false, false, true],
    ["contributor", "merged",        null,       false, false, false,  false, false, false, true],
    ["contributor", "pending",       "propose",  false, true,  true,   false, false, false, true],
    ["author",      "draft",         "direct",   false, true,  true,   false, false, false, true],
    ["author",      "pending",       "direct",   false, true,  true,   false, false, false, true],
    ["author",      "lockedPending", null,       false, false, true,   false, false, false, true],
    ["author",      "published",     "propose",  true,  true,  true,   false, false, false, false],
    ["moderator",   "published",     "direct",   true,  true,  true,   true,  true,  true,  false],
    ["moderator",   "pending",       "direct",   false, true,  true,   true,  true,  true,  true],
    ["moderator",   "locked",        null,       true,  false, true,   false, true,  true,  false],
    ["moderator",   "archived",      "direct",   false, false, true,   true,  true,  true,  true],
    ["moderator",   "merged",        null,       false, false, false,  false, false, false, true],
    ["admin",       "published",     "direct",   true,  true,  true,   true,  true,  true,  false],
  ];

  it.each(TABLE)("%s on a %s claim", (who, state, edit, vote, cite, comment, revert, lock, merge, seeFigures) => {
    const abilities = claimAbilities(actors[who]!, claims[state]!, { hasVoted: false });
    expect({
      edit: abilities.edit,
      vote: abilities.vote,
      cite: abilities.cite,
      suggest: abilities.cite,
      comment: abilities.comment,
      revert: abilities.revert,
      lock: abilities.lock,
      merge: abilities.merge,
      seeFigures: abilities.seeFigures,
    }).toEqual({ edit, vote, cite, suggest: cite, comment, revert, lock, merge, seeFigures });
    // Every missing ability says why; no allowed one carries a reason.
    for (const [name, value] of Object.entries(abilities)) {
      if (name === "whyNot") continue;
      const allowed = value !== null && value !== false;
      expect(Boolean(abilities.whyNot[name as keyof ClaimAbilities["whyNot"]]), `${who}/${state}/${name}`).toBe(
        !allowed,
      );
    }
  });

  it("shows a member who may vote the figures once they have voted", () => {
    const contributor = actors.contributor!;
    expect(claimAbilities(contributor, claims.published!, { hasVoted: false }).seeFigures).toBe(false);
    expect(claimAbilities(contributor, claims.published!, { hasVoted: true }).seeFigures).toBe(true);
    // Left out, "has voted" is taken as no: the safe answer.
    expect(claimAbilities(contributor, claims.published!).seeFigures).toBe(false);
  });

  it("lets whoever may cite group evidence by origin, on the same claims (decision 0020)", () => {
    for (const [who, actor] of Object.entries(actors)) {
      for (const [state, target] of Object.entries(claims)) {
        const abilities = claimAbilities(actor, target);
        expect(abilities.group, `${who}/${state}`).toBe(abilities.cite);
        expect(Boolean(abilities.whyNot.group), `${who}/${state}`).toBe(!abilities.group);
      }
    }
    expect(claimAbilities(actors.contributor!, claims.locked!).whyNot.group?.reason).toMatch(/locked/);
    expect(claimAbilities(actors.contributor!, claims.archived!).whyNot.group?.reason).toMatch(/archived/);
    expect(claimAbilities(actors.viewer!, claims.published!).whyNot.group?.reason).toMatch(/group evidence by origin/);
  });

  it("explains refusals to the reader, and refuses with the error mutations give", () => {
    const viewer = claimAbilities(actors.viewer!, claims.published!);
    expect(viewer.whyNot.edit).toMatchObject({ code: "FORBIDDEN" });
    expect(viewer.whyNot.edit?.reason).toMatch(/viewer.*contributor access/);
    expect(claimAbilities(null, claims.published!).whyNot.vote).toMatchObject({
      code: "UNAUTHENTICATED",
      reason: "Sign in to vote.",
    });
    expect(claimAbilities(actors.contributor!, claims.locked!).whyNot.edit).toMatchObject({
      code: "CONFLICT",
      field: "claimId",
      reason: expect.stringMatching(/locked/),
    });
    expect(claimAbilities(actors.contributor!, claims.archived!).whyNot.cite?.reason).toMatch(/archived/);
    expect(claimAbilities(actors.moderator!, claims.merged!).whyNot.edit?.reason).toMatch(/merged/);
    expect(claimAbilities(actors.contributor!, claims.pending!).whyNot.vote?.reason).toMatch(/published claims only/);
    expect(claimAbilities(actors.author!, claims.pending!).whyNot.changeStatus).toMatchObject({
      code: "FORBIDDEN",
      field: "status",
    });
    expect(claimAbilities(actors.moderator!, claims.published!).changeStatus).toBe(true);
    expect(claimAbilities(SYSTEM_ACTOR, claims.published!).vote).toBe(false);
  });
});

describe("the mutations enforce the policy", () => {
  beforeEach(resetDatabase);

  it("a contributor's own pending claim offers a direct edit, and editClaim applies it directly", async () => {
    const author = await makeActor("contributor");
    const own = await createClaim(db(), author, { statement: "Nikolaev acted alone" });
    expect(own.status).toBe("pending_review");

    const detail = await getClaim(db(), author, { claimId: own.id });
    expect(detail.abilities.edit).toBe("direct");
    expect((await getClaimForEditing(db(), author, { claimId: own.id })).edit).toBe("direct");

    const result = await editClaim(db(), author, {
      claimId: own.id,
      changes: { statement: "Nikolaev acted entirely alone" },
    });
    expect(result).toMatchObject({ applied: true, status: "approved" });
    expect((await getClaim(db(), author, { claimId: own.id })).statement).toBe("Nikolaev acted entirely alone");
    expect(await db().revision.count({ where: { claimId: own.id, status: "pending" } })).toBe(0);

    // Once published, the same author only proposes.
    const moderator = await makeActor("moderator");
    await editClaim(db(), moderator, { claimId: own.id, changes: { status: "published" } });
    expect((await getClaim(db(), author, { claimId: own.id })).abilities.edit).toBe("propose");
    await expect(
      editClaim(db(), author, { claimId: own.id, changes: { statement: "Nikolaev acted by himself" } }),
    ).resolves.toMatchObject({ applied: false, status: "pending" });
  });

  it("a merged duplicate takes no proposals, votes, evidence, comments or lock, and writes nothing", async () => {
    const moderator = await makeActor("moderator");
    const contributor = await makeActor("contributor");
    const kept = await createClaim(db(), SYSTEM_ACTOR, {
      statement: "Stalin ordered Kirov's murder",
      status: "published",
    });
    const duplicate = await createClaim(db(), SYSTEM_ACTOR, {
      statement: "Stalin was behind the killing of Kirov",
      status: "published",
    });
    await mergeClaims(db(), moderator, { into: kept.id, from: duplicate.id });
    const abilities = (await getClaim(db(), contributor, { claimId: duplicate.id })).abilities;
    expect(abilities).toMatchObject({ edit: null, vote: false, cite: false, comment: false });

    const source = await makeSource();
    const before = await tableSnapshot();
    const conflict = { code: "CONFLICT", field: "claimId" };
    await expect(
      editClaim(db(), contributor, { claimId: duplicate.id, changes: { statement: "Changed after the merge" } }),
    ).rejects.toMatchObject(conflict);
    await expect(castVote(db(), contributor, { claimId: duplicate.id, value: 40 })).rejects.toMatchObject(conflict);
    await expect(
      addEvidence(db(), contributor, {
        claimId: duplicate.id,
        passage: { sourceId: source.id, quote: "Nikolaev acted alone" },
        stance: "contradicts",
      }),
    ).rejects.toMatchObject(conflict);
    await expect(addComment(db(), contributor, { claimId: duplicate.id, body: "Still here?" })).rejects.toMatchObject(
      conflict,
    );
    await expect(setClaimLock(db(), moderator, { claimId: duplicate.id, locked: true })).rejects.toMatchObject(
      conflict,
    );
    await expect(mergeClaims(db(), moderator, { into: duplicate.id, from: kept.id })).rejects.toMatchObject({
      code: "CONFLICT",
      field: "into",
    });
    expect(await tableSnapshot()).toEqual(before);
  });
});

describe("vote first, then see the team's figures", () => {
  beforeEach(resetDatabase);

  async function votedClaim() {
    const kirov = await makePerson("Sergei Kirov");
    const claim = await createClaim(db(), SYSTEM_ACTOR, {
      statement: "Stalin ordered Kirov's murder",
      status: "published",
      people: [{ personId: kirov.id, role: "subject" }],
    });
    // Another claim about Kirov, so the first one shows up among its related claims.
    const other = await createClaim(db(), SYSTEM_ACTOR, {
      statement: "Nikolaev shot Kirov in the Smolny",
      status: "published",
      people: [{ personId: kirov.id, role: "subject" }],
    });
    for (const value of [20, 80]) await castVote(db(), await makeActor("contributor"), { claimId: claim.id, value });
    return { claim, other, kirov };
  }

  /** The figures of `claimId` as every list and lookup shows them to `actor`. */
  async function figuresSeenBy(actor: MaybeActor, ids: { claimId: string; otherId: string; personSlug: string }) {
    const fromList = (await listClaims(db(), actor, {})).items.find((item) => item.id === ids.claimId)!;
    const fromHome = (await listClaims(db(), actor, { pageSize: 5 })).items.find((item) => item.id === ids.claimId)!;
    const fromFilter = (await listClaims(db(), actor, { minConfidence: 10, sort: "confidence_desc" })).items.find(
      (item) => item.id === ids.claimId,
    );
    const fromRelated = (await listRelatedClaims(db(), actor, ids.otherId)).find((item) => item.id === ids.claimId)!;
    const fromPerson = (await getPerson(db(), actor, { slug: ids.personSlug })).claims.find(
      (item) => item.id === ids.claimId,
    )!;
    const detail = await getClaim(db(), actor, { claimId: ids.claimId });
    return {
      list: fromList.votes,
      home: fromHome.votes,
      filtered: fromFilter ? fromFilter.votes : "not listed",
      related: fromRelated.votes,
      person: fromPerson.votes,
      detail: {
        count: detail.votes.count,
        median: detail.votes.median,
        histogram: detail.votes.histogram.length,
        figuresHidden: detail.votes.figuresHidden,
        seeFigures: detail.abilities.seeFigures,
      },
    };
  }

  const hidden = { count: 2, median: null, contested: false, figuresHidden: true, awaitingConfirmation: 0 };
  const shown = (count: number, median: number, awaitingConfirmation = 0) => ({
    count,
    median,
    contested: false,
    figuresHidden: false,
    awaitingConfirmation,
  });

  it("hides the median from a member until they vote, everywhere lib returns it", async () => {
    const { claim, other, kirov } = await votedClaim();
    const ids = { claimId: claim.id, otherId: other.id, personSlug: kirov.slug };
    const member = await makeActor("contributor");

    expect(await figuresSeenBy(member, ids)).toEqual({
      list: hidden,
      home: hidden,
      // Filtering by the median would reveal it: the claim is left out until the member votes.
      filtered: "not listed",
      related: hidden,
      person: hidden,
      detail: { count: 2, median: null, histogram: 0, figuresHidden: true, seeFigures: false },
    });
    // Search hits carry no figures at all.
    const hits = await search(db(), member, { q: "Stalin ordered", kind: "claim" });
    expect(hits.items.map((hit) => hit.claim?.slug)).toContain(claim.slug);
    expect(JSON.stringify(hits)).not.toMatch(/median|contested/);

    await castVote(db(), member, { claimId: claim.id, value: 50 });
    expect(await figuresSeenBy(member, ids)).toEqual({
      list: shown(3, 50),
      home: shown(3, 50),
      filtered: shown(3, 50),
      related: shown(3, 50),
      person: shown(3, 50),
      detail: { count: 3, median: 50, histogram: 10, figuresHidden: false, seeFigures: true },
    });
  });

  it("binds moderators too, but not readers who cannot vote", async () => {
    const { claim, other, kirov } = await votedClaim();
    const ids = { claimId: claim.id, otherId: other.id, personSlug: kirov.slug };
    expect((await figuresSeenBy(await makeActor("moderator"), ids)).detail.figuresHidden).toBe(true);
    for (const reader of [null, await makeActor("viewer")] as (Actor | null)[]) {
      expect(await figuresSeenBy(reader, ids)).toEqual({
        list: shown(2, 50),
        home: shown(2, 50),
        filtered: shown(2, 50),
        related: shown(2, 50),
        person: shown(2, 50),
        detail: { count: 2, median: 50, histogram: 10, figuresHidden: false, seeFigures: true },
      });
    }
  });

  it("a vote on an earlier wording is not a vote on this one: the figures wait for its confirmation, everywhere", async () => {
    const { claim, other, kirov } = await votedClaim();
    const ids = { claimId: claim.id, otherId: other.id, personSlug: kirov.slug };
    const member = await makeActor("contributor");
    await castVote(db(), member, { claimId: claim.id, value: 50 });
    await editClaim(db(), await makeActor("moderator"), {
      claimId: claim.id,
      changes: { statement: "Stalin ordered the murder of Sergei Kirov in December 1934" },
      votesOnRewording: "confirm",
    });
    const waiting = { count: 0, median: null, contested: false, figuresHidden: true, awaitingConfirmation: 3 };
    const seen = await figuresSeenBy(member, ids);
    expect(seen).toEqual({
      list: waiting,
      home: waiting,
      filtered: "not listed",
      related: waiting,
      person: waiting,
      detail: { count: 0, median: null, histogram: 0, figuresHidden: true, seeFigures: false },
    });
    const detail = await getClaim(db(), member, { claimId: claim.id });
    expect(detail.abilities.whyNot.seeFigures?.reason).toMatch(/reworded after you voted: confirm your vote/);

    await castVote(db(), member, { claimId: claim.id, value: 60 });
    expect(await figuresSeenBy(member, ids)).toEqual({
      list: shown(1, 60, 2),
      home: shown(1, 60, 2),
      filtered: shown(1, 60, 2),
      related: shown(1, 60, 2),
      person: shown(1, 60, 2),
      detail: { count: 1, median: 60, histogram: 10, figuresHidden: false, seeFigures: true },
    });
  });

  it("GET /api/claims and /api/claims/{id} show anonymous readers the figures of published claims", async () => {
    const { claim } = await votedClaim();
    const list = await (await listClaimsRoute(new Request("http://localhost/api/claims"))).json();
    expect(list.items.find((item: { id: string }) => item.id === claim.id).votes).toEqual(shown(2, 50));
    const detail = await (
      await getClaimRoute(new Request(`http://localhost/api/claims/${claim.id}`), {
        params: Promise.resolve({ claimId: claim.id }),
      })
    ).json();
    expect(detail.votes).toMatchObject({ count: 2, median: 50, figuresHidden: false });
    expect(detail.abilities).toMatchObject({ edit: null, vote: false, seeFigures: true });
    expect(detail.abilities.whyNot.vote.reason).toBe("Sign in to vote.");
  });
});

describe("statusesVisibleTo", () => {
  it("offers drafts and pending claims only to readers who can see some", async () => {
    const { statusesVisibleTo } = await import("@/lib/claims/policy");
    expect(statusesVisibleTo(null)).toEqual(["published", "archived"]);
    expect(statusesVisibleTo({ kind: "user", id: "v", role: "viewer" })).toEqual(["published", "archived"]);
    expect(statusesVisibleTo({ kind: "user", id: "c", role: "contributor" })).toEqual([
      "draft",
      "pending_review",
      "published",
      "archived",
    ]);
    expect(statusesVisibleTo({ kind: "user", id: "m", role: "moderator" })).toContain("pending_review");
  });
});
