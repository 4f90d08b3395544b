// What forms and requests send reaches lib unchanged (docs/decisions/0009): lib's schemas read a form's
// text where a form is the sender, and refuse by name what they cannot read. The actions and route
// handlers only pass the fields on.
import { beforeEach, describe, expect, it } from "vitest";
import { PUT as voteRoute } from "@/app/api/claims/[claimId]/vote/route";
import { mergeClaims } from "@/lib/claims/merge";
import { createClaim } from "@/lib/claims/mutations";
import { editClaim } from "@/lib/moderation/mutations";
import { settleMention } from "@/lib/people/mentions";
import { acceptPersonSuggestion } from "@/lib/people/suggestions";
import { importSource, previewSource } from "@/lib/sources/import";
import { getSource } from "@/lib/sources/queries";
import { createInvitation } from "@/lib/users/accounts";
import { makeActor, makeClaim, makePerson, makeSource, makeUser, sessionTokenFor } from "../factories";
import { db, resetDatabase, tableSnapshot } from "../helpers";

beforeEach(resetDatabase);

describe("form fields as the forms send them", () => {
  it("the edit form's baseVersion arrives as text and still guards against a blind edit", async () => {
    const moderator = await makeActor("moderator");
    const claim = await makeClaim({ statement: "Nikolaev acted alone" });
    const version = String(claim.version);
    await editClaim(db(), moderator, {
      claimId: claim.id,
      baseVersion: version,
      changes: { statement: "Nikolaev acted entirely alone" },
    });
    await expect(
      editClaim(db(), moderator, { claimId: claim.id, baseVersion: version, changes: { statement: "Made blind" } }),
    ).rejects.toMatchObject({ code: "CONFLICT", field: "baseVersion" });
    await expect(
      editClaim(db(), moderator, { claimId: claim.id, baseVersion: "", changes: { statement: "No version" } }),
    ).rejects.toMatchObject({ code: "INVALID", field: "baseVersion", message: expect.stringMatching(/reload/) });
  });

  it("a claim form without a statement is refused naming it", async () => {
    await expect(createClaim(db(), await makeActor("contributor"), { people: [] })).rejects.toMatchObject({
      code: "INVALID",
      field: "statement",
      message: "statement: is required",
    });
  });

  it("the merge form takes another claim's address", async () => {
    const moderator = await makeActor("moderator");
    const kept = await makeClaim({ statement: "Stalin ordered Kirov's murder" });
    const duplicate = await makeClaim({ statement: "Stalin was behind the killing of Kirov" });
    await mergeClaims(db(), moderator, {
      into: kept.id,
      from: ` https://factcheck.example.org/claims/${duplicate.slug} `,
    });
    expect((await db().claim.findUniqueOrThrow({ where: { id: duplicate.id } })).mergedIntoId).toBe(kept.id);
  });

  it('settling a mention: the form\'s "none", or a choice that is missing', async () => {
    const moderator = await makeActor("moderator");
    await makePerson("Alexander Orlov");
    await makePerson("Vladimir Orlov");
    const source = await makeSource("Orlov defected in 1938.");
    const before = await tableSnapshot();
    await expect(
      settleMention(db(), moderator, { sourceId: source.id, surface: "Orlov", personId: undefined }),
    ).rejects.toMatchObject({ code: "INVALID", field: "personId" });
    expect(await tableSnapshot()).toEqual(before);
    await settleMention(db(), moderator, { sourceId: source.id, surface: "Orlov", personId: "none" });
    const statuses = await db().personMention.findMany({ where: { sourceId: source.id }, select: { status: true } });
    expect(statuses.map((row) => row.status)).toEqual(["rejected", "rejected"]);
  });

  it("a suggestion's spellings as the form's comma-separated text", async () => {
    const moderator = await makeActor("moderator");
    const source = await makeSource();
    const suggestion = await db().personSuggestion.create({
      data: { sourceId: source.id, name: "Abram Slutsky", key: "abram slucki", occurrences: 2 },
    });
    const person = await acceptPersonSuggestion(db(), moderator, {
      suggestionId: suggestion.id,
      name: "",
      aliases: " Slutsky ,, A. A. Slutsky ",
    });
    const aliases = await db().personAlias.findMany({ where: { personId: person.id }, select: { name: true } });
    expect(person.name).toBe("Abram Slutsky");
    expect(aliases.map((alias) => alias.name).sort()).toEqual(["A. A. Slutsky", "Abram Slutsky", "Slutsky"]);
  });

  it("an invitation's days as text, and empty fields as not given", async () => {
    const admin = await makeActor("admin");
    const week = await createInvitation(db(), admin, { role: "contributor", email: "", expiresInDays: "" });
    const days = (week.expiresAt.getTime() - Date.now()) / (24 * 60 * 60 * 1000);
    expect(Math.round(days)).toBe(7);
    expect(week.email).toBeNull();
    const three = await createInvitation(db(), admin, { role: "viewer", expiresInDays: "3" });
    expect(Math.round((three.expiresAt.getTime() - Date.now()) / (24 * 60 * 60 * 1000))).toBe(3);
    await expect(createInvitation(db(), admin, { expiresInDays: "a week" })).rejects.toMatchObject({
      code: "INVALID",
      field: "expiresInDays",
    });
  });
});

describe("the import form", () => {
  const form = (fields: Record<string, unknown>) => ({
    file: "",
    content: "",
    title: "",
    authors: "",
    publisher: "",
    url: "",
    publishedDate: "",
    accessedDate: "",
    kind: "",
    language: "",
    format: "",
    ...fields,
  });

  it("previews pasted text with empty fields left out, writing nothing", async () => {
    const contributor = await makeActor("contributor");
    const before = await tableSnapshot();
    const preview = await previewSource(
      contributor,
      form({ content: "Kirov was shot. Nikolaev was arrested.\n\nStalin came to Leningrad.", title: "Notes" }),
    );
    expect(preview).toMatchObject({ title: "Notes", paragraphCount: 2, sentenceCount: 3, format: "text" });
    expect(preview.paragraphs[0]!.sentences).toEqual(["Kirov was shot.", "Nikolaev was arrested."]);
    expect(await tableSnapshot()).toEqual(before);
    await expect(previewSource(null, form({ content: "Text.", title: "T" }))).rejects.toMatchObject({
      code: "UNAUTHENTICATED",
    });
  });

  it("imports an uploaded file before pasted text, with authors one per line", async () => {
    const contributor = await makeActor("contributor");
    const file = new File(["Yagoda was arrested in 1937."], "yagoda-notes.txt", { type: "text/plain" });
    const result = await importSource(
      db(),
      contributor,
      form({
        file,
        content: "Ignored while a file is chosen.",
        authors: "A. Historian\nB. Archivist; ",
        kind: "article",
      }),
    );
    const source = await db().source.findUniqueOrThrow({
      where: { id: result.sourceId },
      include: { authors: { orderBy: { position: "asc" } } },
    });
    expect(source).toMatchObject({ title: "Yagoda notes", kind: "article", text: "Yagoda was arrested in 1937." });
    expect(source.authors.map((author) => author.name)).toEqual(["A. Historian", "B. Archivist"]);
  });

  it("refuses a file of another type, and an empty form, by name", async () => {
    const contributor = await makeActor("contributor");
    const before = await tableSnapshot();
    const program = new File(["MZ"], "setup.exe");
    await expect(importSource(db(), contributor, form({ file: program, title: "T" }))).rejects.toMatchObject({
      code: "INVALID",
      field: "file",
      message: "file: upload a .txt, .md or .html file",
    });
    await expect(importSource(db(), contributor, form({ title: "T" }))).rejects.toMatchObject({
      code: "INVALID",
      field: "content",
    });
    expect(await tableSnapshot()).toEqual(before);
  });
});

describe("requests", () => {
  it("the path names the claim, whatever the body says", async () => {
    const user = await makeUser("contributor");
    const token = await sessionTokenFor(user.id);
    const voted = await makeClaim();
    const other = await makeClaim();
    const response = await voteRoute(
      new Request(`http://localhost/api/claims/${voted.id}/vote`, {
        method: "PUT",
        headers: { cookie: `next-auth.session-token=${token}`, "content-type": "application/json" },
        body: JSON.stringify({ claimId: other.id, value: 40 }),
      }),
      { params: Promise.resolve({ claimId: voted.id }) },
    );
    expect(response.status).toBe(200);
    expect(await db().confidenceVote.findMany({ select: { claimId: true } })).toEqual([{ claimId: voted.id }]);
  });

  it("a source's passages by kind, as the query parameter lists them", async () => {
    const source = await makeSource();
    const paragraphs = await getSource(db(), null, { sourceId: source.id, passages: "paragraph" });
    expect(new Set(paragraphs.passages.map((passage) => passage.kind))).toEqual(new Set(["paragraph"]));
    await expect(getSource(db(), null, { sourceId: source.id, passages: "paragraph,chapter" })).rejects.toMatchObject({
      code: "INVALID",
      field: "passages",
      message: 'passages: "chapter" is not one of paragraph, sentence, selection',
    });
  });
});
