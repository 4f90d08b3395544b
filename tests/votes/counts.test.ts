import { beforeEach, describe, expect, it } from "vitest";
import { mergeClaims } from "@/lib/claims/merge";
import { getClaim, listClaims } from "@/lib/claims/queries";
import { getPerson } from "@/lib/people/queries";
import type { Actor } from "@/lib/permissions";
import { castVote } from "@/lib/votes/mutations";
import { getVoteTimeline } from "@/lib/votes/queries";
import { makeActor, makeClaim, makePerson } from "../factories";
import { db, resetDatabase } from "../helpers";

const tick = () => new Promise((resolve) => setTimeout(resolve, 5));

async function vote(actor: Actor, claimId: string, value: number) {
  await castVote(db(), actor, { claimId, value });
  await tick();
}

/**
 * "Votes" means each member's current vote everywhere a count of votes is shown: the claim page,
 * the lists (home page, /claims, GET /api/claims) and a person's page. Only the timeline counts
 * votes cast, changes included, and its last point counts the members voting now.
 */
async function countsShown(claimId: string, personSlug: string) {
  const reader = null; // anonymous: sees every figure
  const detail = await getClaim(db(), reader, { claimId });
  const list = await listClaims(db(), reader, {});
  const person = await getPerson(db(), reader, { slug: personSlug });
  const timeline = await getVoteTimeline(db(), claimId);
  return {
    page: detail.votes.count,
    list: list.items.find((item) => item.id === claimId)?.votes.count,
    person: person.claims.find((claim) => claim.id === claimId)?.votes.count,
    timelineMembers: timeline.at(-1)?.count,
    votesCast: timeline.length,
  };
}

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
});
