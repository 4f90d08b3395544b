import { randomUUID } from "node:crypto";
import { createPerson } from "@/lib/people/mutations";
import { type Actor, type RoleName, SYSTEM_ACTOR } from "@/lib/permissions";
import { indexClaim } from "@/lib/search/documents";
import { importSource } from "@/lib/sources/import";
import { foldText } from "@/lib/text/fold";
import { db } from "./helpers";

let counter = 0;
const next = () => `${++counter}-${randomUUID().slice(0, 8)}`;

export async function makeUser(role: RoleName, overrides: { name?: string } = {}) {
  const id = next();
  return db().user.create({
    data: { email: `${role}-${id}@test.example`, name: overrides.name ?? `${role} ${id}`, role },
    select: { id: true, email: true, name: true, role: true },
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
  const result = await importSource(db(), SYSTEM_ACTOR, text, {
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

export async function makeClaim(
  options: {
    statement?: string;
    status?: "draft" | "pending_review" | "published" | "archived";
    authorId?: string;
    personIds?: string[];
  } = {},
) {
  const statement = options.statement ?? `Claim ${next()}`;
  const claim = await db().claim.create({
    data: {
      slug: `claim-${next()}`,
      statement,
      statementNormalized: foldText(statement),
      status: options.status ?? "published",
      authorId: options.authorId ?? null,
      people: { create: (options.personIds ?? []).map((personId) => ({ personId, role: "subject" as const })) },
    },
  });
  // Indexed like every claim the app creates.
  await db().$transaction((tx) => indexClaim(tx, claim));
  return claim;
}

export { SYSTEM_ACTOR };
