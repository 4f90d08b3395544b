// A changed text imported as a new version of a source: the old version stays as it was, and each
// citation follows its words (moved), waits for a moderator (changed words), or stays (not found).
import { beforeEach, describe, expect, it } from "vitest";
import { POST as newVersionRoute, GET as versionsRoute } from "@/app/api/sources/[sourceId]/versions/route";
import { getClaim } from "@/lib/claims/queries";
import { isAppError } from "@/lib/errors";
import { addEvidence } from "@/lib/evidence/mutations";
import { setClaimLock } from "@/lib/moderation/mutations";
import { countReviewQueue, listPendingReanchors } from "@/lib/moderation/queries";
import { getSource, listSources } from "@/lib/sources/queries";
import { decideReanchor, importSourceVersion } from "@/lib/sources/versions";
import { makeActor, makeClaim, makeSource, makeUser, SYSTEM_ACTOR, sessionTokenFor } from "../factories";
import { db, resetDatabase, tableSnapshot } from "../helpers";

beforeEach(resetDatabase);

const ALONE = "Others say Nikolaev acted alone.";
const ORDERED = "Some historians hold that Stalin ordered the murder.";

/** A source citing two sentences from one claim, as the first version. */
async function citedSource() {
  const source = await makeSource();
  const claim = await makeClaim();
  const alone = await addEvidence(db(), SYSTEM_ACTOR, {
    claimId: claim.id,
    passage: { sourceId: source.id, quote: ALONE },
    stance: "contradicts",
  });
  const ordered = await addEvidence(db(), SYSTEM_ACTOR, {
    claimId: claim.id,
    passage: { sourceId: source.id, quote: ORDERED },
    stance: "supports",
  });
  return { source, claim, alone, ordered };
}

async function citedText(evidenceId: string) {
  const evidence = await db().evidence.findUniqueOrThrow({
    where: { id: evidenceId },
    select: { passage: { select: { text: true, start: true, end: true, source: true } } },
  });
  return evidence.passage;
}

async function expectAppError(work: Promise<unknown>, code: string, field: string) {
  const error = await work.then(
    () => null,
    (caught: unknown) => caught,
  );
  expect(isAppError(error), String(error)).toBe(true);
  if (!isAppError(error)) return;
  expect(error.code).toBe(code);
  expect(error.field).toBe(field);
  expect(error.message.startsWith(`${field}:`)).toBe(true);
}

describe("importSourceVersion", () => {
  it("moves citations whose words are unchanged, keeps the old version unchanged, and links the versions", async () => {
    const { source, claim, alone, ordered } = await citedSource();
    const oldPassages = await db().passage.findMany({ where: { sourceId: source.id }, orderBy: { id: "asc" } });
    const contributor = await makeActor("contributor");

    const result = await importSourceVersion(db(), contributor, {
      sourceId: source.id,
      content: `A paragraph added at the top of the corrected page.\n\n${source.text}`,
    });

    expect(result).toMatchObject({ versionNumber: 2, previousSourceId: source.id, title: source.title });
    expect(result.citations).toEqual({ moved: 2, changed: 0, notFound: 0 });
    for (const evidence of [alone, ordered]) {
      const passage = await citedText(evidence.id);
      expect(passage.source.id).toBe(result.sourceId);
      expect(passage.source.text.slice(passage.start, passage.end)).toBe(passage.text);
    }
    expect((await citedText(alone.id)).text).toBe(ALONE);

    // The old version: same text, same passages, marked as replaced; metadata kept by the new one.
    const old = await db().source.findUniqueOrThrow({ where: { id: source.id } });
    expect(old.text).toBe(source.text);
    expect(old.supersededAt).not.toBeNull();
    expect(await db().passage.findMany({ where: { sourceId: source.id }, orderBy: { id: "asc" } })).toEqual(
      oldPassages,
    );
    const fresh = await db().source.findUniqueOrThrow({ where: { id: result.sourceId } });
    expect(fresh).toMatchObject({
      versionNumber: 2,
      firstVersionId: source.id,
      previousVersionId: source.id,
      title: source.title,
      url: source.url,
      publishedDate: source.publishedDate,
      supersededAt: null,
    });

    // Search offers only the newest version's passages; the list shows the source once.
    expect(await db().searchDocument.count({ where: { kind: "passage", sourceId: source.id } })).toBe(0);
    expect(await db().searchDocument.count({ where: { kind: "passage", sourceId: result.sourceId } })).toBeGreaterThan(
      0,
    );
    expect((await listSources(db(), null)).map((item) => [item.id, item.versionNumber])).toEqual([
      [result.sourceId, 2],
    ]);

    const oldPage = await getSource(db(), null, { sourceId: source.id });
    expect(oldPage.newestVersion?.sourceId).toBe(result.sourceId);
    expect(oldPage.versions.map((version) => version.versionNumber)).toEqual([1, 2]);
    const newPage = await getSource(db(), null, { sourceId: result.sourceId });
    expect(newPage.newestVersion).toBeNull();
    // A later version lists the same versions, read from its first.
    expect(newPage.versions.map((version) => [version.sourceId, version.versionNumber])).toEqual([
      [source.id, 1],
      [result.sourceId, 2],
    ]);
    expect(newPage.reanchored).toEqual({ moved: 2, waiting: 0, lost: 0 });

    const shown = await getClaim(db(), null, { claimId: claim.id });
    expect(shown.evidence.every((item) => item.olderVersion === null)).toBe(true);
    expect(await db().evidenceReanchor.count({ where: { status: "applied" } })).toBe(2);
    const audit = await db().auditEvent.findFirstOrThrow({ where: { action: "source.version" } });
    expect(JSON.parse(audit.data)).toMatchObject({ previousSourceId: source.id, citations: result.citations });
  });

  it("sends a citation whose words changed to the moderators, and keeps it on the old version until confirmed", async () => {
    const { source, claim, alone, ordered } = await citedSource();
    const result = await importSourceVersion(db(), SYSTEM_ACTOR, {
      sourceId: source.id,
      content: source.text.replace(ALONE, "Others say Nikolayev acted alone."),
    });
    expect(result.citations).toEqual({ moved: 1, changed: 1, notFound: 0 });
    expect((await citedText(ordered.id)).source.id).toBe(result.sourceId);
    expect((await citedText(alone.id)).source.id).toBe(source.id);

    const shown = await getClaim(db(), null, { claimId: claim.id });
    const flagged = shown.evidence.find((item) => item.id === alone.id)!;
    expect(flagged.olderVersion).toMatchObject({
      versionNumber: 1,
      state: "waiting",
      newer: { sourceId: result.sourceId, versionNumber: 2 },
    });

    const moderator = await makeActor("moderator");
    expect((await countReviewQueue(db(), moderator))?.citations).toBe(1);
    const [pending] = await listPendingReanchors(db(), moderator);
    expect(pending).toMatchObject({ before: ALONE, after: "Others say Nikolayev acted alone." });
    expect(pending!.changes.filter((change) => change.kind !== "same").map((change) => change.text.trim())).toEqual(
      expect.arrayContaining(["Nikolaev", "Nikolayev"]),
    );

    await decideReanchor(db(), moderator, { reanchorId: pending!.id, decision: "confirm" });
    const moved = await citedText(alone.id);
    expect(moved.source.id).toBe(result.sourceId);
    expect(moved.text).toBe("Others say Nikolayev acted alone.");
    expect((await countReviewQueue(db(), moderator))?.citations).toBe(0);
    expect((await getClaim(db(), null, { claimId: claim.id })).evidence.every((item) => !item.olderVersion)).toBe(true);

    const before = await tableSnapshot();
    await expectAppError(
      decideReanchor(db(), moderator, { reanchorId: pending!.id, decision: "reject" }),
      "CONFLICT",
      "reanchorId",
    );
    expect(await tableSnapshot()).toEqual(before);
  });

  it("moves no citation of a locked claim until it is unlocked", async () => {
    const { source, claim, alone } = await citedSource();
    const result = await importSourceVersion(db(), SYSTEM_ACTOR, {
      sourceId: source.id,
      content: source.text.replace(ALONE, "Others say Nikolayev acted alone."),
    });
    const moderator = await makeActor("moderator");
    await setClaimLock(db(), moderator, { claimId: claim.id, locked: true });
    const [pending] = await listPendingReanchors(db(), moderator);

    const before = await tableSnapshot();
    const refused = await decideReanchor(db(), moderator, { reanchorId: pending!.id, decision: "confirm" }).catch(
      (error: unknown) => error,
    );
    expect(refused).toMatchObject({ code: "CONFLICT", field: "reanchorId" });
    expect((refused as Error).message).toMatch(/locked/);
    expect(await tableSnapshot()).toEqual(before);
    expect((await citedText(alone.id)).source.id).toBe(source.id);

    await setClaimLock(db(), moderator, { claimId: claim.id, locked: false });
    await decideReanchor(db(), moderator, { reanchorId: pending!.id, decision: "confirm" });
    expect((await citedText(alone.id)).source.id).toBe(result.sourceId);
  });

  it("keeps a citation whose words are gone on the old version, flagged; rejecting a change does the same", async () => {
    const { source, claim, alone, ordered } = await citedSource();
    const result = await importSourceVersion(db(), SYSTEM_ACTOR, {
      sourceId: source.id,
      content: source.text.replace(ALONE, "").replace(ORDERED, "Some historians hold that Stalin ordered the murders."),
    });
    expect(result.citations).toEqual({ moved: 0, changed: 1, notFound: 1 });
    expect((await citedText(alone.id)).source.id).toBe(source.id);
    let shown = await getClaim(db(), null, { claimId: claim.id });
    expect(shown.evidence.find((item) => item.id === alone.id)?.olderVersion?.state).toBe("lost");

    const moderator = await makeActor("moderator");
    const [pending] = await listPendingReanchors(db(), moderator);
    await decideReanchor(db(), moderator, { reanchorId: pending!.id, decision: "reject" });
    expect((await citedText(ordered.id)).source.id).toBe(source.id);
    shown = await getClaim(db(), null, { claimId: claim.id });
    expect(shown.evidence.find((item) => item.id === ordered.id)?.olderVersion?.state).toBe("lost");
    expect(await db().evidenceReanchor.count({ where: { status: "rejected", decidedById: moderator.id } })).toBe(1);
  });

  it("keeps the old version's title and authors unless the import gives new ones", async () => {
    const { source } = await citedSource();
    const kept = await importSourceVersion(db(), SYSTEM_ACTOR, {
      sourceId: source.id,
      content: `${source.text} More.`,
    });
    expect(kept.title).toBe(source.title);
    const renamed = await importSourceVersion(db(), SYSTEM_ACTOR, {
      sourceId: kept.sourceId,
      content: `${source.text} More. Even more.`,
      title: "The corrected edition",
      authors: "A. Editor",
    });
    expect(renamed).toMatchObject({ title: "The corrected edition", versionNumber: 3 });
    const third = await db().source.findUniqueOrThrow({ where: { id: renamed.sourceId }, include: { authors: true } });
    expect(third.authors.map((author) => author.name)).toEqual(["A. Editor"]);
    expect(third.firstVersionId).toBe(source.id);
  });

  it("refuses bad input with the field named, and writes nothing", async () => {
    const { source } = await citedSource();
    const other = await makeSource();
    const contributor = await makeActor("contributor");
    const before = await tableSnapshot();
    await expectAppError(
      importSourceVersion(db(), contributor, { sourceId: "nope", content: "Text." }),
      "NOT_FOUND",
      "sourceId",
    );
    await expectAppError(
      importSourceVersion(db(), contributor, { sourceId: source.id, content: "   " }),
      "INVALID",
      "content",
    );
    await expectAppError(
      importSourceVersion(db(), contributor, { sourceId: source.id, content: `  ${source.text}\n` }),
      "CONFLICT",
      "content",
    );
    await expectAppError(
      importSourceVersion(db(), contributor, { sourceId: source.id, content: other.text }),
      "CONFLICT",
      "content",
    );
    await expectAppError(
      importSourceVersion(db(), contributor, { sourceId: source.id, content: "A text.", url: "ftp://x" }),
      "INVALID",
      "url",
    );
    await expectAppError(importSourceVersion(db(), contributor, { content: "A text." }), "INVALID", "sourceId");
    expect(await tableSnapshot()).toEqual(before);

    await importSourceVersion(db(), contributor, { sourceId: source.id, content: `${source.text} Corrected.` });
    const afterFirst = await tableSnapshot();
    await expectAppError(
      importSourceVersion(db(), contributor, { sourceId: source.id, content: `${source.text} Again.` }),
      "CONFLICT",
      "sourceId",
    );
    expect(await tableSnapshot()).toEqual(afterFirst);
  });
});

describe("a replaced version", () => {
  it("takes no new citations, and citations waiting to move to it are closed when it is replaced", async () => {
    const { source, claim, alone } = await citedSource();
    const second = await importSourceVersion(db(), SYSTEM_ACTOR, {
      sourceId: source.id,
      content: source.text.replace(ALONE, "Others say Nikolayev acted alone."),
    });
    expect(second.citations.changed).toBe(1);
    const contributor = await makeActor("contributor");
    const before = await tableSnapshot();
    await expectAppError(
      addEvidence(db(), contributor, {
        claimId: claim.id,
        passage: { sourceId: source.id, quote: "The assassin, Leonid Nikolaev, was arrested at once." },
        stance: "supports",
      }),
      "CONFLICT",
      "sourceId",
    );
    expect(await tableSnapshot()).toEqual(before);

    const third = await importSourceVersion(db(), SYSTEM_ACTOR, {
      sourceId: second.sourceId,
      content: `${source.text.replace(ALONE, "Others say Nikolayev acted alone.")} A third edition.`,
    });
    expect(third.versionNumber).toBe(3);
    const closed = await db().evidenceReanchor.findFirstOrThrow({ where: { evidenceId: alone.id } });
    expect(closed).toMatchObject({ status: "orphaned", toSourceId: second.sourceId });
    await expectAppError(
      decideReanchor(db(), await makeActor("moderator"), { reanchorId: closed.id, decision: "confirm" }),
      "CONFLICT",
      "reanchorId",
    );
    expect((await citedText(alone.id)).source.id).toBe(source.id);
    const shown = await getClaim(db(), null, { claimId: claim.id });
    expect(shown.evidence.find((item) => item.id === alone.id)?.olderVersion?.state).toBe("lost");
  });
});

describe("/api/sources/{sourceId}/versions", () => {
  it("imports a new version as JSON (201) and lists the versions", async () => {
    const { source } = await citedSource();
    const user = await makeUser("contributor");
    const cookie = `next-auth.session-token=${await sessionTokenFor(user.id)}`;
    const context = { params: Promise.resolve({ sourceId: source.id }) };
    const response = await newVersionRoute(
      new Request(`http://localhost/api/sources/${source.id}/versions`, {
        method: "POST",
        headers: { cookie, "content-type": "application/json" },
        body: JSON.stringify({ content: `${source.text}\n\nA correction note.` }),
      }),
      context,
    );
    expect(response.status).toBe(201);
    const body = await response.json();
    expect(body).toMatchObject({ versionNumber: 2, citations: { moved: 2, changed: 0, notFound: 0 } });
    expect(body.url).toBe(`/sources/${body.sourceId}`);

    const listed = await versionsRoute(new Request(`http://localhost/api/sources/${body.sourceId}/versions`), {
      params: Promise.resolve({ sourceId: body.sourceId }),
    });
    expect((await listed.json()).items.map((item: { sourceId: string }) => item.sourceId)).toEqual([
      source.id,
      body.sourceId,
    ]);

    const anonymous = await newVersionRoute(
      new Request(`http://localhost/api/sources/${source.id}/versions`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ content: "Anything." }),
      }),
      context,
    );
    expect(anonymous.status).toBe(401);
  });
});
