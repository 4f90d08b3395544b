import { beforeEach, describe, expect, it } from "vitest";
import type { Actor } from "@/lib/permissions";
import { updateUser } from "@/lib/users/accounts";
import { registrationPolicy, userAbilities } from "@/lib/users/policy";
import { makeActor } from "../factories";
import { db, resetDatabase, tableSnapshot } from "../helpers";

describe("userAbilities (pure)", () => {
  const admin: Actor = { kind: "user", id: "admin-1", role: "admin" };

  it("lets an admin manage other accounts but not demote or deactivate themselves", () => {
    expect(userAbilities(admin, { id: "someone-else" })).toEqual({ changeRole: true, setActive: true, whyNot: {} });
    expect(userAbilities(admin, { id: admin.id })).toMatchObject({
      changeRole: false,
      setActive: false,
      whyNot: { changeRole: expect.stringMatching(/another admin/) },
    });
  });

  it.each([
    ["anonymous", null],
    ["a moderator", { kind: "user", id: "m", role: "moderator" } as Actor],
  ])("refuses %s", (_name, actor) => {
    expect(userAbilities(actor, { id: "someone-else" })).toMatchObject({ changeRole: false, setActive: false });
  });
});

describe("registrationPolicy (pure)", () => {
  it.each([
    // mode, invitation given -> allowed, role (null: the invitation's)
    ["closed", true, false, undefined],
    ["closed", false, false, undefined],
    ["invitation", false, false, undefined],
    ["invitation", true, true, null],
    ["open", false, true, "contributor"],
    ["open", true, true, null],
  ] as const)("%s, invitation %s", (mode, hasInvitation, allowed, role) => {
    const policy = registrationPolicy({ mode, hasInvitation });
    expect(policy.allowed).toBe(allowed);
    if (policy.allowed) {
      expect(policy.role).toBe(role);
      expect(policy.explanation).toBeTruthy();
    } else {
      expect(policy.reason).toBeTruthy();
    }
  });

  it("never gives the admin role: the first admin comes from the setup link (lib/users/setup.ts)", () => {
    for (const mode of ["open", "invitation", "closed"] as const)
      for (const hasInvitation of [false, true]) {
        const policy = registrationPolicy({ mode, hasInvitation });
        if (policy.allowed) expect(policy.role).not.toBe("admin");
      }
  });
});

describe("updateUser follows userAbilities", () => {
  beforeEach(resetDatabase);

  it("refuses an admin's own demotion or deactivation, and lets the unchanged form through", async () => {
    const admin = await makeActor("admin");
    const before = await tableSnapshot();
    await expect(updateUser(db(), admin, { userId: admin.id, role: "viewer" })).rejects.toMatchObject({
      code: "CONFLICT",
      field: "userId",
    });
    await expect(updateUser(db(), admin, { userId: admin.id, active: false })).rejects.toMatchObject({
      code: "CONFLICT",
      field: "userId",
    });
    expect(await tableSnapshot()).toEqual(before);
    // The admin page sends role and active for every row: saving one's own row unchanged is fine.
    await expect(updateUser(db(), admin, { userId: admin.id, role: "admin", active: true })).resolves.toMatchObject({
      role: "admin",
      active: true,
    });
    const other = await makeActor("contributor");
    await expect(updateUser(db(), admin, { userId: other.id, role: "moderator" })).resolves.toMatchObject({
      role: "moderator",
    });
  });
});
