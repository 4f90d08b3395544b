// GET /api/admin/export: admins only, streamed JSON Lines that `npm run restore` reads back.
import { beforeEach, describe, expect, it } from "vitest";
import { GET as exportRoute } from "@/app/api/admin/export/route";
import type { RoleName } from "@/lib/permissions";
import { restoreWorkspace } from "@/lib/workspace/restore";
import { makeClaim, makeSource, makeUser, sessionTokenFor } from "../factories";
import { db, resetDatabase, tableSnapshot } from "../helpers";

beforeEach(resetDatabase);

async function cookieFor(role: RoleName, password?: string) {
  const user = await makeUser(role, password ? { password } : {});
  return { user, cookie: `next-auth.session-token=${await sessionTokenFor(user.id)}` };
}

const request = (cookie?: string) =>
  new Request("http://localhost/api/admin/export", { headers: cookie ? { cookie } : {} });

describe("GET /api/admin/export", () => {
  it("is 401 for anonymous visitors and 403 for viewers, contributors and moderators, writing nothing", async () => {
    await makeClaim();
    const cookies = await Promise.all((["viewer", "contributor", "moderator"] as const).map((role) => cookieFor(role)));
    const before = await tableSnapshot();
    const anonymous = await exportRoute(request());
    expect(anonymous.status).toBe(401);
    expect((await anonymous.json()).error.code).toBe("UNAUTHENTICATED");
    for (const { cookie } of cookies) {
      const response = await exportRoute(request(cookie));
      expect(response.status).toBe(403);
      expect(response.headers.get("content-type")).toMatch(/application\/json/);
      expect((await response.json()).error).toMatchObject({
        code: "FORBIDDEN",
        message: expect.stringContaining("export:workspace"),
      });
    }
    expect(await tableSnapshot()).toEqual(before);
  });

  it("streams the workspace to an admin as JSON Lines, without password hashes, and records who took it", async () => {
    await makeSource();
    const claim = await makeClaim({ statement: "Kirov was shot in the Smolny Institute" });
    const { user: admin, cookie } = await cookieFor("admin", "the admin's long password");
    const response = await exportRoute(request(cookie));
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("application/jsonl; charset=utf-8");
    expect(response.headers.get("content-disposition")).toMatch(
      /^attachment; filename="factcheck-workspace-\d{4}-\d{2}-\d{2}\.jsonl"$/,
    );
    expect(response.headers.get("cache-control")).toBe("no-store");

    // Read as a stream: several chunks, each of whole lines.
    const reader = response.body!.getReader();
    const decoder = new TextDecoder();
    const chunks: string[] = [];
    for (let next = await reader.read(); !next.done; next = await reader.read())
      chunks.push(decoder.decode(next.value));
    expect(chunks.length).toBeGreaterThan(2);
    expect(chunks.every((chunk) => chunk.endsWith("\n"))).toBe(true);
    const lines = chunks.join("").trimEnd().split("\n");
    const parsed = lines.map((line) => JSON.parse(line));
    expect(parsed[0]).toMatchObject({ format: "factcheck-workspace", version: 1, leftOut: { "User.passwordHash": 1 } });
    expect(parsed.at(-1)).toHaveProperty("end.rows.Claim", 1);
    expect(parsed.find((line) => line.table === "Claim")?.row).toMatchObject({ id: claim.id });
    const users = parsed.filter((line) => line.table === "User").map((line) => line.row);
    expect(users.map((user) => user.id)).toContain(admin.id);
    expect(users.every((user) => user.passwordHash === null)).toBe(true);
    const audit = await db().auditEvent.findMany({ where: { action: "workspace.export" } });
    expect(audit).toMatchObject([
      { actorId: admin.id, entityType: "workspace", data: JSON.stringify({ passwordHashes: false }) },
    ]);
    // The download is in the file it describes (recorded before the snapshot).
    expect(parsed.some((line) => line.table === "AuditEvent" && line.row.action === "workspace.export")).toBe(true);

    // And it restores.
    await resetDatabase();
    const report = await restoreWorkspace(db(), lines);
    expect(report.rows.Claim).toBe(1);
    expect((await db().claim.findUniqueOrThrow({ where: { id: claim.id } })).statement).toBe(claim.statement);
  });

  it("stops reading when the download is abandoned, holding nothing up", async () => {
    await makeSource();
    const { cookie } = await cookieFor("admin");
    const response = await exportRoute(request(cookie));
    const reader = response.body!.getReader();
    expect((await reader.read()).done).toBe(false);
    await reader.cancel();
    // Writes go on (on SQLite the snapshot has a connection of its own; either way it has ended).
    await expect(makeClaim({ statement: "Written after an abandoned download" })).resolves.toMatchObject({
      statement: "Written after an abandoned download",
    });
  });
});
