import { randomUUID } from "node:crypto";
import { encode } from "next-auth/jwt";
import { getAuthSecret } from "@/lib/auth/secret";
import { startSession } from "@/lib/auth/sessions";
import { createClaim } from "@/lib/claims/mutations";
import { editClaim } from "@/lib/moderation/mutations";
import { createPerson } from "@/lib/people/mutations";
import { type Actor, type RoleName, SYSTEM_ACTOR } from "@/lib/permissions";
import { importSource } from "@/lib/sources/import";
import { createUser } from "@/lib/users/mutations";
import { db } from "./helpers";

let counter = 0;
const next = () => `${++counter}-${randomUUID().slice(0, 8)}`;

/**
 * An account made as an admin makes one (lib's createUser, here as the system), without a
 * password unless one is given. Nobody becomes admin by signing up first: a test that needs an
 * admin who signs in makes one here (or through lib/users/setup.ts).
 */
export async function makeUser(role: RoleName, overrides: { name?: string; email?: string; password?: string } = {}) {
  const id = next();
  return createUser(db(), SYSTEM_ACTOR, {
    email: overrides.email ?? `${role}-${id}@test.example`,
    name: overrides.name ?? `${role} ${id}`,
    role,
    ...(overrides.password === undefined ? {} : { password: overrides.password }),
  });
}

export function actorOf(user: { id: string; role: RoleName }): Actor {
  return { kind: "user", id: user.id, role: user.role };
}

export async function makeActor(role: RoleName): Promise<Actor> {
  return actorOf(await makeUser(role));
}

export const SAMPLE_TEXT =
  "On 1 December 1934 Sergei Kirov was shot in the Smolny Institute. The assassin, Leonid Nikolaev, was arrested at once.\n\n" +
  "Some historians hold that Stalin ordered the murder. Others say Nikolaev acted alone.";

export async function makeSource(text = `${SAMPLE_TEXT}\n\nUnique note ${next()}.`, title = `Source ${next()}`) {
  const result = await importSource(db(), SYSTEM_ACTOR, {
    content: text,
    title,
    url: "https://example.org/source",
    publishedDate: "1988",
  });
  return db().source.findUniqueOrThrow({ where: { id: result.sourceId }, include: { passages: true } });
}

export async function makePerson(name = `Person ${next()}`, aliases: string[] = []) {
  const created = await createPerson(db(), SYSTEM_ACTOR, { name, aliases });
  return db().person.findUniqueOrThrow({ where: { id: created.id } });
}

/**
 * A claim made the way the app makes one: created through lib (as the system, in the name of
 * `authorId`), and moved to a draft or archived through a moderator's status change, so every
 * test runs on a state the app can produce (with its revisions, audit events and search entry).
 */
export async function makeClaim(
  options: {
    statement?: string;
    status?: "draft" | "pending_review" | "published" | "archived";
    authorId?: string;
    personIds?: string[];
  } = {},
) {
  const statement = options.statement ?? `Claim ${next()}`;
  const status = options.status ?? "published";
  // A claim starts pending review or published; drafts and archived claims are moved there.
  const initial = status === "archived" ? "published" : status === "draft" ? "pending_review" : status;
  const created = await createClaim(
    db(),
    SYSTEM_ACTOR,
    {
      statement,
      status: initial,
      people: (options.personIds ?? []).map((personId) => ({ personId, role: "subject" as const })),
    },
    options.authorId ? { authorId: options.authorId } : {},
  );
  if (status !== initial) {
    await editClaim(db(), SYSTEM_ACTOR, { claimId: created.id, changes: { status } });
  }
  return db().claim.findUniqueOrThrow({ where: { id: created.id } });
}

/**
 * A session token for a member, as signing in makes one: a Session row (lib/auth/sessions.ts)
 * and the signed JWT naming it, ready for a `next-auth.session-token` cookie.
 */
export async function sessionTokenFor(userId: string, now?: Date): Promise<string> {
  const { sessionId } = await startSession(db(), userId, now);
  return encode({ token: { sub: userId, sid: sessionId }, secret: getAuthSecret() });
}

export { SYSTEM_ACTOR };
