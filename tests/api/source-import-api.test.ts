// POST /api/sources: the import form's rules over HTTP, as JSON or a multipart upload, called
// through the route handler with Request objects and a member's session cookie.
import { beforeEach, describe, expect, it } from "vitest";
import { POST as importRoute } from "@/app/api/sources/route";
import type { RoleName } from "@/lib/permissions";
import { MAX_SOURCE_BYTES } from "@/lib/sources/schemas";
import { makeUser, SAMPLE_TEXT, sessionTokenFor } from "../factories";
import { db, resetDatabase, tableSnapshot } from "../helpers";

beforeEach(resetDatabase);

const URL_ = "http://localhost/api/sources";

async function cookieFor(role: RoleName | null): Promise<string | undefined> {
  if (!role) return undefined;
  const user = await makeUser(role);
  return `next-auth.session-token=${await sessionTokenFor(user.id)}`;
}

function jsonRequest(body: unknown, cookie?: string, contentType = "application/json") {
  return new Request(URL_, {
    method: "POST",
    headers: { ...(cookie ? { cookie } : {}), "content-type": contentType },
    body: typeof body === "string" ? body : JSON.stringify(body),
  });
}

/** A multipart request as a browser or `curl -F` sends it: fetch sets the boundary. */
function uploadRequest(fields: Record<string, string | File>, cookie?: string) {
  const form = new FormData();
  for (const [name, value] of Object.entries(fields)) form.append(name, value);
  return new Request(URL_, { method: "POST", headers: cookie ? { cookie } : {}, body: form });
}

async function expectError(response: Response, status: number, field: string) {
  expect(response.status).toBe(status);
  const { error } = await response.json();
  expect(error.field).toBe(field);
  expect(error.message.startsWith(`${field}:`)).toBe(true);
}

async function expectPassagesOf(sourceId: string, count: number) {
  const source = await db().source.findUniqueOrThrow({ where: { id: sourceId }, include: { passages: true } });
  expect(source.passages).toHaveLength(count);
  expect(source.passages.some((passage) => passage.kind === "paragraph")).toBe(true);
  expect(source.passages.some((passage) => passage.kind === "sentence")).toBe(true);
  for (const passage of source.passages) expect(source.text.slice(passage.start, passage.end)).toBe(passage.text);
  return source;
}

describe("POST /api/sources", () => {
  it("imports JSON content with its metadata: 201, the passages exist, and the url names the source", async () => {
    const cookie = await cookieFor("contributor");
    const response = await importRoute(
      jsonRequest(
        {
          content: `# Kirov\n\n${SAMPLE_TEXT}`,
          format: "markdown",
          title: "The Kirov murder",
          authors: ["A. Historian", "B. Archivist"],
          kind: "article",
          publishedDate: "1989",
        },
        cookie,
      ),
    );
    expect(response.status).toBe(201);
    const body = await response.json();
    expect(body).toEqual({
      sourceId: expect.any(String),
      created: true,
      passageCount: expect.any(Number),
      title: "The Kirov murder",
      url: `/sources/${body.sourceId}`,
    });
    const source = await expectPassagesOf(body.sourceId, body.passageCount);
    expect(source).toMatchObject({ format: "markdown", kind: "article", publishedDate: "1989" });
    expect(source.text).not.toContain("# Kirov");
    const authors = await db().sourceAuthor.findMany({
      where: { sourceId: body.sourceId },
      orderBy: { position: "asc" },
    });
    expect(authors.map((author) => author.name)).toEqual(["A. Historian", "B. Archivist"]);
  });

  it("imports a multipart upload: the file, with the form's metadata fields", async () => {
    const cookie = await cookieFor("contributor");
    const file = new File([`# Notes on Kirov\n\n${SAMPLE_TEXT}`], "kirov-notes.md", { type: "text/markdown" });
    const response = await importRoute(
      uploadRequest({ file, authors: "A. Historian\nB. Archivist", kind: "book", language: "en" }, cookie),
    );
    expect(response.status).toBe(201);
    const body = await response.json();
    // No title given: the form takes it from the file name.
    expect(body).toMatchObject({ created: true, title: "Kirov notes", url: `/sources/${body.sourceId}` });
    const source = await expectPassagesOf(body.sourceId, body.passageCount);
    expect(source).toMatchObject({ format: "markdown", kind: "book", language: "en" });
    expect(await db().sourceAuthor.count({ where: { sourceId: body.sourceId } })).toBe(2);
  });

  it("the same text again answers 200 with created: false and that source, writing nothing", async () => {
    const cookie = await cookieFor("contributor");
    const first = await (await importRoute(jsonRequest({ content: SAMPLE_TEXT, title: "First" }, cookie))).json();
    const before = await tableSnapshot();
    // The same text uploaded as a file is the same source too.
    for (const request of [
      jsonRequest({ content: SAMPLE_TEXT, title: "Again" }, cookie),
      uploadRequest({ file: new File([SAMPLE_TEXT], "again.txt"), title: "Again" }, cookie),
    ]) {
      const again = await importRoute(request);
      expect(again.status).toBe(200);
      expect(await again.json()).toEqual({ ...first, created: false, url: `/sources/${first.sourceId}` });
    }
    expect(await tableSnapshot()).toEqual(before);
  });

  it("401 signed out and 403 for a viewer, writing nothing", async () => {
    const viewer = await cookieFor("viewer");
    const before = await tableSnapshot();
    const body = { content: SAMPLE_TEXT, title: "Kirov" };
    expect((await importRoute(jsonRequest(body))).status).toBe(401);
    expect((await importRoute(uploadRequest({ file: new File([SAMPLE_TEXT], "k.txt") }))).status).toBe(401);
    expect((await importRoute(jsonRequest(body, viewer))).status).toBe(403);
    expect((await importRoute(uploadRequest({ file: new File([SAMPLE_TEXT], "k.txt") }, viewer))).status).toBe(403);
    expect(await tableSnapshot()).toEqual(before);
  });

  it("415 for a body that is neither JSON nor multipart, 400 for JSON that is not an object", async () => {
    const cookie = await cookieFor("contributor");
    const before = await tableSnapshot();
    await expectError(await importRoute(jsonRequest(SAMPLE_TEXT, cookie, "text/plain")), 415, "body");
    await expectError(
      await importRoute(jsonRequest("content=x&title=y", cookie, "application/x-www-form-urlencoded")),
      415,
      "body",
    );
    await expectError(await importRoute(jsonRequest("{not json", cookie)), 400, "body");
    await expectError(await importRoute(jsonRequest('["text"]', cookie)), 400, "body");
    expect(await tableSnapshot()).toEqual(before);
  });

  it("400 naming the field: empty content, an unknown format, a bad field, a file of another kind", async () => {
    const cookie = await cookieFor("contributor");
    const before = await tableSnapshot();
    await expectError(await importRoute(jsonRequest({ content: "  \n ", title: "Empty" }, cookie)), 400, "content");
    await expectError(await importRoute(jsonRequest({ title: "Nothing" }, cookie)), 400, "content");
    await expectError(await importRoute(uploadRequest({ file: new File([""], "empty.txt") }, cookie)), 400, "content");
    await expectError(
      await importRoute(jsonRequest({ content: SAMPLE_TEXT, title: "K", format: "pdf" }, cookie)),
      400,
      "format",
    );
    await expectError(
      await importRoute(uploadRequest({ content: SAMPLE_TEXT, format: "docx" }, cookie)),
      400,
      "format",
    );
    await expectError(await importRoute(jsonRequest({ content: SAMPLE_TEXT, url: "ftp://x" }, cookie)), 400, "url");
    await expectError(
      await importRoute(uploadRequest({ file: new File([SAMPLE_TEXT], "kirov.pdf") }, cookie)),
      400,
      "file",
    );
    expect(await tableSnapshot()).toEqual(before);
  });

  it("413: content over 5 MB, a file over 5 MB, and bodies over the route's limits, writing nothing", async () => {
    const cookie = await cookieFor("contributor");
    const before = await tableSnapshot();
    const overSource = "a".repeat(MAX_SOURCE_BYTES + 1);
    // JSON within the body limit (a 5 MB text may take 3 times that escaped) with too much text.
    await expectError(await importRoute(jsonRequest({ content: overSource, title: "Big" }, cookie)), 413, "content");
    // Over the JSON body limit: refused while reading.
    await expectError(
      await importRoute(jsonRequest({ content: "a".repeat(3 * MAX_SOURCE_BYTES + 100 * 1024), title: "Huge" }, cookie)),
      413,
      "body",
    );
    // A file just over 5 MB fits the multipart limit and is refused by its size, naming it.
    await expectError(
      await importRoute(uploadRequest({ file: new File([overSource], "big.txt"), title: "Big" }, cookie)),
      413,
      "file",
    );
    // A larger upload is refused while reading the body…
    await expectError(
      await importRoute(uploadRequest({ file: new File(["a".repeat(6 * 1024 * 1024)], "bigger.txt") }, cookie)),
      413,
      "body",
    );
    // …and one that declares its length is refused before any of it is read.
    let pulled = 0;
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        pulled++;
        controller.enqueue(new Uint8Array(64 * 1024));
      },
    });
    const declared = new Request(URL_, {
      method: "POST",
      headers: {
        cookie: cookie!,
        "content-type": "multipart/form-data; boundary=x",
        "content-length": String(MAX_SOURCE_BYTES * 2),
      },
      body: stream,
      duplex: "half",
    } as RequestInit);
    await expectError(await importRoute(declared), 413, "body");
    expect(pulled).toBeLessThanOrEqual(1);
    expect(await tableSnapshot()).toEqual(before);
  });
});
