import { beforeEach, describe, expect, it } from "vitest";
import { readBodyText } from "@/lib/api/respond";
import { createClaim } from "@/lib/claims/mutations";
import { proposeRelation } from "@/lib/claims/relations";
import { addComment } from "@/lib/comments/mutations";
import { isAppError } from "@/lib/errors";
import { addEvidence } from "@/lib/evidence/mutations";
import { editClaim } from "@/lib/moderation/mutations";
import { type Actor, SYSTEM_ACTOR } from "@/lib/permissions";
import { WRITE_LIMITS, type WriteAction } from "@/lib/rate-limits";
import { rateSource } from "@/lib/ratings/mutations";
import { importSource } from "@/lib/sources/import";
import { MAX_SELECTION_LENGTH } from "@/lib/sources/selection";
import { castVote } from "@/lib/votes/mutations";
import { makeActor, makeClaim, makeSource } from "../factories";
import { db, resetDatabase, tableSnapshot } from "../helpers";

async function expectAppError(promise: Promise<unknown>, code: string, field?: string) {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(isAppError(error), `expected an AppError ${code}, got ${String(error)}`).toBe(true);
  if (!isAppError(error)) return;
  expect(error.code).toBe(code);
  if (field) {
    expect(error.field).toBe(field);
    expect(error.message.startsWith(`${field}:`)).toBe(true);
  }
}

function streamOf(chunks: Uint8Array[]): ReadableStream<Uint8Array> {
  return new ReadableStream({
    pull(controller) {
      const next = chunks.shift();
      if (next) controller.enqueue(next);
      else controller.close();
    },
  });
}

describe("request bodies are read with a byte limit", () => {
  it("reads a body within the limit", async () => {
    const request = new Request("http://local/x", { method: "POST", body: JSON.stringify({ a: "ü" }) });
    expect(await readBodyText(request, 1024)).toBe('{"a":"ü"}');
  });

  it("refuses a declared Content-Length over the limit before reading", async () => {
    let pulled = 0;
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        pulled++;
        controller.enqueue(new Uint8Array(10));
      },
    });
    const request = new Request("http://local/x", {
      method: "POST",
      body,
      headers: { "content-length": String(10 * 1024 * 1024) },
      duplex: "half",
    } as RequestInit);
    await expectAppError(readBodyText(request, 1024 * 1024), "TOO_LARGE", "body");
    expect(pulled).toBeLessThanOrEqual(1);
  });

  it("stops reading a stream without a length as soon as it passes the limit", async () => {
    let pulled = 0;
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        pulled++;
        controller.enqueue(new Uint8Array(64 * 1024));
      },
    });
    const request = new Request("http://local/x", { method: "POST", body, duplex: "half" } as RequestInit);
    await expectAppError(readBodyText(request, 1024 * 1024), "TOO_LARGE", "body");
    // 1 MB in 64 KB chunks is 16; the seventeenth passes the limit, and reading stops there.
    expect(pulled).toBeLessThanOrEqual(18);
  });

  it("refuses bytes that are not UTF-8", async () => {
    const request = new Request("http://local/x", {
      method: "POST",
      body: streamOf([new Uint8Array([0x7b, 0xff, 0xfe, 0x7d])]),
      duplex: "half",
    } as RequestInit);
    await expectAppError(readBodyText(request, 1024), "INVALID", "body");
  });
});

describe("a cited passage has a length limit", () => {
  beforeEach(resetDatabase);

  it("refuses a span longer than a reader may select, naming the field, and writes nothing", async () => {
    const long = `${"Kirov was shot in the corridor of the Smolny Institute. ".repeat(120)}`;
    const source = await makeSource(long.replace(/\. /g, ", "));
    const claim = await makeClaim();
    const member = await makeActor("contributor");
    const before = await tableSnapshot();
    await expectAppError(
      addEvidence(db(), member, {
        claimId: claim.id,
        stance: "supports",
        passage: { sourceId: source.id, start: 0, end: MAX_SELECTION_LENGTH + 1 },
      }),
      "TOO_LARGE",
      "end",
    );
    await expectAppError(
      addEvidence(db(), member, {
        claimId: claim.id,
        stance: "supports",
        passage: { sourceId: source.id, quote: source.text.slice(0, MAX_SELECTION_LENGTH + 1) },
      }),
      "INVALID",
      "passage.quote",
    );
    expect(await tableSnapshot()).toEqual(before);
    // At the limit it is taken.
    await addEvidence(db(), member, {
      claimId: claim.id,
      stance: "supports",
      passage: { sourceId: source.id, start: 0, end: MAX_SELECTION_LENGTH },
    });
  });
});

describe("a claim names at most 50 people", () => {
  beforeEach(resetDatabase);

  it("refuses 51, naming the field, on creation and in an edit, writing nothing", async () => {
    const member = await makeActor("moderator");
    const claim = await makeClaim();
    const people = Array.from({ length: 51 }, (_, index) => ({ personId: `person-${index}` }));
    const before = await tableSnapshot();
    await expectAppError(createClaim(db(), member, { statement: "Many people did it.", people }), "INVALID", "people");
    await expectAppError(
      editClaim(db(), member, { claimId: claim.id, changes: { people } }),
      "INVALID",
      "changes.people",
    );
    expect(await tableSnapshot()).toEqual(before);
  });
});

describe("members' writes are rate-limited, in the database", () => {
  beforeEach(resetDatabase);

  type Case = { action: WriteAction; write: (member: Actor) => Promise<unknown> };
  const cases: Case[] = [
    {
      action: "comment",
      write: async (member) => addComment(db(), member, { claimId: (await makeClaim()).id, body: "A remark." }),
    },
    {
      action: "claim",
      write: (member) => createClaim(db(), member, { statement: "Yagoda arranged the killing of Kirov." }),
    },
    {
      action: "evidence",
      write: async (member) => {
        const source = await makeSource();
        return addEvidence(db(), member, {
          claimId: (await makeClaim()).id,
          stance: "supports",
          passage: { passageId: source.passages.find((passage) => passage.kind === "sentence")!.id },
        });
      },
    },
    { action: "vote", write: async (member) => castVote(db(), member, { claimId: (await makeClaim()).id, value: 60 }) },
    {
      action: "edit",
      write: async (member) =>
        editClaim(db(), member, { claimId: (await makeClaim()).id, changes: { statement: "A reworded claim." } }),
    },
    {
      action: "import",
      write: (member) => importSource(db(), member, { content: "A new text about Kirov.", title: "New text" }),
    },
    {
      action: "relation",
      write: async (member) =>
        proposeRelation(db(), member, {
          claimId: (await makeClaim()).id,
          otherClaimId: (await makeClaim()).id,
          kind: "contradicts",
        }),
    },
    {
      action: "rating",
      write: async (member) =>
        rateSource(db(), member, { sourceId: (await makeSource()).id, grade: "C", reason: "A mirror of an article" }),
    },
  ];

  it.each(cases)(
    "$action: refused at the limit with a plain message, and nothing is written",
    async ({ action, write }) => {
      const member = await makeActor("moderator");
      // The member has already made as many as the window allows.
      await db().rateLimitEvent.createMany({
        data: Array.from({ length: WRITE_LIMITS[action].max }, () => ({ key: `write.${action}:${member.id}` })),
      });
      // Whatever the write needs (claims, sources) is made by the system first, then the write is tried.
      const outcome = await write(member).catch((error: unknown) => error);
      expect(isAppError(outcome) && outcome.code).toBe("RATE_LIMITED");
      expect(isAppError(outcome) && outcome.message).toContain(WRITE_LIMITS[action].what);
      // A refused write leaves no trace of itself: no new row of its kind, no counted event.
      expect(await db().rateLimitEvent.count({ where: { key: `write.${action}:${member.id}` } })).toBe(
        WRITE_LIMITS[action].max,
      );
      expect(await db().auditEvent.count({ where: { actorId: member.id } })).toBe(0);
    },
  );

  // Only members vote and rate, so the system case leaves votes and ratings out.
  it.each(cases.filter((item) => item.action !== "vote" && item.action !== "rating"))(
    "$action: the system (scripts, sample data) is not limited",
    async ({ action, write }) => {
      await db().rateLimitEvent.createMany({
        data: Array.from({ length: WRITE_LIMITS[action].max }, () => ({ key: `write.${action}:system` })),
      });
      await expect(write(SYSTEM_ACTOR)).resolves.toBeDefined();
    },
  );

  it("counts real writes: after twenty comments the twenty-first is refused, and an old window no longer counts", async () => {
    const member = await makeActor("contributor");
    const claim = await makeClaim();
    for (let index = 0; index < WRITE_LIMITS.comment.max; index++) {
      await addComment(db(), member, { claimId: claim.id, body: `Comment ${index}` });
    }
    const before = await tableSnapshot();
    await expectAppError(addComment(db(), member, { claimId: claim.id, body: "One too many" }), "RATE_LIMITED");
    expect(await tableSnapshot()).toEqual(before);
    // An hour later the window is empty again.
    await db().rateLimitEvent.updateMany({ data: { createdAt: new Date(Date.now() - 60 * 60_000) } });
    await expect(addComment(db(), member, { claimId: claim.id, body: "Later" })).resolves.toBeDefined();
  });
});
