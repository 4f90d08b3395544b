// Every mutation against every role: the denied cases must fail with the right error AND
// leave every table exactly as it was (every row, every column); the allowed cases must write
// exactly the tables they are expected to. A second part proves the table is tied to
// lib/permissions.ts: with a permission taken away (or granted), the table must fail.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { startSession } from "@/lib/auth/sessions";
import { mergeClaims } from "@/lib/claims/merge";
import { createClaim, createClaim as createClaimForSetup } from "@/lib/claims/mutations";
import { proposeRelation, reviewRelation } from "@/lib/claims/relations";
import { addComment, setCommentHidden } from "@/lib/comments/mutations";
import { getEnv } from "@/lib/env";
import { addEvidence, groupEvidence, setEvidenceOrigin, undoCitation, updateOrigin } from "@/lib/evidence/mutations";
import {
  approveRevision,
  editClaim,
  rejectRevision,
  revertClaim,
  reviewPendingClaim,
  setClaimLock,
} from "@/lib/moderation/mutations";
import { settleMention } from "@/lib/people/mentions";
import { mergePeople, splitAlias } from "@/lib/people/merge";
import { createPerson } from "@/lib/people/mutations";
import { rescanPeopleInSources } from "@/lib/people/rescan";
import { acceptPersonSuggestion, dismissPersonSuggestion } from "@/lib/people/suggestions";
import { type MaybeActor, PERMISSIONS_BY_ROLE, type Permission, ROLES, type RoleName } from "@/lib/permissions";
import {
  createQuestion,
  markCell,
  proposeQuestionClaim,
  reviewQuestion,
  reviewQuestionClaim,
} from "@/lib/questions/mutations";
import { rateEvidence, rateSource, withdrawEvidenceRating, withdrawSourceRating } from "@/lib/ratings/mutations";
import { setRegistrationMode } from "@/lib/settings/registration";
import { importSource } from "@/lib/sources/import";
import { decideReanchor, importSourceVersion } from "@/lib/sources/versions";
import { changePassword, createInvitation, updateUser } from "@/lib/users/accounts";
import { createUser, signOutEverywhere } from "@/lib/users/mutations";
import { hashPassword } from "@/lib/users/passwords";
import { castVote, confirmVote } from "@/lib/votes/mutations";
import { openWorkspaceExport } from "@/lib/workspace/export";
import { makeActor, makeClaim, makePerson, makeSource, SYSTEM_ACTOR } from "../factories";
import { changedTables, db, resetDatabase, type TableName, type TableSnapshot, tableSnapshot } from "../helpers";

beforeEach(resetDatabase);

type Who = "anonymous" | RoleName;
const EVERYONE: Who[] = ["anonymous", "viewer", "contributor", "moderator", "admin"];

async function actorFor(who: Who): Promise<MaybeActor> {
  return who === "anonymous" ? null : makeActor(who);
}

type Case = {
  name: string;
  allowed: Who[];
  /**
   * What lib/permissions.ts must give a role for the call to succeed (per role where it differs):
   * taking any one of these from an allowed role, or granting all of them to a refused role,
   * must make the table fail ("the table follows lib/permissions.ts" below checks both).
   */
  needs: Permission[] | ((role: RoleName) => Permission[]);
  /** The tables an allowed call changes, besides AuditEvent (which every allowed call adds to). */
  writes: TableName[] | ((role: RoleName) => TableName[]);
  /** How a refused role is turned away when it is not FORBIDDEN (anonymous: UNAUTHENTICATED). */
  refusedWith?: Partial<Record<RoleName, "NOT_FOUND">>;
  // Builds what the mutation needs (knowing who will act), then returns the call to make.
  arrange: (actor: MaybeActor) => Promise<(actor: MaybeActor) => Promise<unknown>>;
};

const moderatorOrAdmin = (role: RoleName) => role === "moderator" || role === "admin";

const CASES: Case[] = [
  {
    name: "createClaim",
    allowed: ["contributor", "moderator", "admin"],
    needs: ["create:claim"],
    writes: ["Claim", "ClaimPerson", "Revision", "SearchDocument", "RateLimitEvent"],
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
    name: "createClaim (published at once)",
    allowed: ["moderator", "admin"],
    needs: ["create:claim", "publish:claim"],
    writes: ["Claim", "Revision", "SearchDocument", "RateLimitEvent"],
    arrange: async () => (actor) =>
      createClaim(db(), actor, { statement: "Kirov was popular in Leningrad", status: "published" }),
  },
  {
    name: "importSource",
    allowed: ["contributor", "moderator", "admin"],
    needs: ["import:source"],
    writes: ["Source", "SourceAuthor", "Passage", "SearchDocument", "RateLimitEvent"],
    arrange: async () => (actor) =>
      importSource(db(), actor, {
        content: "Yagoda was arrested in 1937.\n\nHis trial followed a year later.",
        title: "Yagoda",
        authors: ["A. Historian"],
      }),
  },
  {
    name: "importSourceVersion",
    allowed: ["contributor", "moderator", "admin"],
    needs: ["import:source"],
    writes: [
      "Source",
      "Passage",
      "SearchDocument",
      "RateLimitEvent",
      "Evidence",
      "EvidenceReanchor",
      "PersonSuggestion",
    ],
    arrange: async () => {
      const source = await makeSource();
      const claim = await makeClaim();
      await addEvidence(db(), SYSTEM_ACTOR, {
        claimId: claim.id,
        passage: { sourceId: source.id, quote: "Others say Nikolaev acted alone." },
        stance: "contradicts",
      });
      return (actor) =>
        importSourceVersion(db(), actor, {
          sourceId: source.id,
          content: `A new first paragraph.\n\n${source.text}`,
        });
    },
  },
  {
    name: "decideReanchor",
    allowed: ["moderator", "admin"],
    needs: ["confirm:reanchor"],
    // The corrected sentence is a sentence of the new version: the evidence moves to that passage.
    writes: ["EvidenceReanchor", "Evidence"],
    arrange: async () => {
      const source = await makeSource();
      const claim = await makeClaim();
      await addEvidence(db(), SYSTEM_ACTOR, {
        claimId: claim.id,
        passage: { sourceId: source.id, quote: "Others say Nikolaev acted alone." },
        stance: "contradicts",
      });
      await importSourceVersion(db(), SYSTEM_ACTOR, {
        sourceId: source.id,
        content: source.text.replace("Others say Nikolaev acted alone.", "Others say Nikolayev acted alone."),
      });
      const pending = await db().evidenceReanchor.findFirstOrThrow({ where: { status: "pending" } });
      return (actor) => decideReanchor(db(), actor, { reanchorId: pending.id, decision: "confirm" });
    },
  },
  {
    name: "addEvidence",
    allowed: ["contributor", "moderator", "admin"],
    needs: ["create:evidence"],
    writes: ["Evidence", "Passage", "SearchDocument", "Claim", "Revision", "RateLimitEvent"],
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
    name: "undoCitation",
    allowed: ["contributor", "moderator", "admin"],
    needs: ["create:evidence"],
    writes: ["Evidence", "Claim", "Revision"],
    // Each member's own citation: a viewer's was made while they could still cite (a role lowered since).
    arrange: async (actor) => {
      const source = await makeSource();
      const claim = await makeClaim();
      const evidence = await addEvidence(db(), SYSTEM_ACTOR, {
        claimId: claim.id,
        passage: { sourceId: source.id, quote: "Nikolaev acted alone" },
        stance: "contradicts",
      });
      await db().evidence.update({ where: { id: evidence.id }, data: { addedById: actor?.id ?? null } });
      return (actor) => undoCitation(db(), actor, { evidenceId: evidence.id });
    },
  },
  {
    name: "addEvidence (to someone else's draft)",
    allowed: ["moderator", "admin"],
    needs: ["create:evidence", "read:claim:any"],
    writes: ["Evidence", "Passage", "SearchDocument", "Claim", "Revision", "RateLimitEvent"],
    // A draft is invisible to a contributor who did not write it: as if it did not exist.
    refusedWith: { contributor: "NOT_FOUND" },
    arrange: async () => {
      const author = await makeActor("contributor");
      const source = await makeSource();
      const draft = await makeClaim({ status: "draft", authorId: author.id! });
      return (actor) =>
        addEvidence(db(), actor, {
          claimId: draft.id,
          passage: { sourceId: source.id, quote: "Nikolaev acted alone" },
          stance: "supports",
        });
    },
  },
  {
    name: "groupEvidence (a new origin)",
    allowed: ["contributor", "moderator", "admin"],
    needs: ["group:evidence"],
    writes: ["EvidenceOrigin", "Evidence", "Claim", "Revision", "RateLimitEvent"],
    arrange: async () => {
      const source = await makeSource();
      const claim = await makeClaim();
      const cite = (quote: string) =>
        addEvidence(db(), SYSTEM_ACTOR, {
          claimId: claim.id,
          passage: { sourceId: source.id, quote },
          stance: "supports",
        });
      const first = await cite("Some historians hold that Stalin ordered the murder.");
      const second = await cite("Stalin ordered the murder");
      return (actor) =>
        groupEvidence(db(), actor, {
          claimId: claim.id,
          evidenceIds: [first.id, second.id],
          name: "Alexander Orlov's account",
          note: "Second-hand",
        });
    },
  },
  {
    name: "groupEvidence (into an existing origin, on someone else's draft)",
    allowed: ["moderator", "admin"],
    needs: ["group:evidence", "read:claim:any"],
    writes: ["Evidence", "Claim", "Revision", "RateLimitEvent"],
    refusedWith: { contributor: "NOT_FOUND" },
    arrange: async () => {
      const author = await makeActor("contributor");
      const source = await makeSource();
      const draft = await makeClaim({ status: "draft", authorId: author.id! });
      const evidence = await addEvidence(db(), SYSTEM_ACTOR, {
        claimId: draft.id,
        passage: { sourceId: source.id, quote: "Nikolaev acted alone" },
        stance: "supports",
      });
      const origin = await db().evidenceOrigin.create({
        data: { name: "The court's ruling", nameNormalized: "the courts ruling" },
      });
      return (actor) =>
        groupEvidence(db(), actor, { claimId: draft.id, evidenceIds: [evidence.id], originId: origin.id });
    },
  },
  {
    name: "setEvidenceOrigin (taking a passage out of its origin)",
    allowed: ["contributor", "moderator", "admin"],
    needs: ["group:evidence"],
    writes: ["Evidence", "Claim", "Revision", "RateLimitEvent"],
    arrange: async () => {
      const source = await makeSource();
      const claim = await makeClaim();
      const evidence = await addEvidence(db(), SYSTEM_ACTOR, {
        claimId: claim.id,
        passage: { sourceId: source.id, quote: "Nikolaev acted alone" },
        stance: "contradicts",
      });
      await groupEvidence(db(), SYSTEM_ACTOR, { claimId: claim.id, evidenceIds: [evidence.id], name: "The court" });
      return (actor) => setEvidenceOrigin(db(), actor, { evidenceId: evidence.id, originId: null });
    },
  },
  {
    name: "updateOrigin (one's own)",
    allowed: ["contributor", "moderator", "admin"],
    needs: ["group:evidence"],
    writes: ["EvidenceOrigin", "RateLimitEvent"],
    arrange: async (actor) => {
      // Every member named it (a viewer's stands for one named before a demotion).
      const origin = await db().evidenceOrigin.create({
        data: { name: "Orlovs account", nameNormalized: "orlovs account", createdById: actor?.id ?? null },
      });
      return (who) => updateOrigin(db(), who, { originId: origin.id, name: "Alexander Orlov's account" });
    },
  },
  {
    name: "updateOrigin (someone else's)",
    allowed: ["moderator", "admin"],
    needs: ["group:evidence", "update:origin:any"],
    writes: ["EvidenceOrigin", "RateLimitEvent"],
    arrange: async () => {
      const namer = await makeActor("contributor");
      const origin = await db().evidenceOrigin.create({
        data: { name: "Orlovs account", nameNormalized: "orlovs account", createdById: namer.id },
      });
      return (actor) => updateOrigin(db(), actor, { originId: origin.id, note: "Written after his defection." });
    },
  },
  {
    name: "castVote",
    allowed: ["contributor", "moderator", "admin"],
    needs: ["cast:vote"],
    writes: ["ConfidenceVote", "ConfidenceVoteHistory", "Claim", "RateLimitEvent"],
    arrange: async () => {
      const claim = await makeClaim();
      return (actor) => castVote(db(), actor, { claimId: claim.id, value: 70 });
    },
  },
  {
    name: "castVote naming the evidence that moved the voter most",
    allowed: ["contributor", "moderator", "admin"],
    needs: ["cast:vote"],
    writes: ["ConfidenceVote", "VoteEvidence", "ConfidenceVoteHistory", "Claim", "RateLimitEvent"],
    arrange: async () => {
      const claim = await makeClaim();
      const source = await makeSource();
      const evidence = await addEvidence(db(), SYSTEM_ACTOR, {
        claimId: claim.id,
        passage: { sourceId: source.id, quote: "Nikolaev acted alone" },
        stance: "supports",
      });
      return (actor) => castVote(db(), actor, { claimId: claim.id, value: 70, evidenceIds: [evidence.id] });
    },
  },
  {
    name: "confirmVote (a vote cast on an earlier wording)",
    allowed: ["contributor", "moderator", "admin"],
    needs: ["cast:vote"],
    writes: ["ConfidenceVote", "ConfidenceVoteHistory", "Claim", "RateLimitEvent"],
    arrange: async (actor) => {
      const claim = await makeClaim({ statement: "Stalin ordered Kirov's murder" });
      // Every member starts with a vote to confirm (a viewer's stands for one cast before a demotion).
      if (actor?.kind === "user") {
        await db().confidenceVote.create({ data: { claimId: claim.id, userId: actor.id, value: 70 } });
      }
      await castVote(db(), await makeActor("contributor"), { claimId: claim.id, value: 40 });
      await editClaim(db(), await makeActor("moderator"), {
        claimId: claim.id,
        changes: { statement: "Stalin ordered the murder of Sergei Kirov in December 1934" },
        votesOnRewording: "confirm",
      });
      return (who) => confirmVote(db(), who, { claimId: claim.id });
    },
  },
  {
    name: "rateSource",
    allowed: ["contributor", "moderator", "admin"],
    needs: ["rate:source"],
    writes: ["SourceRating", "SourceRatingHistory", "RateLimitEvent"],
    arrange: async () => {
      const source = await makeSource();
      return (actor) =>
        rateSource(db(), actor, { sourceId: source.id, grade: "C", reason: "A mirror of an encyclopedia" });
    },
  },
  {
    name: "withdrawSourceRating",
    allowed: ["contributor", "moderator", "admin"],
    needs: ["rate:source"],
    writes: ["SourceRating", "SourceRatingHistory", "RateLimitEvent"],
    arrange: async (actor) => {
      const source = await makeSource();
      // Every member starts with a rating to withdraw (a viewer's stands for one given before a demotion).
      if (actor?.kind === "user") {
        await db().sourceRating.create({
          data: { sourceId: source.id, userId: actor.id, grade: "B", reason: "Given earlier" },
        });
      }
      return (who) => withdrawSourceRating(db(), who, { sourceId: source.id });
    },
  },
  {
    name: "rateEvidence",
    allowed: ["contributor", "moderator", "admin"],
    needs: ["rate:evidence"],
    writes: ["EvidenceRating", "EvidenceRatingHistory", "RateLimitEvent"],
    arrange: async () => {
      const source = await makeSource();
      const claim = await makeClaim();
      const evidence = await addEvidence(db(), SYSTEM_ACTOR, {
        claimId: claim.id,
        passage: { sourceId: source.id, quote: "Nikolaev acted alone" },
        stance: "contradicts",
      });
      return (actor) => rateEvidence(db(), actor, { evidenceId: evidence.id, grade: 3, reason: "One account only" });
    },
  },
  {
    name: "rateEvidence (on someone else's draft)",
    allowed: ["moderator", "admin"],
    needs: ["rate:evidence", "read:claim:any"],
    writes: ["EvidenceRating", "EvidenceRatingHistory", "RateLimitEvent"],
    // Evidence on a draft a contributor cannot see is as if it did not exist.
    refusedWith: { contributor: "NOT_FOUND" },
    arrange: async () => {
      const author = await makeActor("contributor");
      const source = await makeSource();
      const draft = await makeClaim({ status: "draft", authorId: author.id! });
      const evidence = await addEvidence(db(), SYSTEM_ACTOR, {
        claimId: draft.id,
        passage: { sourceId: source.id, quote: "Nikolaev acted alone" },
        stance: "contradicts",
      });
      return (actor) => rateEvidence(db(), actor, { evidenceId: evidence.id, grade: 4, reason: "Doubtful" });
    },
  },
  {
    name: "withdrawEvidenceRating",
    allowed: ["contributor", "moderator", "admin"],
    needs: ["rate:evidence"],
    writes: ["EvidenceRating", "EvidenceRatingHistory", "RateLimitEvent"],
    arrange: async (actor) => {
      const source = await makeSource();
      const claim = await makeClaim();
      const evidence = await addEvidence(db(), SYSTEM_ACTOR, {
        claimId: claim.id,
        passage: { sourceId: source.id, quote: "Nikolaev acted alone" },
        stance: "contradicts",
      });
      if (actor?.kind === "user") {
        await db().evidenceRating.create({
          data: { evidenceId: evidence.id, userId: actor.id, grade: 2, reason: "Given earlier" },
        });
      }
      return (who) => withdrawEvidenceRating(db(), who, { evidenceId: evidence.id });
    },
  },
  {
    name: "createPerson",
    allowed: ["moderator", "admin"],
    needs: ["create:person"],
    writes: ["Person", "PersonAlias", "SearchDocument"],
    arrange: async () => (actor) =>
      createPerson(db(), actor, { name: "Genrikh Yagoda", aliases: ["Iagoda", "Jagoda"] }),
  },
  {
    name: "settleMention",
    allowed: ["moderator", "admin"],
    needs: ["update:person"],
    writes: ["PersonMention"],
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
    needs: ["update:person"],
    writes: ["PersonMention", "PersonSuggestion"],
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
    needs: ["create:person"],
    writes: ["Person", "PersonAlias", "PersonSuggestion", "SearchDocument"],
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
    needs: ["create:person"],
    writes: ["PersonSuggestion"],
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
    needs: ["merge:person"],
    writes: ["Person", "PersonAlias", "SearchDocument"],
    arrange: async () => {
      const kept = await makePerson("Nikolai Yezhov");
      const duplicate = await makePerson("Nikolai Ezhov", ["N. I. Ezhov"]);
      return (actor) => mergePeople(db(), actor, { into: kept.slug, from: duplicate.slug });
    },
  },
  {
    name: "mergeClaims",
    allowed: ["moderator", "admin"],
    needs: ["merge:claim"],
    writes: ["Claim", "Revision", "SearchDocument"],
    arrange: async () => {
      const kept = await makeClaim({ statement: "Stalin ordered Kirov's murder" });
      const duplicate = await makeClaim({ statement: "Stalin was behind the killing of Kirov" });
      return (actor) => mergeClaims(db(), actor, { into: kept.id, from: duplicate.id });
    },
  },
  {
    name: "proposeRelation",
    allowed: ["contributor", "moderator", "admin"],
    needs: ["propose:revision"],
    writes: ["ClaimRelation", "RateLimitEvent"],
    arrange: async () => {
      const ordered = await makeClaim({ statement: "Stalin ordered Kirov's murder" });
      const alone = await makeClaim({ statement: "Nikolaev acted alone" });
      return (actor) =>
        proposeRelation(db(), actor, { claimId: ordered.id, otherClaimId: alone.slug, kind: "contradicts" });
    },
  },
  {
    name: "reviewRelation",
    allowed: ["moderator", "admin"],
    needs: ["approve:revision:any"],
    writes: ["ClaimRelation"],
    arrange: async () => {
      const ordered = await makeClaim({ statement: "Stalin ordered Kirov's murder" });
      const alone = await makeClaim({ statement: "Nikolaev acted alone" });
      const proposed = await proposeRelation(db(), await makeActor("contributor"), {
        claimId: ordered.id,
        otherClaimId: alone.id,
        kind: "contradicts",
      });
      return (actor) => reviewRelation(db(), actor, { relationId: proposed.relationId, decision: "confirm" });
    },
  },
  {
    name: "createQuestion",
    allowed: ["contributor", "moderator", "admin"],
    needs: ["create:question", "propose:revision"],
    writes: ["Question", "QuestionClaim", "RateLimitEvent"],
    arrange: async () => {
      const ordered = await makeClaim({ statement: "Stalin ordered Kirov's murder" });
      return (actor) => createQuestion(db(), actor, { title: "Who was behind the murder?", claimIds: [ordered.slug] });
    },
  },
  {
    name: "reviewQuestion",
    allowed: ["moderator", "admin"],
    // A question waiting for review is readable by moderators only (read:claim:any, as for claims).
    needs: ["approve:revision:any", "read:claim:any"],
    writes: ["Question"],
    arrange: async () => {
      const asked = await createQuestion(db(), await makeActor("contributor"), { title: "Who was behind it?" });
      return (actor) => reviewQuestion(db(), actor, { questionId: asked.id, decision: "publish" });
    },
  },
  {
    name: "proposeQuestionClaim",
    allowed: ["contributor", "moderator", "admin"],
    needs: ["propose:revision"],
    writes: ["QuestionClaim", "RateLimitEvent"],
    arrange: async () => {
      const asked = await createQuestion(db(), SYSTEM_ACTOR, { title: "Who was behind it?" });
      const alone = await makeClaim({ statement: "Nikolaev acted alone" });
      return (actor) => proposeQuestionClaim(db(), actor, { questionId: asked.slug, claimId: alone.id });
    },
  },
  {
    name: "reviewQuestionClaim",
    allowed: ["moderator", "admin"],
    needs: ["approve:revision:any"],
    writes: ["QuestionClaim"],
    arrange: async () => {
      const asked = await createQuestion(db(), SYSTEM_ACTOR, { title: "Who was behind it?" });
      const alone = await makeClaim({ statement: "Nikolaev acted alone" });
      const proposed = await proposeQuestionClaim(db(), await makeActor("contributor"), {
        questionId: asked.id,
        claimId: alone.id,
      });
      return (actor) =>
        reviewQuestionClaim(db(), actor, { questionClaimId: proposed.questionClaimId, decision: "confirm" });
    },
  },
  {
    name: "markCell",
    allowed: ["contributor", "moderator", "admin"],
    needs: ["mark:matrix"],
    writes: ["MatrixMark", "RateLimitEvent"],
    arrange: async () => {
      const source = await makeSource();
      const alone = await makeClaim({ statement: "Nikolaev acted alone" });
      const evidence = await addEvidence(db(), SYSTEM_ACTOR, {
        claimId: alone.id,
        passage: { sourceId: source.id, quote: "Others say Nikolaev acted alone." },
        stance: "supports",
      });
      const asked = await createQuestion(db(), SYSTEM_ACTOR, { title: "Who was behind it?", claimIds: [alone.id] });
      return (actor) =>
        markCell(db(), actor, {
          questionId: asked.id,
          claimId: alone.id,
          passageId: evidence.passageId,
          mark: "inconsistent",
        });
    },
  },
  {
    name: "splitAlias",
    allowed: ["moderator", "admin"],
    needs: ["merge:person"],
    writes: ["Person", "PersonAlias", "SearchDocument"],
    arrange: async () => {
      const person = await makePerson("Genrikh Yagoda", ["Yagoda", "Henrik Yagoda"]);
      return (actor) => splitAlias(db(), actor, { person: person.slug, alias: "Henrik Yagoda" });
    },
  },
  {
    name: "createUser",
    allowed: ["admin"],
    needs: ["manage:users"],
    writes: ["User"],
    arrange: async () => (actor) =>
      createUser(db(), actor, { email: "new.member@example.org", name: "New Member", role: "contributor" }),
  },
  {
    name: "editClaim (a published claim by someone else)",
    allowed: ["contributor", "moderator", "admin"],
    // Moderators change it at once; anyone else who may propose leaves a proposal for review.
    needs: (role) => (moderatorOrAdmin(role) ? ["propose:revision", "update:claim:any"] : ["propose:revision"]),
    writes: (role) =>
      moderatorOrAdmin(role)
        ? ["Claim", "Revision", "SearchDocument", "RateLimitEvent"]
        : ["Revision", "RateLimitEvent"],
    arrange: async () => {
      const claim = await makeClaim({ statement: "Kirov was killed by Nikolaev" });
      return (actor) =>
        editClaim(db(), actor, { claimId: claim.id, changes: { statement: "Kirov was shot by Nikolaev" } });
    },
  },
  {
    name: "editClaim (one's own claim, pending review)",
    allowed: ["contributor", "moderator", "admin"],
    // The author sees it and changes it at once while nobody else has seen it.
    needs: (role) =>
      moderatorOrAdmin(role) ? ["propose:revision"] : ["propose:revision", "update:claim:own", "read:claim:own"],
    writes: ["Claim", "Revision", "SearchDocument", "RateLimitEvent"],
    arrange: async (actor) => {
      const claim = await makeClaim({
        statement: "Kirov was killed by Nikolaev",
        status: "pending_review",
        ...(actor?.kind === "user" ? { authorId: actor.id } : {}),
      });
      return (who) => editClaim(db(), who, { claimId: claim.id, changes: { statement: "Kirov was shot by Nikolaev" } });
    },
  },
  {
    name: "approveRevision",
    allowed: ["moderator", "admin"],
    needs: ["approve:revision:any"],
    writes: ["Claim", "Revision", "SearchDocument"],
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
    name: "approveRevision (rewording a claim with votes, asking voters to confirm)",
    allowed: ["moderator", "admin"],
    needs: ["approve:revision:any"],
    // The votes are marked as cast on the earlier wording; nothing else about them changes.
    writes: ["Claim", "Revision", "SearchDocument", "ConfidenceVote"],
    arrange: async () => {
      const claim = await makeClaim({ statement: "Stalin ordered Kirov's murder" });
      await castVote(db(), await makeActor("contributor"), { claimId: claim.id, value: 70 });
      const proposal = await editClaim(db(), await makeActor("contributor"), {
        claimId: claim.id,
        changes: { statement: "Stalin ordered the murder of Sergei Kirov in December 1934" },
      });
      return (actor) => approveRevision(db(), actor, { revisionId: proposal.revisionId, votesOnRewording: "confirm" });
    },
  },
  {
    name: "reviewPendingClaim (publish)",
    allowed: ["moderator", "admin"],
    // Approving it as a reviewer, and the direct status change that applies it (lib/claims/policy.ts).
    needs: ["approve:revision:any", "propose:revision", "publish:claim", "update:claim:any", "read:claim:any"],
    writes: ["Claim", "Revision", "SearchDocument", "RateLimitEvent"],
    arrange: async () => {
      const claim = await makeClaim({ statement: "Yagoda arranged the killing of Kirov", status: "pending_review" });
      return (actor) => reviewPendingClaim(db(), actor, { claimId: claim.id, decision: "publish" });
    },
  },
  {
    name: "reviewPendingClaim (send back)",
    allowed: ["moderator", "admin"],
    // Approving it as a reviewer, and the direct status change that applies it (lib/claims/policy.ts).
    needs: ["approve:revision:any", "propose:revision", "publish:claim", "update:claim:any", "read:claim:any"],
    writes: ["Claim", "Revision", "SearchDocument", "RateLimitEvent"],
    arrange: async () => {
      const claim = await makeClaim({ statement: "Medved was a friend of Kirov", status: "pending_review" });
      return (actor) =>
        reviewPendingClaim(db(), actor, { claimId: claim.id, decision: "send_back", reason: "Cite a source first." });
    },
  },
  {
    name: "rejectRevision",
    allowed: ["moderator", "admin"],
    needs: ["approve:revision:any"],
    writes: ["Revision"],
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
    needs: ["revert:claim:any"],
    writes: ["Claim", "Revision", "SearchDocument"],
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
      return (actor) =>
        revertClaim(db(), actor, { claimId: created.id, revisionId: first.id, reason: "Undo the change" });
    },
  },
  {
    name: "setClaimLock",
    allowed: ["moderator", "admin"],
    needs: ["lock:claim:any"],
    writes: ["Claim"],
    arrange: async () => {
      const claim = await makeClaim();
      return (actor) => setClaimLock(db(), actor, { claimId: claim.id, locked: true });
    },
  },
  {
    name: "setRegistrationMode",
    allowed: ["admin"],
    needs: ["manage:settings"],
    writes: ["Setting"],
    arrange: async () => (actor) => setRegistrationMode(db(), actor, { mode: "open" }),
  },
  {
    // A read, but of everything: the download itself is what the audit event records.
    name: "openWorkspaceExport",
    allowed: ["admin"],
    needs: ["export:workspace"],
    writes: [],
    arrange: async () => {
      await makeClaim();
      return (actor) =>
        openWorkspaceExport(db(), actor, getEnv()).then(async ({ stream }) => {
          await stream.cancel();
          return true;
        });
    },
  },
  {
    name: "createInvitation",
    allowed: ["admin"],
    needs: ["manage:invitations"],
    writes: ["Invitation"],
    arrange: async () => (actor) => createInvitation(db(), actor, { role: "moderator" }),
  },
  {
    name: "updateUser",
    allowed: ["admin"],
    needs: ["manage:users"],
    writes: ["User"],
    arrange: async () => {
      const member = await makeActor("contributor");
      return (actor) => updateUser(db(), actor, { userId: member.id, role: "moderator" });
    },
  },
  {
    name: "addComment",
    allowed: ["contributor", "moderator", "admin"],
    needs: ["create:comment"],
    writes: ["Comment", "RateLimitEvent"],
    arrange: async () => {
      const claim = await makeClaim();
      return (actor) => addComment(db(), actor, { claimId: claim.id, body: "A thought about the **evidence**." });
    },
  },
  {
    name: "setCommentHidden",
    allowed: ["moderator", "admin"],
    needs: ["hide:comment:any"],
    writes: ["Comment"],
    arrange: async () => {
      const claim = await makeClaim();
      const comment = await addComment(db(), await makeActor("contributor"), { claimId: claim.id, body: "Spam." });
      return (actor) => setCommentHidden(db(), actor, { commentId: comment.id, hidden: true, reason: "spam" });
    },
  },
  {
    name: "signOutEverywhere",
    allowed: ["admin"],
    needs: ["manage:users"],
    writes: ["Session"],
    arrange: async () => {
      const member = await makeActor("contributor");
      await startSession(db(), member.id!);
      await startSession(db(), member.id!);
      return (actor) => signOutEverywhere(db(), actor, { userId: member.id });
    },
  },
  {
    name: "changePassword (own account)",
    allowed: ["viewer", "contributor", "moderator", "admin"],
    needs: ["update:account:own"],
    // The attempt counts toward the member's limit; their sessions end (this one has none).
    writes: ["User", "RateLimitEvent"],
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

const needsOf = (item: Case, role: RoleName): Permission[] =>
  typeof item.needs === "function" ? item.needs(role) : item.needs;
const writesOf = (item: Case, role: RoleName): TableName[] =>
  typeof item.writes === "function" ? item.writes(role) : item.writes;

type Arranged = { actor: MaybeActor; call: (actor: MaybeActor) => Promise<unknown>; before: TableSnapshot };

/** Builds the case for `who` and takes the snapshot the check compares with. */
async function arrange(item: Case, who: Who): Promise<Arranged> {
  const actor = await actorFor(who);
  const call = await item.arrange(actor);
  return { actor, call, before: await tableSnapshot() };
}

/** Makes the call and checks what the table expects of `who`; throws an AssertionError if it is not so. */
async function check(item: Case, who: Who, { actor, call, before }: Arranged): Promise<void> {
  if (who !== "anonymous" && item.allowed.includes(who)) {
    await expect(call(actor)).resolves.toBeTruthy();
    const after = await tableSnapshot();
    // Every allowed write is in the history (a merge or split records itself on each person) …
    expect(after.AuditEvent.length, "audit events").toBeGreaterThan(before.AuditEvent.length);
    // … and changes the tables it is about, and no others.
    const expected = new Set<TableName>([...writesOf(item, who), "AuditEvent"]);
    expect(changedTables(before, after), "tables changed").toEqual([...expected].sort());
  } else {
    const code = who === "anonymous" ? "UNAUTHENTICATED" : (item.refusedWith?.[who] ?? "FORBIDDEN");
    await expect(call(actor)).rejects.toMatchObject({ code });
    expect(await tableSnapshot()).toEqual(before);
  }
}

describe.each(CASES)("$name authorization", (item) => {
  it.each(EVERYONE)("%s", async (who) => {
    await check(item, who, await arrange(item, who));
  });
});

describe("ownership and visibility rules inside mutations", () => {
  it("a contributor's claim waits for review and a contributor cannot publish", async () => {
    const contributor = await makeActor("contributor");
    const claim = await createClaim(db(), contributor, { statement: "Kirov was popular in Leningrad" });
    expect(claim.status).toBe("pending_review");
    const before = await tableSnapshot();
    await expect(
      createClaim(db(), contributor, { statement: "Published by a contributor", status: "published" }),
    ).rejects.toMatchObject({
      code: "FORBIDDEN",
      field: "status",
    });
    expect(await tableSnapshot()).toEqual(before);
  });

  it("nobody can attach evidence to, or vote on, someone else's draft they cannot see", async () => {
    const author = await makeActor("contributor");
    const other = await makeActor("contributor");
    const draft = await makeClaim({ status: "draft", authorId: author.id! });
    const source = await makeSource();
    const before = await tableSnapshot();
    await expect(
      addEvidence(db(), other, {
        claimId: draft.id,
        passage: { sourceId: source.id, quote: "Nikolaev acted alone" },
        stance: "supports",
      }),
    ).rejects.toMatchObject({ code: "NOT_FOUND", field: "claimId" });
    await expect(castVote(db(), other, { claimId: draft.id, value: 10 })).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect(await tableSnapshot()).toEqual(before);
  });
});

// ---------------------------------------------------------------------------------------------
// The table above must depend on lib/permissions.ts: were a permission taken from a role (or
// given to one), some expectation must break. Each check arranges the case with the real
// permissions, then runs the table's own check with one role's set changed in this process
// (PERMISSIONS_BY_ROLE holds Sets, which can() reads on every call), and demands an assertion
// failure. The sets are restored in a finally, and checked after every test.
// ---------------------------------------------------------------------------------------------

const ALL_PERMISSIONS = [...new Set(ROLES.flatMap((role) => [...PERMISSIONS_BY_ROLE[role]]))].sort();
const ORIGINAL_PERMISSIONS = Object.fromEntries(ROLES.map((role) => [role, [...PERMISSIONS_BY_ROLE[role]].sort()]));

async function withPermissions<T>(
  role: RoleName,
  change: { grant?: Permission[]; revoke?: Permission[] },
  run: () => Promise<T>,
): Promise<T> {
  // Typed read-only so that lib cannot change it; only this test does, and puts it back.
  const set = PERMISSIONS_BY_ROLE[role] as Set<Permission>;
  const saved = [...set];
  try {
    for (const permission of change.revoke ?? []) set.delete(permission);
    for (const permission of change.grant ?? []) set.add(permission);
    return await run();
  } finally {
    set.clear();
    for (const permission of saved) set.add(permission);
  }
}

/** The error the table's check throws under changed permissions, or null when it passed. */
async function checkFailure(
  item: Case,
  who: RoleName,
  arranged: Arranged,
  change: Parameters<typeof withPermissions>[1],
) {
  return withPermissions(who, change, () =>
    check(item, who, arranged).then(
      () => null,
      (error: unknown) => error,
    ),
  );
}

const isRole = (who: Who): who is RoleName => who !== "anonymous";
const REVOKED = CASES.flatMap((item) =>
  item.allowed.filter(isRole).flatMap((role) => needsOf(item, role).map((permission) => ({ item, role, permission }))),
);
const GRANTED = CASES.flatMap((item) =>
  ROLES.filter((role) => !item.allowed.includes(role)).map((role) => ({ item, role, needs: needsOf(item, role) })),
);

// Permissions that guard reads only (history, review queue, audit log); their tests are the
// queries' own (tests/moderation, tests/audit).
const READ_ONLY: Permission[] = ["read:revision:any", "read:revision:own", "read:audit"];

describe("the table follows lib/permissions.ts", () => {
  afterEach(() => {
    const now = Object.fromEntries(ROLES.map((role) => [role, [...PERMISSIONS_BY_ROLE[role]].sort()]));
    expect(now, "PERMISSIONS_BY_ROLE was not restored").toEqual(ORIGINAL_PERMISSIONS);
  });

  it.each(REVOKED.map(({ item, role, permission }) => [item.name, permission, role, item] as const))(
    "%s: without %s, %s is refused and the table fails",
    async (_name, permission, role, item) => {
      const arranged = await arrange(item, role);
      const failure = await checkFailure(item, role, arranged, { revoke: [permission] });
      expect(failure, "the table should fail once the permission is gone").toMatchObject({ name: "AssertionError" });
    },
  );

  it.each(GRANTED.map(({ item, role, needs }) => [item.name, needs.join(" + "), role, item, needs] as const))(
    "%s: with %s, %s is allowed and the table fails",
    async (_name, _needs, role, item, needs) => {
      const failure = await checkFailure(item, role, await arrange(item, role), { grant: needs });
      expect(failure, "the table should fail once the permission is granted").toMatchObject({ name: "AssertionError" });
      // And the permissions named are all it takes: the role then passes as an allowed one.
      await resetDatabase();
      const asAllowed: Case = { ...item, allowed: [...item.allowed, role] };
      expect(await checkFailure(asAllowed, role, await arrange(item, role), { grant: needs })).toBeNull();
    },
  );

  it("restores the permissions even when the check throws", async () => {
    await expect(
      withPermissions("contributor", { revoke: ["cast:vote"], grant: ["manage:users"] }, async () => {
        expect(PERMISSIONS_BY_ROLE.contributor.has("cast:vote")).toBe(false);
        expect(PERMISSIONS_BY_ROLE.contributor.has("manage:users")).toBe(true);
        throw new Error("boom");
      }),
    ).rejects.toThrow("boom");
    expect([...PERMISSIONS_BY_ROLE.contributor].sort()).toEqual(ORIGINAL_PERMISSIONS.contributor);
  });

  it("exercises every permission lib checks, except those that guard reads only", () => {
    const libFiles = (dir: string): string[] =>
      readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
        const path = join(dir, entry.name);
        if (entry.isDirectory()) return path === join("lib", "generated") ? [] : libFiles(path);
        return /\.tsx?$/.test(entry.name) && path !== join("lib", "permissions.ts") ? [path] : [];
      });
    const source = libFiles("lib")
      .map((path) => readFileSync(path, "utf8"))
      .join("\n");
    const checked = ALL_PERMISSIONS.filter((permission) => source.includes(`"${permission}"`));
    expect(checked.length).toBeGreaterThan(10);
    const exercised = new Set(CASES.flatMap((item) => ROLES.flatMap((role) => needsOf(item, role))));
    expect(checked.filter((permission) => !exercised.has(permission) && !READ_ONLY.includes(permission))).toEqual([]);
  });
});
