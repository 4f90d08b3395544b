// Every mutation against every role: the denied cases must fail with the right error AND
// leave every table exactly as it was; the allowed cases must write.
import { beforeEach, describe, expect, it } from "vitest";
import { mergeClaims } from "@/lib/claims/merge";
import { createClaim, createClaim as createClaimForSetup } from "@/lib/claims/mutations";
import { addComment, setCommentHidden } from "@/lib/comments/mutations";
import { addEvidence } from "@/lib/evidence/mutations";
import { approveRevision, editClaim, rejectRevision, revertClaim, setClaimLock } from "@/lib/moderation/mutations";
import { settleMention } from "@/lib/people/mentions";
import { mergePeople, splitAlias } from "@/lib/people/merge";
import { createPerson } from "@/lib/people/mutations";
import { rescanPeopleInSources } from "@/lib/people/rescan";
import { acceptPersonSuggestion, dismissPersonSuggestion } from "@/lib/people/suggestions";
import type { MaybeActor, RoleName } from "@/lib/permissions";
import { setRegistrationMode } from "@/lib/settings/registration";
import { changePassword, createInvitation, updateUser } from "@/lib/users/accounts";
import { createUser } from "@/lib/users/mutations";
import { hashPassword } from "@/lib/users/passwords";
import { castVote } from "@/lib/votes/mutations";
import { makeActor, makeClaim, makePerson, makeSource, SYSTEM_ACTOR } from "../factories";
import { db, resetDatabase, tableCounts } from "../helpers";

beforeEach(resetDatabase);

type Who = "anonymous" | RoleName;
const EVERYONE: Who[] = ["anonymous", "viewer", "contributor", "moderator", "admin"];

async function actorFor(who: Who): Promise<MaybeActor> {
  return who === "anonymous" ? null : makeActor(who);
}

type Case = {
  name: string;
  allowed: Who[];
  // Builds what the mutation needs (knowing who will act), then returns the call to make.
  arrange: (actor: MaybeActor) => Promise<(actor: MaybeActor) => Promise<unknown>>;
};

const CASES: Case[] = [
  {
    name: "createClaim",
    allowed: ["contributor", "moderator", "admin"],
    arrange: async () => {
      const person = await makePerson("Sergei Kirov");
      return (actor) =>
        createClaim(db(), actor, {
          statement: "Kirov was shot in the Smolny",
          people: [{ personId: person.id, role: "subject" }],
        });
    },
  },
  {
    name: "addEvidence",
    allowed: ["contributor", "moderator", "admin"],
    arrange: async () => {
      const source = await makeSource();
      const claim = await makeClaim();
      return (actor) =>
        addEvidence(db(), actor, {
          claimId: claim.id,
          passage: { sourceId: source.id, quote: "Nikolaev acted alone" },
          stance: "contradicts",
        });
    },
  },
  {
    name: "castVote",
    allowed: ["contributor", "moderator", "admin"],
    arrange: async () => {
      const claim = await makeClaim();
      return (actor) => castVote(db(), actor, { claimId: claim.id, value: 70 });
    },
  },
  {
    name: "createPerson",
    allowed: ["moderator", "admin"],
    arrange: async () => (actor) =>
      createPerson(db(), actor, { name: "Genrikh Yagoda", aliases: ["Iagoda", "Jagoda"] }),
  },
  {
    name: "settleMention",
    allowed: ["moderator", "admin"],
    arrange: async () => {
      const alexander = await makePerson("Alexander Orlov");
      await makePerson("Vladimir Orlov");
      const source = await makeSource("Orlov defected in 1938.");
      return (actor) => settleMention(db(), actor, { sourceId: source.id, surface: "Orlov", personId: alexander.id });
    },
  },
  {
    name: "rescanPeopleInSources",
    allowed: ["moderator", "admin"],
    arrange: async () => {
      const source = await makeSource();
      await makePerson("Sergei Kirov");
      await db().personMention.deleteMany({});
      return (actor) => rescanPeopleInSources(db(), actor, { sourceId: source.id });
    },
  },
  {
    name: "acceptPersonSuggestion",
    allowed: ["moderator", "admin"],
    arrange: async () => {
      const source = await makeSource();
      const suggestion = await db().personSuggestion.create({
        data: { sourceId: source.id, name: "Abram Slutsky", key: "abram slucki", occurrences: 2 },
      });
      return (actor) => acceptPersonSuggestion(db(), actor, { suggestionId: suggestion.id });
    },
  },
  {
    name: "dismissPersonSuggestion",
    allowed: ["moderator", "admin"],
    arrange: async () => {
      const source = await makeSource();
      const suggestion = await db().personSuggestion.create({
        data: { sourceId: source.id, name: "Soviet Union", key: "soviet union", occurrences: 9 },
      });
      return (actor) => dismissPersonSuggestion(db(), actor, { suggestionId: suggestion.id });
    },
  },
  {
    name: "mergePeople",
    allowed: ["moderator", "admin"],
    arrange: async () => {
      const kept = await makePerson("Nikolai Yezhov");
      const duplicate = await makePerson("Nikolai Ezhov", ["N. I. Ezhov"]);
      return (actor) => mergePeople(db(), actor, { into: kept.slug, from: duplicate.slug });
    },
  },
  {
    name: "mergeClaims",
    allowed: ["moderator", "admin"],
    arrange: async () => {
      const kept = await makeClaim({ statement: "Stalin ordered Kirov's murder" });
      const duplicate = await makeClaim({ statement: "Stalin was behind the killing of Kirov" });
      return (actor) => mergeClaims(db(), actor, { into: kept.id, from: duplicate.id });
    },
  },
  {
    name: "splitAlias",
    allowed: ["moderator", "admin"],
    arrange: async () => {
      const person = await makePerson("Genrikh Yagoda", ["Yagoda", "Henrik Yagoda"]);
      return (actor) => splitAlias(db(), actor, { person: person.slug, alias: "Henrik Yagoda" });
    },
  },
  {
    name: "createUser",
    allowed: ["admin"],
    arrange: async () => (actor) =>
      createUser(db(), actor, { email: "new.member@example.org", name: "New Member", role: "contributor" }),
  },
  {
    name: "editClaim (a published claim by someone else)",
    allowed: ["contributor", "moderator", "admin"],
    arrange: async () => {
      const claim = await makeClaim({ statement: "Kirov was killed by Nikolaev" });
      return (actor) =>
        editClaim(db(), actor, { claimId: claim.id, changes: { statement: "Kirov was shot by Nikolaev" } });
    },
  },
  {
    name: "approveRevision",
    allowed: ["moderator", "admin"],
    arrange: async () => {
      const claim = await makeClaim({ statement: "Kirov was killed by Nikolaev" });
      const proposal = await editClaim(db(), await makeActor("contributor"), {
        claimId: claim.id,
        changes: { statement: "Kirov was shot by Nikolaev" },
      });
      return (actor) => approveRevision(db(), actor, { revisionId: proposal.revisionId });
    },
  },
  {
    name: "rejectRevision",
    allowed: ["moderator", "admin"],
    arrange: async () => {
      const claim = await makeClaim({ statement: "Kirov was killed by Nikolaev" });
      const proposal = await editClaim(db(), await makeActor("contributor"), {
        claimId: claim.id,
        changes: { statement: "Kirov was shot by Nikolaev" },
      });
      return (actor) =>
        rejectRevision(db(), actor, { revisionId: proposal.revisionId, reason: "Not supported by the sources." });
    },
  },
  {
    name: "revertClaim",
    allowed: ["moderator", "admin"],
    arrange: async () => {
      const created = await createClaimForSetup(db(), SYSTEM_ACTOR, {
        statement: "Kirov was killed by Nikolaev",
        status: "published",
      });
      const first = await db().revision.findFirstOrThrow({ where: { claimId: created.id } });
      await editClaim(db(), await makeActor("moderator"), {
        claimId: created.id,
        changes: { statement: "Kirov was shot by Nikolaev" },
      });
      return (actor) => revertClaim(db(), actor, { claimId: created.id, revisionId: first.id });
    },
  },
  {
    name: "setClaimLock",
    allowed: ["moderator", "admin"],
    arrange: async () => {
      const claim = await makeClaim();
      return (actor) => setClaimLock(db(), actor, { claimId: claim.id, locked: true });
    },
  },
  {
    name: "setRegistrationMode",
    allowed: ["admin"],
    arrange: async () => (actor) => setRegistrationMode(db(), actor, { mode: "open" }),
  },
  {
    name: "createInvitation",
    allowed: ["admin"],
    arrange: async () => (actor) => createInvitation(db(), actor, { role: "moderator" }),
  },
  {
    name: "updateUser",
    allowed: ["admin"],
    arrange: async () => {
      const member = await makeActor("contributor");
      return (actor) => updateUser(db(), actor, { userId: member.id, role: "moderator" });
    },
  },
  {
    name: "addComment",
    allowed: ["contributor", "moderator", "admin"],
    arrange: async () => {
      const claim = await makeClaim();
      return (actor) => addComment(db(), actor, { claimId: claim.id, body: "A thought about the **evidence**." });
    },
  },
  {
    name: "setCommentHidden",
    allowed: ["moderator", "admin"],
    arrange: async () => {
      const claim = await makeClaim();
      const comment = await addComment(db(), await makeActor("contributor"), { claimId: claim.id, body: "Spam." });
      return (actor) => setCommentHidden(db(), actor, { commentId: comment.id, hidden: true, reason: "spam" });
    },
  },
  {
    name: "changePassword (own account)",
    allowed: ["viewer", "contributor", "moderator", "admin"],
    arrange: async (actor) => {
      if (actor?.kind === "user")
        await db().user.update({
          where: { id: actor.id },
          data: { passwordHash: await hashPassword("the old password") },
        });
      return (who) =>
        changePassword(db(), who, { currentPassword: "the old password", newPassword: "the new password!" }).then(
          () => true,
        );
    },
  },
];

describe.each(CASES)("$name authorization", ({ allowed, arrange }) => {
  it.each(EVERYONE)("%s", async (who) => {
    const actor = await actorFor(who);
    const call = await arrange(actor);
    const before = await tableCounts();
    if (allowed.includes(who)) {
      await expect(call(actor)).resolves.toBeTruthy();
      const after = await tableCounts();
      // Every allowed write is in the history (a merge or split records itself on each person).
      expect(after.AuditEvent).toBeGreaterThan(before.AuditEvent!);
    } else {
      await expect(call(actor)).rejects.toMatchObject({ code: who === "anonymous" ? "UNAUTHENTICATED" : "FORBIDDEN" });
      expect(await tableCounts()).toEqual(before);
    }
  });
});

describe("ownership and visibility rules inside mutations", () => {
  it("a contributor's claim waits for review and a contributor cannot publish", async () => {
    const contributor = await makeActor("contributor");
    const claim = await createClaim(db(), contributor, { statement: "Kirov was popular in Leningrad" });
    expect(claim.status).toBe("pending_review");
    const before = await tableCounts();
    await expect(
      createClaim(db(), contributor, { statement: "Published by a contributor", status: "published" }),
    ).rejects.toMatchObject({
      code: "FORBIDDEN",
      field: "status",
    });
    expect(await tableCounts()).toEqual(before);
  });

  it("nobody can attach evidence to, or vote on, someone else's draft they cannot see", async () => {
    const author = await makeActor("contributor");
    const other = await makeActor("contributor");
    const draft = await makeClaim({ status: "draft", authorId: author.id! });
    const source = await makeSource();
    const before = await tableCounts();
    await expect(
      addEvidence(db(), other, {
        claimId: draft.id,
        passage: { sourceId: source.id, quote: "Nikolaev acted alone" },
        stance: "supports",
      }),
    ).rejects.toMatchObject({ code: "NOT_FOUND", field: "claimId" });
    await expect(castVote(db(), other, { claimId: draft.id, value: 10 })).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect(await tableCounts()).toEqual(before);
  });
});
