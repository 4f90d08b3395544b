// Lines of evidence on a real database (lib/evidence/mutations.ts, lib/evidence/queries.ts): grouping a
// claim's evidence by origin, the stored line counts kept in the same transaction, the claim's
// history and revert, merges, renaming a shared origin, who sees which origin, and the suggestions.
import { beforeEach, describe, expect, it } from "vitest";
import { mergeClaims } from "@/lib/claims/merge";
import { getClaim, listClaimLines, listClaims } from "@/lib/claims/queries";
import { getEnv } from "@/lib/env";
import { addEvidence, groupEvidence, setEvidenceOrigin, updateOrigin } from "@/lib/evidence/mutations";
import { getClaimOrigins, listOrigins } from "@/lib/evidence/queries";
import { editClaim, revertClaim, setClaimLock } from "@/lib/moderation/mutations";
import { getClaimHistory } from "@/lib/moderation/queries";
import type { Actor } from "@/lib/permissions";
import { loadSampleData } from "@/prisma/sample/load";
import { makeActor, makeClaim, makeSource, SYSTEM_ACTOR } from "../factories";
import { db, resetDatabase, tableSnapshot } from "../helpers";

beforeEach(resetDatabase);

const ORLOV_TEXT =
  "According to Alexander Orlov, Stalin ordered Yagoda to arrange the murder. Yagoda ordered Zaporozhets to find an assassin.\n\n" +
  "According to Orlov, the friend who gave Nikolaev the revolver was later shot. Orlov claimed that Medved was kept in the dark.\n\n" +
  "The Supreme Court ruled in 1990 that Nikolaev acted alone. Knight doubts the ruling of the court.";

const Q = {
  ordered: "According to Alexander Orlov, Stalin ordered Yagoda to arrange the murder.",
  zaporozhets: "Yagoda ordered Zaporozhets to find an assassin.",
  friend: "According to Orlov, the friend who gave Nikolaev the revolver was later shot.",
  medved: "Orlov claimed that Medved was kept in the dark.",
  court: "The Supreme Court ruled in 1990 that Nikolaev acted alone.",
  knight: "Knight doubts the ruling of the court.",
};

/** A published claim citing the Orlov text: four passages for (three of them Orlov's, one continuing him), two against. */
async function orlovClaim(statement = "Stalin ordered Kirov's murder") {
  const source = await makeSource(`${ORLOV_TEXT}\n\nUnique ${Math.random()}.`);
  const claim = await makeClaim({ statement });
  const cite = async (quote: string, stance: "supports" | "contradicts" | "context") =>
    (await addEvidence(db(), SYSTEM_ACTOR, { claimId: claim.id, passage: { sourceId: source.id, quote }, stance })).id;
  const ids = {
    ordered: await cite(Q.ordered, "supports"),
    zaporozhets: await cite(Q.zaporozhets, "supports"),
    friend: await cite(Q.friend, "supports"),
    medved: await cite(Q.medved, "supports"),
    court: await cite(Q.court, "contradicts"),
    knight: await cite(Q.knight, "contradicts"),
  };
  return { claim, source, ids };
}

const stored = (claimId: string) =>
  db().claim.findUniqueOrThrow({
    where: { id: claimId },
    select: {
      supportsLines: true,
      supportsCount: true,
      contradictsLines: true,
      contradictsCount: true,
      evidenceCount: true,
    },
  });

describe("grouping evidence by origin", () => {
  it("makes passages that derive from one origin one line, stored, shown and recorded in the same transaction", async () => {
    const contributor = await makeActor("contributor");
    const { claim, ids } = await orlovClaim();
    expect(await stored(claim.id)).toEqual({
      supportsLines: 4,
      supportsCount: 4,
      contradictsLines: 2,
      contradictsCount: 2,
      evidenceCount: 6,
    });

    const result = await groupEvidence(db(), contributor, {
      claimId: claim.slug,
      evidenceIds: [ids.ordered, ids.friend, ids.medved],
      name: "Alexander Orlov's account",
      note: "Written after his defection; second-hand.",
    });
    expect(result).toMatchObject({
      created: true,
      origin: { name: "Alexander Orlov's account", note: "Written after his defection; second-hand." },
      evidenceIds: [ids.ordered, ids.friend, ids.medved],
      lines: { supports: { lines: 2, passages: 4 }, contradicts: { lines: 2, passages: 2 } },
    });
    expect(await stored(claim.id)).toMatchObject({ supportsLines: 2, supportsCount: 4, contradictsLines: 2 });
    const origin = await db().evidenceOrigin.findUniqueOrThrow({ where: { id: result.origin.id } });
    expect(origin).toMatchObject({ createdById: contributor.id, nameNormalized: "alexander orlovs account" });

    // The claim page's view: one line with three passages, the other passage alone, in citation order.
    const detail = await getClaim(db(), null, { claimId: claim.id });
    expect(detail.lines.supports).toMatchObject({ lines: 2, passages: 4 });
    expect(detail.lines.supports.groups).toEqual([
      {
        origin: { id: origin.id, name: origin.name, note: origin.note },
        evidenceIds: [ids.ordered, ids.friend, ids.medved],
      },
      { origin: null, evidenceIds: [ids.zaporozhets] },
    ]);
    expect(detail.evidence.find((item) => item.id === ids.friend)?.origin?.name).toBe("Alexander Orlov's account");
    // The lists.
    const list = await listClaims(db(), null, {});
    expect(list.items.find((item) => item.id === claim.id)).toMatchObject({
      evidenceCounts: { supports: 4, contradicts: 2, context: 0 },
      lines: { supports: 2, contradicts: 2 },
    });
    expect((await listClaimLines(db(), null, [claim.id])).get(claim.id)).toEqual({
      supports: { lines: 2, passages: 4 },
      contradicts: { lines: 2, passages: 2 },
    });

    // History: an applied revision naming the origin per passage; audit: the new origin and the grouping.
    const history = await getClaimHistory(db(), null, { claimId: claim.id });
    const grouped = history.revisions.find((revision) => revision.action === "evidence.group")!;
    expect(grouped.changes).toContainEqual(
      expect.objectContaining({
        label: expect.stringMatching(/^Evidence “According to Orlov, the friend.*”: origin$/),
        before: "none (a line of its own)",
        after: "Alexander Orlov's account",
      }),
    );
    const audit = await db().auditEvent.findMany({ where: { actorId: contributor.id }, orderBy: { createdAt: "asc" } });
    expect(audit.map((event) => event.action).sort()).toEqual(["evidence.group", "origin.create"]);
  });

  it("reuses an origin named the same way on another claim (it bears on both), and moves a piece from another origin", async () => {
    const contributor = await makeActor("contributor");
    const first = await orlovClaim();
    const second = await orlovClaim("Nikolaev did not act alone");
    const made = await groupEvidence(db(), contributor, {
      claimId: first.claim.id,
      evidenceIds: [first.ids.ordered, first.ids.friend],
      name: "Alexander Orlov's account",
    });
    const reused = await groupEvidence(db(), await makeActor("moderator"), {
      claimId: second.claim.id,
      evidenceIds: [second.ids.friend, second.ids.medved],
      name: "  alexander ORLOV’S account ",
    });
    expect(reused).toMatchObject({ created: false, origin: { id: made.origin.id, name: "Alexander Orlov's account" } });
    expect(await db().evidenceOrigin.count()).toBe(1);

    // Knight's passage moves from a wrong origin to its own.
    await groupEvidence(db(), contributor, {
      claimId: second.claim.id,
      evidenceIds: [second.ids.knight, second.ids.court],
      name: "The Supreme Court ruling",
    });
    const moved = await groupEvidence(db(), contributor, {
      claimId: second.claim.id,
      evidenceIds: [second.ids.knight],
      name: "Knight's book",
    });
    expect(moved.lines.contradicts).toEqual({ lines: 2, passages: 2 });

    const origins = await getClaimOrigins(db(), contributor, { claimId: first.claim.id });
    expect(origins.origins).toEqual([
      expect.objectContaining({ id: made.origin.id, passages: 4, claims: 2, canEdit: true }),
    ]);
  });

  it("counts an origin cited on both sides as one line on each, and context on neither", async () => {
    const moderator = await makeActor("moderator");
    const { claim, ids } = await orlovClaim();
    await groupEvidence(db(), moderator, {
      claimId: claim.id,
      evidenceIds: [ids.ordered, ids.friend, ids.court],
      name: "Mixed account",
    });
    expect(await stored(claim.id)).toMatchObject({ supportsLines: 3, contradictsLines: 2 });
    // A stance changed through an edit, and a removal, recount in their own transactions.
    await editClaim(db(), moderator, {
      claimId: claim.id,
      changes: {
        evidence: [
          { evidenceId: ids.court, stance: "supports" },
          { evidenceId: ids.knight, stance: "context" },
        ],
      },
    });
    expect(await stored(claim.id)).toMatchObject({ supportsLines: 3, supportsCount: 5, contradictsLines: 0 });
    await editClaim(db(), moderator, {
      claimId: claim.id,
      changes: { evidence: [{ evidenceId: ids.ordered, removed: true }] },
    });
    expect(await stored(claim.id)).toMatchObject({ supportsLines: 3, supportsCount: 4 });
    // The removed piece keeps its origin, to be restored with it.
    expect((await db().evidence.findUniqueOrThrow({ where: { id: ids.ordered } })).originId).not.toBeNull();
  });

  it("takes a piece out of its origin, and a revert puts the grouping back as it was", async () => {
    const moderator = await makeActor("moderator");
    const { claim, ids } = await orlovClaim();
    const beforeGrouping = await db().revision.findFirstOrThrow({
      where: { claimId: claim.id },
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    });
    const grouped = await groupEvidence(db(), moderator, {
      claimId: claim.id,
      evidenceIds: [ids.ordered, ids.friend, ids.medved],
      name: "Alexander Orlov's account",
    });
    const afterGrouping = await db().revision.findFirstOrThrow({
      where: { claimId: claim.id, action: "evidence.group" },
    });
    const freed = await setEvidenceOrigin(db(), await makeActor("contributor"), {
      evidenceId: ids.medved,
      originId: null,
    });
    expect(freed.lines.supports).toEqual({ lines: 3, passages: 4 });
    expect(freed.origin).toBeNull();
    await expect(setEvidenceOrigin(db(), moderator, { evidenceId: ids.medved, originId: null })).rejects.toMatchObject({
      code: "INVALID",
      field: "originId",
    });
    await setEvidenceOrigin(db(), moderator, { evidenceId: ids.zaporozhets, originId: grouped.origin.id });
    expect(await stored(claim.id)).toMatchObject({ supportsLines: 2 });

    await revertClaim(db(), moderator, {
      claimId: claim.id,
      revisionId: afterGrouping.id,
      reason: "Back to Orlov's three",
    });
    const restored = await db().evidence.findMany({
      where: { claimId: claim.id },
      select: { id: true, originId: true },
    });
    expect(Object.fromEntries(restored.map((item) => [item.id, item.originId]))).toMatchObject({
      [ids.ordered]: grouped.origin.id,
      [ids.friend]: grouped.origin.id,
      [ids.medved]: grouped.origin.id,
      [ids.zaporozhets]: null,
    });
    expect(await stored(claim.id)).toMatchObject({ supportsLines: 2, supportsCount: 4 });

    await revertClaim(db(), moderator, {
      claimId: claim.id,
      revisionId: beforeGrouping.id,
      reason: "Before any grouping",
    });
    expect(await stored(claim.id)).toMatchObject({ supportsLines: 4, contradictsLines: 2 });
    const history = await getClaimHistory(db(), moderator, { claimId: claim.id });
    expect(history.revisions.map((revision) => revision.action)).toEqual(
      expect.arrayContaining(["evidence.group", "evidence.ungroup", "claim.revert"]),
    );
  });

  it("refuses what it cannot do, naming the field, and writes nothing", async () => {
    const contributor = await makeActor("contributor");
    const { claim, ids } = await orlovClaim();
    const other = await orlovClaim("Another claim");
    await editClaim(db(), SYSTEM_ACTOR, {
      claimId: claim.id,
      changes: { evidence: [{ evidenceId: ids.knight, removed: true }] },
    });
    await groupEvidence(db(), contributor, {
      claimId: claim.id,
      evidenceIds: [ids.court],
      name: "Court",
      note: "1990",
    });
    const before = await tableSnapshot();
    const cases: [string, Record<string, unknown>, string, string][] = [
      ["neither origin nor name", { evidenceIds: [ids.ordered] }, "INVALID", "name"],
      ["both", { evidenceIds: [ids.ordered], name: "X's account", originId: "abc" }, "INVALID", "originId"],
      [
        "a note for an existing origin by id",
        { evidenceIds: [ids.ordered], originId: "abc", note: "n" },
        "INVALID",
        "note",
      ],
      ["no evidence", { evidenceIds: [], name: "Orlov" }, "INVALID", "evidenceIds"],
      ["the same evidence twice", { evidenceIds: [ids.ordered, ids.ordered], name: "Orlov" }, "INVALID", "evidenceIds"],
      ["evidence of another claim", { evidenceIds: [other.ids.ordered], name: "Orlov" }, "INVALID", "evidenceIds"],
      ["removed evidence", { evidenceIds: [ids.knight], name: "Orlov" }, "INVALID", "evidenceIds"],
      ["an unknown origin", { evidenceIds: [ids.ordered], originId: "no-such-origin" }, "NOT_FOUND", "originId"],
      ["a name without letters", { evidenceIds: [ids.ordered], name: "--" }, "INVALID", "name"],
      ["a name too long", { evidenceIds: [ids.ordered], name: "x".repeat(201) }, "INVALID", "name"],
      ["nothing to change", { evidenceIds: [ids.court], name: "court" }, "INVALID", "evidenceIds"],
      [
        "an existing origin with another note",
        { evidenceIds: [ids.ordered], name: "Court", note: "2000" },
        "CONFLICT",
        "note",
      ],
      [
        "an unknown claim",
        { claimId: "no-such-claim", evidenceIds: [ids.ordered], name: "Orlov" },
        "NOT_FOUND",
        "claimId",
      ],
    ];
    for (const [what, input, code, field] of cases) {
      await expect(groupEvidence(db(), contributor, { claimId: claim.id, ...input }), what).rejects.toMatchObject({
        code,
        field,
      });
    }
    await expect(
      setEvidenceOrigin(db(), contributor, { evidenceId: ids.knight, originId: null }),
    ).rejects.toMatchObject({
      code: "CONFLICT",
      field: "evidenceId",
    });
    await expect(setEvidenceOrigin(db(), contributor, { evidenceId: "nope", originId: null })).rejects.toMatchObject({
      code: "NOT_FOUND",
      field: "evidenceId",
    });
    await expect(setEvidenceOrigin(db(), contributor, { evidenceId: ids.ordered })).rejects.toMatchObject({
      code: "INVALID",
      field: "originId",
    });
    expect(await tableSnapshot()).toEqual(before);
  });

  it("is closed on locked, archived and merged claims, and on drafts one cannot see", async () => {
    const moderator = await makeActor("moderator");
    const contributor = await makeActor("contributor");
    const { claim, ids } = await orlovClaim();
    await setClaimLock(db(), moderator, { claimId: claim.id, locked: true });
    await expect(
      groupEvidence(db(), moderator, { claimId: claim.id, evidenceIds: [ids.ordered, ids.friend], name: "Orlov" }),
    ).rejects.toMatchObject({ code: "CONFLICT", field: "claimId", message: expect.stringMatching(/locked/) });
    await expect(setEvidenceOrigin(db(), moderator, { evidenceId: ids.ordered, originId: null })).rejects.toMatchObject(
      {
        code: "CONFLICT",
        field: "evidenceId",
      },
    );
    const archived = await orlovClaim("An archived claim");
    await editClaim(db(), SYSTEM_ACTOR, { claimId: archived.claim.id, changes: { status: "archived" } });
    await expect(
      groupEvidence(db(), moderator, {
        claimId: archived.claim.id,
        evidenceIds: [archived.ids.ordered],
        name: "Orlov",
      }),
    ).rejects.toMatchObject({ code: "CONFLICT", field: "claimId", message: expect.stringMatching(/archived/) });
    const author = await makeActor("contributor");
    const draft = await makeClaim({ status: "draft", authorId: author.id! });
    const source = await makeSource(`${ORLOV_TEXT}\n\nDraft ${Math.random()}.`);
    const cited = await addEvidence(db(), SYSTEM_ACTOR, {
      claimId: draft.id,
      passage: { sourceId: source.id, quote: Q.ordered },
      stance: "supports",
    });
    await expect(
      groupEvidence(db(), contributor, { claimId: draft.id, evidenceIds: [cited.id], name: "Orlov" }),
    ).rejects.toMatchObject({ code: "NOT_FOUND", field: "claimId" });
    await expect(setEvidenceOrigin(db(), contributor, { evidenceId: cited.id, originId: null })).rejects.toMatchObject({
      code: "NOT_FOUND",
      field: "evidenceId",
    });
    // The author may group on their own draft.
    await expect(
      groupEvidence(db(), author, { claimId: draft.id, evidenceIds: [cited.id], name: "Orlov" }),
    ).resolves.toMatchObject({ created: true });
  });

  it("a merge keeps the origins: moved evidence keeps its own, a passage both cited takes the other's", async () => {
    const moderator = await makeActor("moderator");
    const kept = await orlovClaim("Stalin ordered Kirov's murder");
    const duplicate = await makeClaim({ statement: "Stalin was behind the killing of Kirov" });
    const cite = async (quote: string) =>
      (
        await addEvidence(db(), SYSTEM_ACTOR, {
          claimId: duplicate.id,
          passage: { sourceId: kept.source.id, quote },
          stance: "supports",
        })
      ).id;
    const sharedPassage = await cite(Q.zaporozhets);
    await cite(Q.friend);
    const orlov = await groupEvidence(db(), moderator, {
      claimId: duplicate.id,
      evidenceIds: [sharedPassage],
      name: "Alexander Orlov's account",
    });
    await groupEvidence(db(), moderator, {
      claimId: kept.claim.id,
      evidenceIds: [kept.ids.ordered, kept.ids.friend],
      originId: orlov.origin.id,
    });
    await mergeClaims(db(), moderator, { into: kept.claim.id, from: duplicate.id });
    const zaporozhets = await db().evidence.findFirstOrThrow({
      where: { claimId: kept.claim.id, passage: { text: Q.zaporozhets } },
    });
    expect(zaporozhets.originId).toBe(orlov.origin.id);
    // ordered, friend and zaporozhets (Orlov) are one line; medved is its own.
    expect(await stored(kept.claim.id)).toMatchObject({ supportsLines: 2, supportsCount: 4 });
  });
});

describe("origins shared across claims", () => {
  it("are renamed by the member who named them or a moderator, everywhere, with a unique name", async () => {
    const namer = await makeActor("contributor");
    const { claim, ids } = await orlovClaim();
    const { origin } = await groupEvidence(db(), namer, {
      claimId: claim.id,
      evidenceIds: [ids.ordered, ids.friend],
      name: "Orlovs account",
    });
    await groupEvidence(db(), namer, { claimId: claim.id, evidenceIds: [ids.court], name: "The court's ruling" });
    await expect(
      updateOrigin(db(), namer, { originId: origin.id, name: "Alexander Orlov's account" }),
    ).resolves.toEqual({
      id: origin.id,
      name: "Alexander Orlov's account",
      note: null,
    });
    await expect(
      updateOrigin(db(), await makeActor("contributor"), { originId: origin.id, note: "Second-hand" }),
    ).rejects.toMatchObject({ code: "FORBIDDEN", field: "originId" });
    await expect(
      updateOrigin(db(), await makeActor("moderator"), { originId: origin.id, note: "Second-hand" }),
    ).resolves.toMatchObject({ note: "Second-hand" });
    await expect(updateOrigin(db(), namer, { originId: origin.id, name: "the courts ruling" })).rejects.toMatchObject({
      code: "CONFLICT",
      field: "name",
    });
    await expect(updateOrigin(db(), namer, { originId: origin.id, note: "Second-hand" })).rejects.toMatchObject({
      code: "INVALID",
      field: "name",
    });
    await expect(updateOrigin(db(), namer, { originId: origin.id })).rejects.toMatchObject({ code: "INVALID" });
    await expect(updateOrigin(db(), namer, { originId: origin.id, note: "" })).resolves.toMatchObject({ note: null });
    expect((await getClaim(db(), null, { claimId: claim.id })).lines.supports.groups[0]?.origin?.name).toBe(
      "Alexander Orlov's account",
    );
    const audit = await db().auditEvent.findMany({ where: { action: "origin.update" } });
    expect(audit).toHaveLength(3);
  });

  it("are listed to those who may see a claim citing them (or who named them), most used first", async () => {
    const author = await makeActor("contributor");
    const { claim, ids } = await orlovClaim();
    await groupEvidence(db(), author, {
      claimId: claim.id,
      evidenceIds: [ids.ordered, ids.friend],
      name: "Orlov's account",
    });
    await groupEvidence(db(), author, { claimId: claim.id, evidenceIds: [ids.court], name: "The court's ruling" });
    const draft = await makeClaim({ status: "draft", authorId: author.id! });
    const source = await makeSource(`${ORLOV_TEXT}\n\nDraft ${Math.random()}.`);
    const onDraft = await addEvidence(db(), SYSTEM_ACTOR, {
      claimId: draft.id,
      passage: { sourceId: source.id, quote: Q.medved },
      stance: "supports",
    });
    await groupEvidence(db(), author, { claimId: draft.id, evidenceIds: [onDraft.id], name: "A secret informant" });

    const names = async (actor: Actor | null, input = {}) =>
      (await listOrigins(db(), actor, input)).map((origin) => [origin.name, origin.passages, origin.claims]);
    expect(await names(null)).toEqual([
      ["Orlov's account", 2, 1],
      ["The court's ruling", 1, 1],
    ]);
    expect(await names(await makeActor("contributor"), { q: "ORLOV" })).toEqual([["Orlov's account", 2, 1]]);
    expect(await names(author, { q: "secret" })).toEqual([["A secret informant", 1, 1]]);
    expect(await names(await makeActor("moderator"), { limit: 1 })).toEqual([["Orlov's account", 2, 1]]);
    await expect(listOrigins(db(), null, { limit: 0 })).rejects.toMatchObject({ code: "INVALID", field: "limit" });
  });
});

describe("suggested groupings", () => {
  it("are offered to those who may group, with the origin some already share, and never applied by themselves", async () => {
    const contributor = await makeActor("contributor");
    const { claim, ids } = await orlovClaim();
    const before = await tableSnapshot();
    const offered = await getClaimOrigins(db(), contributor, { claimId: claim.id });
    expect(await tableSnapshot()).toEqual(before);
    expect(offered.suggestions).toEqual([
      expect.objectContaining({
        informant: "Alexander Orlov",
        // The Zaporozhets sentence continues the account begun in the sentence before it.
        evidenceIds: [ids.ordered, ids.zaporozhets, ids.friend, ids.medved],
        origin: null,
        suggestedName: "Alexander Orlov's account",
      }),
    ]);
    expect((await getClaimOrigins(db(), null, { claimId: claim.id })).suggestions).toEqual([]);

    // Group two by hand: the suggestion then offers the others that origin.
    const { origin } = await groupEvidence(db(), contributor, {
      claimId: claim.id,
      evidenceIds: [ids.ordered, ids.friend],
      name: "Orlov's memoirs",
    });
    const [joining] = (await getClaimOrigins(db(), contributor, { claimId: claim.id })).suggestions;
    expect(joining).toMatchObject({ origin: { id: origin.id, name: "Orlov's memoirs" } });
    // Taken in one click, nothing is left to suggest.
    await groupEvidence(db(), contributor, {
      claimId: claim.id,
      evidenceIds: joining!.evidenceIds,
      originId: origin.id,
    });
    expect((await getClaimOrigins(db(), contributor, { claimId: claim.id })).suggestions).toEqual([]);
    expect(await stored(claim.id)).toMatchObject({ supportsLines: 1, supportsCount: 4 });
  });

  it("the sample groups Orlov's account across claims and still suggests Knight's passages", async () => {
    await loadSampleData(db(), { dataDir: getEnv().DATA_DIR });
    const orlov = await db().evidenceOrigin.findUniqueOrThrow({
      where: { nameNormalized: "alexander orlovs account" },
      include: { evidence: { select: { claimId: true } } },
    });
    expect(new Set(orlov.evidence.map((item) => item.claimId)).size).toBe(3);
    const stalin = await db().claim.findFirstOrThrow({ where: { statement: "Stalin ordered Kirov's murder" } });
    expect(stalin.supportsLines).toBe(stalin.supportsCount - 2);
    const contributor = await makeActor("contributor");
    const origins = await getClaimOrigins(db(), contributor, { claimId: stalin.id });
    expect(origins.origins).toEqual([expect.objectContaining({ name: "Alexander Orlov's account", claims: 3 })]);
    expect(origins.suggestions.map((suggestion) => suggestion.informant)).toEqual(["Knight"]);
  });
});
