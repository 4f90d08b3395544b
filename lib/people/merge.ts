import "server-only";
import { recordAudit } from "@/lib/audit/record";
import { authorize } from "@/lib/authorize";
import { mergePersonLink } from "@/lib/claims/person-links";
import type { Db, Tx } from "@/lib/db";
import { AppError, parseInput } from "@/lib/errors";
import type { MaybeActor } from "@/lib/permissions";
import { indexPerson } from "@/lib/search/documents";
import { foldText } from "@/lib/text/fold";
import { refreshMentionsOfPeople } from "./mentions";
import { freeSlug } from "./mutations";
import { nameKey } from "./names";
import { MergePeopleSchema, SplitAliasSchema } from "./schemas";

// A stronger status survives when both people had the same spelling in the same source.
const MENTION_STATUS_RANK: Record<string, number> = { confirmed: 4, attached: 3, ambiguous: 2, rejected: 1 };

async function personBySlug(tx: Tx, slug: string, field: string) {
  const person = await tx.person.findUnique({
    where: { slug },
    include: { aliases: true, claims: true, mentions: true },
  });
  if (!person) throw new AppError("NOT_FOUND", `${field}: no person "${slug}"`, { field });
  return person;
}

/**
 * Merges a duplicate person into another (moderators): spellings, claim links and mentions
 * move over, missing facts (dates, description) are filled in, and the history keeps a full
 * record of the removed person so a wrong merge can be split off again.
 */
export async function mergePeople(db: Db, actor: MaybeActor, input: unknown): Promise<{ slug: string; name: string }> {
  authorize(actor, "merge:person");
  const { into: intoSlug, from: fromSlug } = parseInput(MergePeopleSchema, input);
  if (intoSlug === fromSlug)
    throw new AppError("INVALID", "from: a person cannot be merged into themselves", { field: "from" });

  const kept = await db.$transaction(async (tx) => {
    const into = await personBySlug(tx, intoSlug, "into");
    const from = await personBySlug(tx, fromSlug, "from");

    const known = new Set(into.aliases.map((alias) => alias.normalized));
    for (const alias of from.aliases) {
      if (known.has(alias.normalized)) await tx.personAlias.delete({ where: { id: alias.id } });
      else await tx.personAlias.update({ where: { id: alias.id }, data: { personId: into.id, isPrimary: false } });
    }

    const intoRoles = new Map(into.claims.map((link) => [link.claimId, link.role]));
    for (const link of from.claims) {
      await mergePersonLink(
        tx,
        { claimId: link.claimId, personId: into.id, role: link.role },
        intoRoles.get(link.claimId),
      );
    }
    await tx.claimPerson.deleteMany({ where: { personId: from.id } });

    const intoMentions = new Map(
      into.mentions.map((mention) => [`${mention.sourceId}\u0000${mention.surface}`, mention]),
    );
    for (const mention of from.mentions) {
      const existing = intoMentions.get(`${mention.sourceId}\u0000${mention.surface}`);
      if (!existing) {
        await tx.personMention.update({ where: { id: mention.id }, data: { personId: into.id } });
        continue;
      }
      const status =
        (MENTION_STATUS_RANK[mention.status] ?? 0) > (MENTION_STATUS_RANK[existing.status] ?? 0)
          ? mention.status
          : existing.status;
      // The same words were counted once for each candidate when the surname was ambiguous.
      const count =
        existing.status === "ambiguous" && mention.status === "ambiguous"
          ? existing.count
          : existing.count + mention.count;
      await tx.personMention.update({ where: { id: existing.id }, data: { status, count } });
      await tx.personMention.delete({ where: { id: mention.id } });
    }

    await tx.person.update({
      where: { id: into.id },
      data: {
        description: into.description ?? from.description,
        birthDate: into.birthDate ?? from.birthDate,
        deathDate: into.deathDate ?? from.deathDate,
      },
    });
    await tx.person.delete({ where: { id: from.id } });
    await indexPerson(tx, into.id);
    await indexPerson(tx, from.id);
    await recordAudit(tx, actor, {
      action: "person.merge",
      entityType: "Person",
      entityId: into.id,
      data: {
        merged: {
          id: from.id,
          slug: from.slug,
          name: from.name,
          description: from.description,
          birthDate: from.birthDate,
          deathDate: from.deathDate,
          aliases: from.aliases.map((alias) => alias.name),
          claims: from.claims.map((link) => ({ claimId: link.claimId, role: link.role })),
          mentions: from.mentions.map((mention) => ({
            sourceId: mention.sourceId,
            surface: mention.surface,
            count: mention.count,
            status: mention.status,
          })),
        },
      },
    });
    return into;
  });
  // A surname the two shared was ambiguous; as one person it is not.
  await refreshMentionsOfPeople(db, [kept.id]);
  return { slug: kept.slug, name: kept.name };
}

/**
 * Splits a wrongly merged spelling off into a person of its own (moderators). The spelling's
 * mentions go with it; claim links stay, since a claim names the person and not a spelling,
 * and are listed in the history for the moderator to review.
 */
export async function splitAlias(db: Db, actor: MaybeActor, input: unknown): Promise<{ slug: string; name: string }> {
  authorize(actor, "merge:person");
  const { person: personSlug, alias: spelling } = parseInput(SplitAliasSchema, input);
  const created = await db.$transaction(async (tx) => {
    const person = await personBySlug(tx, personSlug, "person");
    const folded = foldText(spelling);
    const alias = person.aliases.find((candidate) => candidate.normalized === folded);
    if (!alias)
      throw new AppError("NOT_FOUND", `alias: "${spelling}" is not a spelling of ${person.name}`, {
        field: "alias",
      });
    if (alias.isPrimary || person.aliases.length < 2) {
      throw new AppError(
        "INVALID",
        `alias: "${alias.name}" is ${person.name}'s own name; split off the other spellings instead`,
        { field: "alias" },
      );
    }
    const newPerson = await tx.person.create({
      data: { slug: await freeSlug(tx, alias.name), name: alias.name },
      select: { id: true, slug: true, name: true },
    });
    await tx.personAlias.update({ where: { id: alias.id }, data: { personId: newPerson.id, isPrimary: true } });
    const key = alias.key || nameKey(alias.name);
    const moved = person.mentions.filter((mention) => nameKey(mention.surface) === key);
    if (moved.length > 0) {
      await tx.personMention.updateMany({
        where: { id: { in: moved.map((mention) => mention.id) } },
        data: { personId: newPerson.id },
      });
    }
    await indexPerson(tx, person.id);
    await indexPerson(tx, newPerson.id);
    const data = {
      alias: alias.name,
      from: { id: person.id, slug: person.slug, name: person.name },
      to: newPerson,
      mentionsMoved: moved.map((mention) => ({
        sourceId: mention.sourceId,
        surface: mention.surface,
        count: mention.count,
      })),
      claimsLeft: person.claims.map((link) => link.claimId),
    };
    await recordAudit(tx, actor, { action: "person.split", entityType: "Person", entityId: person.id, data });
    await recordAudit(tx, actor, { action: "person.split", entityType: "Person", entityId: newPerson.id, data });
    return newPerson;
  });
  await refreshMentionsOfPeople(db, [created.id]);
  return { slug: created.slug, name: created.name };
}
