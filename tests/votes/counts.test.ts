import { beforeEach, describe, expect, it } from "vitest";
import { mergeClaims } from "@/lib/claims/merge";
import { getClaim, listClaims } from "@/lib/claims/queries";
import { editClaim } from "@/lib/moderation/mutations";
import { getPerson } from "@/lib/people/queries";
import type { Actor } from "@/lib/permissions";
import { castVote, confirmVote } from "@/lib/votes/mutations";
import { getVoteTimeline } from "@/lib/votes/queries";
import { makeActor, makeClaim, makePerson } from "../factories";
import { db, resetDatabase } from "../helpers";

const tick = () => new Promise((resolve) => setTimeout(resolve, 5));

async function vote(actor: Actor, claimId: string, value: number) {
  await castVote(db(), actor, { claimId, value });
  await tick();
}

/**
 * "Votes" means each member's current vote on the claim's current wording everywhere a count of
 * votes is shown: the claim page, the lists (home page, /claims, GET /api/claims), a person's page
 * and the figures stored for sorting. Votes cast on an earlier wording and not confirmed are counted
 * apart ("awaiting") in the same places. Only the timeline counts votes cast (on the current
 * wording), changes included, and its last point counts the members voting now.
 */
async function countsShown(claimId: string, personSlug: string) {
  const reader = null; // anonymous: sees every figure
  const detail = await getClaim(db(), reader, { claimId });
  const list = await listClaims(db(), reader, {});
  const person = await getPerson(db(), reader, { slug: personSlug });
  const timeline = await getVoteTimeline(db(), claimId);
  const stored = await db().claim.findUniqueOrThrow({
    where: { id: claimId },
    select: { voteCount: true, votesAwaitingConfirmation: true },
  });
  const listed = list.items.find((item) => item.id === claimId)?.votes;
  const onPerson = person.claims.find((claim) => claim.id === claimId)?.votes;
  return {
    page: detail.votes.count,
    list: listed?.count,
    person: onPerson?.count,
    stored: stored.voteCount,
    timelineMembers: timeline.at(-1)?.count ?? 0,
    votesCast: timeline.length,
    awaiting: {
      page: detail.votes.awaitingConfirmation,
      list: listed?.awaitingConfirmation,
      person: onPerson?.awaitingConfirmation,
      stored: stored.votesAwaitingConfirmation,
    },
  };
}

const awaiting = (count: number) => ({ page: count, list: count, person: count, stored: count });

describe("vote counts", () => {
  beforeEach(resetDatabase);

  it("agree between the claim page, the lists, a person's page and the timeline after a member changes their vote", async () => {
    const person = await makePerson();
    const claim = await makeClaim({ personIds: [person.id] });
    const [a, b, c, d] = await Promise.all([1, 2, 3, 4].map(() => makeActor("contributor")));
    await vote(a!, claim.id, 70);
    await vote(b!, claim.id, 55);
    await vote(c!, claim.id, 30);
    await vote(d!, claim.id, 85);
    await vote(b!, claim.id, 65); // a change: a fifth vote cast, still four members
    const shown = await countsShown(claim.id, person.slug);
    expect(shown).toMatchObject({ page: 4, list: 4, person: 4, timelineMembers: 4, votesCast: 5 });
  });

  it("agree after a rewording asks voters to confirm, and as they confirm or change their votes", async () => {
    const person = await makePerson();
    const claim = await makeClaim({ statement: "Stalin ordered Kirov's murder", personIds: [person.id] });
    const [a, b, c, d] = await Promise.all([1, 2, 3, 4].map(() => makeActor("contributor")));
    await vote(a!, claim.id, 70);
    await vote(b!, claim.id, 55);
    await vote(c!, claim.id, 30);
    await vote(d!, claim.id, 85);
    await editClaim(db(), await makeActor("moderator"), {
      claimId: claim.id,
      changes: { statement: "Stalin ordered the murder of Sergei Kirov in December 1934" },
      votesOnRewording: "confirm",
    });
    expect(await countsShown(claim.id, person.slug)).toEqual({
      page: 0,
      list: 0,
      person: 0,
      stored: 0,
      timelineMembers: 0,
      votesCast: 0,
      awaiting: awaiting(4),
    });

    await confirmVote(db(), a!, { claimId: claim.id });
    await tick();
    await vote(b!, claim.id, 40); // a changed vote confirms too
    expect(await countsShown(claim.id, person.slug)).toEqual({
      page: 2,
      list: 2,
      person: 2,
      stored: 2,
      timelineMembers: 2,
      votesCast: 2,
      awaiting: awaiting(2),
    });
    const [detail, timeline] = await Promise.all([
      getClaim(db(), null, { claimId: claim.id }),
      getVoteTimeline(db(), claim.id),
    ]);
    expect(detail.votes).toMatchObject({ median: 55, histogram: [0, 0, 0, 0, 1, 0, 0, 1, 0, 0] });
    expect(timeline.at(-1)?.median).toBe(detail.votes.median);
  });

  it("agree after a duplicate is merged in, when a member voted on both claims", async () => {
    const person = await makePerson();
    const into = await makeClaim({ personIds: [person.id] });
    const from = await makeClaim({ personIds: [person.id] });
    const [both, onlyInto, onlyFrom] = await Promise.all([1, 2, 3].map(() => makeActor("contributor")));
    await vote(both!, into.id, 20);
    await vote(onlyInto!, into.id, 40);
    await vote(onlyFrom!, from.id, 60);
    await vote(both!, from.id, 90); // the later vote survives the merge
    await mergeClaims(db(), await makeActor("moderator"), { into: into.id, from: from.id });
    const shown = await countsShown(into.id, person.slug);
    expect(shown).toMatchObject({ page: 3, list: 3, person: 3, timelineMembers: 3, votesCast: 4 });
    expect((await getVoteTimeline(db(), into.id)).at(-1)?.median).toBe(
      (await getClaim(db(), null, { claimId: into.id })).votes.median,
    );
  });

  it("agree after a merge brings votes that wait for confirmation: they still wait, and a current vote beats them", async () => {
    const person = await makePerson();
    const into = await makeClaim({ personIds: [person.id] });
    const from = await makeClaim({ statement: "Stalin ordered Kirov's murder", personIds: [person.id] });
    const [both, onlyFrom, confirmed] = await Promise.all([1, 2, 3].map(() => makeActor("contributor")));
    // Older than the duplicate's vote, but on its claim's current wording: it survives the merge.
    await vote(both!, into.id, 20);
    await vote(both!, from.id, 90);
    await vote(onlyFrom!, from.id, 60);
    await vote(confirmed!, from.id, 10);
    await editClaim(db(), await makeActor("moderator"), {
      claimId: from.id,
      changes: { statement: "Stalin ordered the murder of Sergei Kirov in December 1934" },
      votesOnRewording: "confirm",
    });
    await confirmVote(db(), confirmed!, { claimId: from.id });
    await tick();
    const givenAt = (await db().confidenceVote.findFirstOrThrow({ where: { claimId: from.id, value: 60 } })).updatedAt;

    await mergeClaims(db(), await makeActor("moderator"), { into: into.id, from: from.id });
    expect(await countsShown(into.id, person.slug)).toMatchObject({
      page: 2,
      list: 2,
      person: 2,
      stored: 2,
      timelineMembers: 2,
      awaiting: awaiting(1),
    });
    const votes = await db().confidenceVote.findMany({ where: { claimId: into.id }, orderBy: { value: "asc" } });
    expect(votes.map((vote) => [vote.value, vote.wording, vote.onEarlierWording])).toEqual([
      [10, 1, false],
      [20, 1, false],
      [60, 0, true],
    ]);
    // Moving a vote does not change when it was given.
    expect(votes.find((vote) => vote.value === 60)?.updatedAt).toEqual(givenAt);
    expect((await getVoteTimeline(db(), into.id)).at(-1)?.median).toBe(
      (await getClaim(db(), null, { claimId: into.id })).votes.median,
    );
  });
});
