import { recordAudit } from "@/lib/audit/record";
import { authorize } from "@/lib/authorize";
import type { Db } from "@/lib/db";
import { AppError, invalidFromZod, isUniqueViolation } from "@/lib/errors";
import type { MaybeActor } from "@/lib/permissions";
import { foldText, slugify } from "@/lib/text/fold";
import { indexPerson } from "@/lib/search/documents";
import { nameKey } from "./names";
import { CreatePersonSchema, type CreatePersonInput } from "./schemas";

/** Creates a person with their spellings; the name itself is always the primary alias. */
export async function createPerson(db: Db, actor: MaybeActor, input: CreatePersonInput) {
  authorize(actor, "create:person");
  const parsed = CreatePersonSchema.safeParse(input);
  if (!parsed.success) throw invalidFromZod(parsed.error);
  const data = parsed.data;
  const slug = data.slug ?? slugify(data.name);

  const aliases = new Map<string, { name: string; isPrimary: boolean }>();
  for (const [index, name] of [data.name, ...data.aliases].entries()) {
    const normalized = foldText(name);
    if (!normalized) throw new AppError("INVALID", `aliases: "${name}" has no letters or digits`, { field: "aliases" });
    if (!aliases.has(normalized)) aliases.set(normalized, { name, isPrimary: index === 0 });
  }

  const conflict = () => new AppError("CONFLICT", `slug: a person with the slug "${slug}" already exists`, { field: "slug" });
  if (await db.person.findUnique({ where: { slug }, select: { id: true } })) throw conflict();
  try {
    return await db.$transaction(async (tx) => {
      const person = await tx.person.create({
        data: {
          slug,
          name: data.name,
          description: data.description ?? null,
          birthDate: data.birthDate ?? null,
          deathDate: data.deathDate ?? null,
          aliases: {
            create: [...aliases].map(([normalized, alias]) => ({ normalized, key: nameKey(alias.name), name: alias.name, isPrimary: alias.isPrimary })),
          },
        },
        select: { id: true, slug: true, name: true },
      });
      await indexPerson(tx, person.id);
      await recordAudit(tx, actor, {
        action: "person.create",
        entityType: "Person",
        entityId: person.id,
        data: { name: data.name, aliases: [...aliases.values()].map((alias) => alias.name) },
      });
      return person;
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw conflict();
    throw error;
  }
}
