// Questions with competing claims (issue 14, item 4): moderation, the matrix read from cited
// evidence and members' marks, its ranking and what would change it, CSV and the API.
import { beforeEach, describe, expect, it } from "vitest";
import { POST as marksRoute } from "@/app/api/questions/[questionId]/marks/route";
import { GET as matrixRoute } from "@/app/api/questions/[questionId]/matrix/route";
import { POST as createRoute, GET as listRoute } from "@/app/api/questions/route";
import { GET as csvRoute } from "@/app/questions/[questionId]/matrix.csv/route";
import { mergeClaims } from "@/lib/claims/merge";
import { proposeRelation } from "@/lib/claims/relations";
import { addEvidence } from "@/lib/evidence/mutations";
import { csvField } from "@/lib/questions/csv";
import {
  createQuestion,
  markCell,
  proposeQuestionClaim,
  reviewQuestion,
  reviewQuestionClaim,
} from "@/lib/questions/mutations";
import { getQuestion, getQuestionMatrix, listPendingQuestions, listQuestions } from "@/lib/questions/queries";
import { rateSource } from "@/lib/ratings/mutations";
import { makeActor, makeClaim, makeSource, SYSTEM_ACTOR, sessionTokenFor } from "../factories";
import { db, resetDatabase, tableSnapshot } from "../helpers";

beforeEach(resetDatabase);

const BASE = "http://localhost/api";

/** Two competing claims with evidence on both: a court finding against "ordered", two retellings against "alone". */
async function kirovQuestion() {
  const moderator = await makeActor("moderator");
  const source = await makeSource(
    [
      "The court found that Nikolaev planned and carried out the murder alone.",
      "Orlov wrote that Stalin ordered Yagoda to arrange the killing.",
      "Later accounts repeat Orlov: Stalin gave the order through Yagoda.",
    ].join("\n\n"),
  );
  const ordered = await makeClaim({ statement: "Stalin ordered Kirov's murder" });
  const alone = await makeClaim({ statement: "Nikolaev acted alone" });
  const cite = (claimId: string, quote: string, stance: "supports" | "contradicts") =>
    addEvidence(db(), SYSTEM_ACTOR, { claimId, passage: { sourceId: source.id, quote }, stance });
  await cite(ordered.id, "The court found that Nikolaev planned and carried out the murder alone.", "contradicts");
  await cite(alone.id, "The court found that Nikolaev planned and carried out the murder alone.", "supports");
  await cite(ordered.id, "Orlov wrote that Stalin ordered Yagoda to arrange the killing.", "supports");
  await cite(alone.id, "Later accounts repeat Orlov: Stalin gave the order through Yagoda.", "contradicts");
  const question = await createQuestion(db(), moderator, {
    title: "Who was behind Kirov's murder?",
    claimIds: [ordered.slug, alone.id],
  });
  return { moderator, source, ordered, alone, question };
}

describe("questions", () => {
  it("a contributor's question and the claims they add wait for a moderator; a moderator's apply at once", async () => {
    const contributor = await makeActor("contributor");
    const moderator = await makeActor("moderator");
    const claim = await makeClaim({ statement: "Stalin ordered Kirov's murder" });
    const asked = await createQuestion(db(), contributor, { title: "Who was behind it?", claimIds: [claim.id] });
    expect(asked.status).toBe("pending_review");
    // Others do not see it yet; its author and moderators do.
    expect(await listQuestions(db(), null)).toEqual([]);
    expect((await listQuestions(db(), contributor)).map((item) => item.id)).toEqual([asked.id]);
    await expect(getQuestion(db(), await makeActor("viewer"), { questionId: asked.slug })).rejects.toMatchObject({
      code: "NOT_FOUND",
      field: "questionId",
    });
    const pending = await listPendingQuestions(db(), moderator);
    expect(pending.questions.map((item) => item.id)).toEqual([asked.id]);
    expect(pending.claims.map((item) => item.claim.slug)).toEqual([claim.slug]);

    await expect(
      reviewQuestion(db(), moderator, { questionId: asked.id, decision: "send_back" }),
    ).rejects.toMatchObject({ code: "INVALID", field: "reason" });
    await reviewQuestion(db(), moderator, { questionId: asked.id, decision: "publish" });
    await expect(reviewQuestion(db(), moderator, { questionId: asked.id, decision: "publish" })).rejects.toMatchObject({
      code: "CONFLICT",
    });
    // Published, but its claim still waits: the matrix has no rows until a moderator confirms it.
    expect((await getQuestionMatrix(db(), null, { questionId: asked.slug })).claims).toEqual([]);
    const [row] = (await getQuestion(db(), moderator, { questionId: asked.id })).claims;
    await reviewQuestionClaim(db(), moderator, { questionClaimId: row!.questionClaimId, decision: "confirm" });
    expect((await getQuestionMatrix(db(), null, { questionId: asked.slug })).claims.map((item) => item.id)).toEqual([
      claim.id,
    ]);

    // Taken out, a claim can be put back; a review through another question's path finds nothing.
    await reviewQuestionClaim(db(), moderator, { questionClaimId: row!.questionClaimId, decision: "reject" });
    expect((await getQuestionMatrix(db(), null, { questionId: asked.slug })).claims).toEqual([]);
    const back = await proposeQuestionClaim(db(), contributor, { questionId: asked.id, claimId: claim.id });
    expect(back).toEqual({ questionClaimId: row!.questionClaimId, status: "pending" });
    const other = await createQuestion(db(), moderator, { title: "Another question?" });
    await expect(
      reviewQuestionClaim(db(), moderator, {
        questionId: other.id,
        questionClaimId: row!.questionClaimId,
        decision: "confirm",
      }),
    ).rejects.toMatchObject({ code: "NOT_FOUND", field: "questionClaimId" });
    await reviewQuestionClaim(db(), moderator, {
      questionId: asked.slug,
      questionClaimId: row!.questionClaimId,
      decision: "confirm",
    });

    // A claim already in it is a conflict; a merged or unknown claim is refused with the field named.
    await expect(
      proposeQuestionClaim(db(), moderator, { questionId: asked.id, claimId: claim.id }),
    ).rejects.toMatchObject({ code: "CONFLICT", field: "claimId" });
    await expect(
      proposeQuestionClaim(db(), moderator, { questionId: asked.id, claimId: "no-such-claim" }),
    ).rejects.toMatchObject({ code: "NOT_FOUND", field: "claimId" });
    await expect(createQuestion(db(), moderator, { title: "Hm?", claimIds: [] })).rejects.toMatchObject({
      code: "INVALID",
      field: "title",
    });
    const before = await tableSnapshot();
    await expect(
      createQuestion(db(), moderator, { title: "A fine question?", claimIds: [claim.id, claim.slug] }),
    ).rejects.toMatchObject({ code: "INVALID", field: "claimIds" });
    expect(await tableSnapshot()).toEqual(before);
  });

  it("ranks the claims by weighted evidence against them, one origin counting once, and says what would change it", async () => {
    const { moderator, source, ordered, alone, question } = await kirovQuestion();
    let matrix = await getQuestionMatrix(db(), null, { questionId: question.slug });
    expect(matrix.columns).toHaveLength(3);
    // Unrated: every piece weighs 0.5 × 0.5. "ordered" has the court against it; "alone", one retelling.
    expect(
      matrix.claims
        .map((claim) => [claim.statement, claim.rank, claim.inconsistency])
        .sort((a, b) => String(a[0]).localeCompare(String(b[0]))),
    ).toEqual([
      ["Nikolaev acted alone", 1, 0.25],
      ["Stalin ordered Kirov's murder", 1, 0.25],
    ]);
    // A reliable source weighs more: rated A, every piece weighs 0.9 × 0.5.
    await rateSource(db(), moderator, { sourceId: source.id, grade: "A", reason: "A court record" });
    matrix = await getQuestionMatrix(db(), null, { questionId: question.slug });
    expect(matrix.columns.every((column) => column.weight === 0.45 && column.reliability === "A")).toBe(true);

    // A member says the court finding is neutral to "ordered" (Stalin could have ordered it anyway):
    // with one marker, that member's marks decide, and "ordered" leads.
    const court = matrix.columns.find((column) => column.text.startsWith("The court"))!;
    await markCell(db(), moderator, {
      questionId: question.id,
      claimId: ordered.slug,
      passageId: court.passageId,
      mark: "neutral",
    });
    matrix = await getQuestionMatrix(db(), moderator, { questionId: question.slug });
    expect(matrix.claims.map((claim) => [claim.statement, claim.rank])).toEqual([
      ["Stalin ordered Kirov's murder", 1],
      ["Nikolaev acted alone", 2],
    ]);
    expect(matrix.markers).toBe(1);
    const cell = matrix.cells.find((item) => item.claimId === ordered.id && item.passageId === court.passageId)!;
    expect(cell).toMatchObject({ consensus: "neutral", own: "neutral", defaultMark: "inconsistent" });
    // The retelling against "alone" is what the ranking turns on, and it separates the two.
    const retelling = matrix.columns.find((column) => column.text.startsWith("Later accounts"))!;
    expect(matrix.diagnostic[0]!.passageId).toBe(retelling.passageId);
    expect(matrix.pivotal.map((item) => [item.passageIds, item.leaderChanges])).toEqual([
      [[retelling.passageId], true],
    ]);

    // Taking the mark back returns the cell to the cited stance.
    await markCell(db(), moderator, {
      questionId: question.id,
      claimId: ordered.id,
      passageId: court.passageId,
      mark: null,
    });
    matrix = await getQuestionMatrix(db(), moderator, { questionId: question.slug });
    expect(matrix.markers).toBe(0);
    expect(matrix.claims.map((claim) => claim.rank)).toEqual([1, 1]);

    // A cell outside the matrix is refused with the field named, and nothing is written.
    const before = await tableSnapshot();
    const other = await makeClaim({ statement: "Zinoviev's group organised the killing" });
    await expect(
      markCell(db(), moderator, {
        questionId: question.id,
        claimId: other.id,
        passageId: court.passageId,
        mark: "consistent",
      }),
    ).rejects.toMatchObject({ code: "NOT_FOUND", field: "claimId" });
    const stray = (await makeSource()).passages[0]!;
    await expect(
      markCell(db(), moderator, {
        questionId: question.id,
        claimId: alone.id,
        passageId: stray.id,
        mark: "consistent",
      }),
    ).rejects.toMatchObject({ code: "NOT_FOUND", field: "passageId" });
    await expect(
      markCell(db(), moderator, {
        questionId: question.id,
        claimId: alone.id,
        passageId: court.passageId,
        mark: "maybe",
      }),
    ).rejects.toMatchObject({ code: "INVALID", field: "mark" });
    expect((await tableSnapshot()).Question).toEqual(before.Question);
    expect((await tableSnapshot()).MatrixMark).toEqual(before.MatrixMark);
  });

  it("carries a cell's default across a confirmed relation: what supports one claim is against a claim it contradicts", async () => {
    const { moderator, ordered, alone, question } = await kirovQuestion();
    const orlov = (await getQuestionMatrix(db(), null, { questionId: question.slug })).columns.find((column) =>
      column.text.startsWith("Orlov wrote"),
    )!;
    const before = await getQuestionMatrix(db(), null, { questionId: question.slug });
    expect(
      before.cells.find((cell) => cell.claimId === alone.id && cell.passageId === orlov.passageId)!.defaultMark,
    ).toBe("neutral");
    await proposeRelation(db(), moderator, { claimId: ordered.id, otherClaimId: alone.id, kind: "contradicts" });
    const after = await getQuestionMatrix(db(), null, { questionId: question.slug });
    expect(after.cells.find((cell) => cell.claimId === alone.id && cell.passageId === orlov.passageId)).toMatchObject({
      defaultMark: "inconsistent",
      consensus: "inconsistent",
    });
    expect(after.claims.map((claim) => [claim.statement, claim.rank])).toEqual([
      ["Stalin ordered Kirov's murder", 1],
      ["Nikolaev acted alone", 2],
    ]);
  });

  it("follows a merge: the duplicate's place in the question and the marks on it pass to the claim it was merged into", async () => {
    const { moderator, alone, question } = await kirovQuestion();
    const court = (await getQuestionMatrix(db(), null, { questionId: question.slug })).columns.find((column) =>
      column.text.startsWith("The court"),
    )!;
    await markCell(db(), moderator, {
      questionId: question.id,
      claimId: alone.id,
      passageId: court.passageId,
      mark: "neutral",
    });
    const kept = await makeClaim({ statement: "Nikolaev shot Kirov on his own" });
    // The kept claim was once put in the question and taken out: the duplicate's confirmed place wins.
    const put = await proposeQuestionClaim(db(), moderator, { questionId: question.id, claimId: kept.id });
    await reviewQuestionClaim(db(), moderator, { questionClaimId: put.questionClaimId, decision: "reject" });
    await mergeClaims(db(), moderator, { into: kept.id, from: alone.id });
    const matrix = await getQuestionMatrix(db(), moderator, { questionId: question.slug });
    expect(matrix.claims.map((claim) => claim.id).sort()).toEqual(
      [
        kept.id,
        (await getQuestion(db(), null, { questionId: question.id })).claims.find((row) => row.claim.id !== kept.id)!
          .claim.id,
      ].sort(),
    );
    expect(matrix.cells.find((cell) => cell.claimId === kept.id && cell.passageId === court.passageId)).toMatchObject({
      own: "neutral",
      // The merged claim's citation moved with it: the kept claim now cites the court finding as supporting.
      defaultMark: "consistent",
    });
  });

  it("is served by the API and as CSV, with errors naming the field", async () => {
    const { moderator, question } = await kirovQuestion();
    const token = await sessionTokenFor(moderator.id!);
    const cookie = { cookie: `next-auth.session-token=${token}` };
    const list = await listRoute(new Request(`${BASE}/questions`));
    expect((await list.json()).items.map((item: { slug: string }) => item.slug)).toEqual([question.slug]);

    const matrix = await matrixRoute(new Request(`${BASE}/questions/${question.slug}/matrix`), {
      params: Promise.resolve({ questionId: question.slug }),
    });
    expect(matrix.status).toBe(200);
    const body = await matrix.json();
    expect(body.claims).toHaveLength(2);
    expect(body.columns).toHaveLength(3);

    const anonymous = await createRoute(
      new Request(`${BASE}/questions`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ title: "Who?" }),
      }),
    );
    expect(anonymous.status).toBe(401);
    const invalid = await createRoute(
      new Request(`${BASE}/questions`, {
        method: "POST",
        headers: { ...cookie, "content-type": "application/json" },
        body: JSON.stringify({ title: "x" }),
      }),
    );
    expect(invalid.status).toBe(400);
    expect((await invalid.json()).error.field).toBe("title");
    const mark = await marksRoute(
      new Request(`${BASE}/questions/${question.id}/marks`, {
        method: "POST",
        headers: { ...cookie, "content-type": "application/json" },
        body: JSON.stringify({ claimId: body.claims[0].id, passageId: body.columns[0].passageId, mark: "sometimes" }),
      }),
      { params: Promise.resolve({ questionId: question.id }) },
    );
    expect(mark.status).toBe(400);
    expect((await mark.json()).error.field).toBe("mark");

    const csv = await csvRoute(new Request(`http://localhost/questions/${question.slug}/matrix.csv`), {
      params: Promise.resolve({ questionId: question.slug }),
    });
    expect(csv.headers.get("content-type")).toContain("text/csv");
    const lines = (await csv.text()).split("\r\n");
    expect(lines[0]).toContain("Who was behind Kirov's murder?");
    expect(lines.filter((line) => /^1,/.test(line))).toHaveLength(2);
    // A passage that starts like a formula is shown, not run, by a spreadsheet.
    expect(csvField('=HYPERLINK("x")')).toBe('"\'=HYPERLINK(""x"")"');
    expect(csvField("plain")).toBe("plain");
  });
});

describe("the sample's Kirov question", () => {
  it("weighs its three competing claims against every piece of evidence cited on them, Orlov's account as one line", async () => {
    const { loadSampleData } = await import("@/prisma/sample/load");
    const { getEnv } = await import("@/lib/env");
    await loadSampleData(db(), { dataDir: getEnv().DATA_DIR });
    const [question] = await listQuestions(db(), null);
    expect(question).toMatchObject({ title: "Who was behind Kirov's murder?", claimCount: 3 });
    const matrix = await getQuestionMatrix(db(), null, { questionId: question!.slug });
    expect(matrix.claims).toHaveLength(3);
    const cited = await db().evidence.count({
      where: { removedAt: null, claim: { questions: { some: { questionId: question!.id } } } },
    });
    // One column per passage: fewer than the citations when a passage is cited on two of the claims.
    expect(matrix.columns.length).toBeGreaterThan(5);
    expect(matrix.columns.length).toBeLessThanOrEqual(cited);
    const orlov = matrix.columns.filter((column) => column.origin?.name === "Alexander Orlov's account");
    expect(orlov.length).toBeGreaterThan(1);
    // Ranked, with the evidence that separates the claims and what would change the order.
    expect(matrix.claims.map((claim) => claim.rank)[0]).toBe(1);
    expect(matrix.diagnostic.length).toBeGreaterThan(0);
    expect(matrix.pivotal.length).toBeGreaterThan(0);
    for (const item of matrix.pivotal) expect(item.ranking).toHaveLength(3);
    // The sample's members marked the lone-gunman evidence against both plots: two markers.
    expect(matrix.markers).toBe(2);
  });
});

describe("bad input to questions", () => {
  it("refuses empty, huge, malformed and foreign input with the field named, and writes nothing", async () => {
    const { moderator, ordered, question } = await kirovQuestion();
    const contributor = await makeActor("contributor");
    const before = await tableSnapshot();
    // Each call is made only when its refusal is awaited.
    const refusals: [() => Promise<unknown>, string, string][] = [
      [() => createQuestion(db(), moderator, {}), "INVALID", "title"],
      [() => createQuestion(db(), moderator, { title: "   " }), "INVALID", "title"],
      [() => createQuestion(db(), moderator, { title: "x".repeat(301) }), "INVALID", "title"],
      [
        () => createQuestion(db(), moderator, { title: "Who did it?", description: "y".repeat(5001) }),
        "INVALID",
        "description",
      ],
      [() => createQuestion(db(), moderator, { title: "Who did it?", claimIds: "all" }), "INVALID", "claimIds"],
      [
        () => createQuestion(db(), moderator, { title: "Who did it?", claimIds: Array(21).fill(ordered.id) }),
        "INVALID",
        "claimIds",
      ],
      [
        () => createQuestion(db(), moderator, { title: "Who did it?", claimIds: ["<script>"] }),
        "NOT_FOUND",
        "claimIds",
      ],
      [() => reviewQuestion(db(), moderator, { questionId: question.id, decision: "maybe" }), "INVALID", "decision"],
      [
        () => reviewQuestion(db(), moderator, { questionId: "no-such-question", decision: "publish" }),
        "NOT_FOUND",
        "questionId",
      ],
      [
        () => reviewQuestionClaim(db(), moderator, { questionClaimId: 42, decision: "confirm" }),
        "INVALID",
        "questionClaimId",
      ],
      [
        () =>
          markCell(db(), contributor, { questionId: question.id, claimId: ordered.id, passageId: "", mark: "neutral" }),
        "INVALID",
        "passageId",
      ],
      [
        () =>
          markCell(db(), contributor, {
            questionId: question.id,
            claimId: ordered.id,
            passageId: "x".repeat(101),
            mark: "neutral",
          }),
        "INVALID",
        "passageId",
      ],
    ];
    for (const [call, code, field] of refusals) await expect(call()).rejects.toMatchObject({ code, field });
    expect(await tableSnapshot()).toEqual(before);

    // Another member's mark is theirs: taking back one's own mark leaves it.
    const court = (await getQuestionMatrix(db(), null, { questionId: question.id })).columns[0]!;
    await markCell(db(), moderator, {
      questionId: question.id,
      claimId: ordered.id,
      passageId: court.passageId,
      mark: "neutral",
    });
    await markCell(db(), contributor, {
      questionId: question.id,
      claimId: ordered.id,
      passageId: court.passageId,
      mark: null,
    });
    expect((await getQuestionMatrix(db(), moderator, { questionId: question.id })).markers).toBe(1);

    // Hostile text is stored as written and comes back as text.
    const asked = await createQuestion(db(), moderator, {
      title: `<script>alert(1)</script> Who?`,
      description: "<img src=x onerror=alert(1)>",
    });
    expect((await getQuestion(db(), null, { questionId: asked.slug })).title).toBe("<script>alert(1)</script> Who?");
  });
});
