import "server-only";
import type { z } from "zod";
import { recordAudit } from "@/lib/audit/record";
import { authorize } from "@/lib/authorize";
import type { Db, Tx } from "@/lib/db";
import { AppError, isUniqueViolation, parseInput } from "@/lib/errors";
import type { MaybeActor } from "@/lib/permissions";
import { indexPerson } from "@/lib/search/documents";
import { foldText, slugify } from "@/lib/text/fold";
import { refreshMentionsOfPeople } from "./mentions";
import { nameKey } from "./names";
import { CreatePersonSchema } from "./schemas";

type PersonData = z.output<typeof CreatePersonSchema>;

/** Checks and folds a person's spellings; the name itself is always the primary alias. */
function aliasRows(data: PersonData) {
  const aliases = new Map<string, { name: string; isPrimary: boolean }>();
  for (const [index, name] of [data.name, ...data.aliases].entries()) {
    const normalized = foldText(name);
    if (!normalized) throw new AppError("INVALID", `aliases: "${name}" has no letters or digits`, { field: "aliases" });
    if (!aliases.has(normalized)) aliases.set(normalized, { name, isPrimary: index === 0 });
  }
  return [...aliases].map(([normalized, alias]) => ({
    normalized,
    key: nameKey(alias.name),
    name: alias.name,
    isPrimary: alias.isPrimary,
  }));
}

/** Inserts a person in the caller's transaction, indexed and audited. */
export async function insertPerson(tx: Tx, actor: MaybeActor, data: PersonData, slug: string) {
  const aliases = aliasRows(data);
  const person = await tx.person.create({
    data: {
      slug,
      name: data.name,
      description: data.description ?? null,
      birthDate: data.birthDate ?? null,
      deathDate: data.deathDate ?? null,
      aliases: { create: aliases },
    },
    select: { id: true, slug: true, name: true },
  });
  await indexPerson(tx, person.id);
  await recordAudit(tx, actor, {
    action: "person.create",
    entityType: "Person",
    entityId: person.id,
    data: { name: data.name, aliases: aliases.map((alias) => alias.name) },
  });
  return person;
}

/** A new person's data, parsed and with every spelling checked (see aliasRows). */
export function parsePersonInput(input: unknown): PersonData {
  const data = parseInput(CreatePersonSchema, input);
  aliasRows(data);
  return data;
}

/** A slug for a new person that no one has yet ("nikolai-yezhov", then "nikolai-yezhov-2"). */
export async function freeSlug(db: Db | Tx, name: string): Promise<string> {
  const base = slugify(name);
  for (let attempt = 1; attempt < 100; attempt++) {
    const slug = attempt === 1 ? base : `${base}-${attempt}`;
    if (!(await db.person.findUnique({ where: { slug }, select: { id: true } }))) return slug;
  }
  throw new AppError("CONFLICT", `name: too many people are called "${name}"`, { field: "name" });
}

/** Creates a person with their spellings; the name itself is always the primary alias. */
export async function createPerson(db: Db, actor: MaybeActor, input: unknown) {
  authorize(actor, "create:person");
  const data = parsePersonInput(input);
  const slug = data.slug ?? slugify(data.name);
  const conflict = () =>
    new AppError("CONFLICT", `slug: a person with the slug "${slug}" already exists`, { field: "slug" });
  if (await db.person.findUnique({ where: { slug }, select: { id: true } })) throw conflict();
  let created: { id: string; slug: string; name: string };
  try {
    created = await db.$transaction((tx) => insertPerson(tx, actor, data, slug));
  } catch (error) {
    if (isUniqueViolation(error)) throw conflict();
    throw error;
  }
  // Derived data, so after the commit: the sources that name the new person learn it.
  await refreshMentionsOfPeople(db, [created.id]);
  return created;
}
