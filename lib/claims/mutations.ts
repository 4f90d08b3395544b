import "server-only";
import { recordAudit } from "@/lib/audit/record";
import { authorize } from "@/lib/authorize";
import type { Db, Tx } from "@/lib/db";
import { AppError, parseInput } from "@/lib/errors";
import { recordAppliedRevision } from "@/lib/moderation/mutations";
import type { MaybeActor } from "@/lib/permissions";
import { checkWriteLimit, recordWrite } from "@/lib/rate-limits";
import { indexClaim } from "@/lib/search/documents";
import { foldText, slugify } from "@/lib/text/fold";
import { newClaimPolicy } from "./policy";
import { looksLikeClaimId } from "./refs";
import { CreateClaimSchema } from "./schemas";

async function uniqueClaimSlug(tx: Tx, statement: string): Promise<string> {
  const slug = slugify(statement, 72);
  // A slug shaped like an id would be read as one (lib/claims/refs.ts).
  const base = looksLikeClaimId(slug) ? `${slug}-claim` : slug;
  const taken = new Set(
    (await tx.claim.findMany({ where: { slug: { startsWith: base } }, select: { slug: true } })).map(
      (claim) => claim.slug,
    ),
  );
  if (!taken.has(base)) return base;
  for (let suffix = 2; ; suffix++) {
    const candidate = `${base}-${suffix}`;
    if (!taken.has(candidate)) return candidate;
  }
}

/**
 * Creates a claim with its people. A contributor's claim starts pending review; only
 * a moderator may choose another status.
 */
export async function createClaim(
  db: Db,
  actor: MaybeActor,
  input: unknown,
  // The sample loader (the system) records claims in the name of their demo authors.
  options: { authorId?: string } = {},
) {
  authorize(actor, "create:claim");
  const data = parseInput(CreateClaimSchema, input);
  // Who starts in which status: lib/claims/policy.ts.
  const policy = newClaimPolicy(actor);
  if (data.status !== undefined && data.status !== "pending_review" && !policy.chooseStatus) {
    throw new AppError("FORBIDDEN", "status: only moderators may set a claim's status", { field: "status" });
  }
  const status = data.status ?? policy.initialStatus;

  const personIds = [...new Set(data.people.map((person) => person.personId))];
  if (personIds.length !== data.people.length) {
    throw new AppError("INVALID", "people: a person is listed twice", { field: "people" });
  }
  const found = await db.person.findMany({ where: { id: { in: personIds } }, select: { id: true, name: true } });
  const names = new Map(found.map((person) => [person.id, person.name]));
  if (found.length !== personIds.length) {
    const known = new Set(found.map((person) => person.id));
    const missing = personIds.find((id) => !known.has(id));
    throw new AppError("INVALID", `people: no person with id "${missing}"`, { field: "people" });
  }

  return db.$transaction(async (tx) => {
    await checkWriteLimit(tx, actor, "claim");
    await recordWrite(tx, actor, "claim");
    const claim = await tx.claim.create({
      data: {
        slug: await uniqueClaimSlug(tx, data.statement),
        statement: data.statement,
        statementNormalized: foldText(data.statement),
        status,
        authorId: actor.kind === "system" ? (options.authorId ?? null) : actor.id,
        people: { create: data.people.map((person) => ({ personId: person.personId, role: person.role })) },
      },
      select: { id: true, slug: true, statement: true, status: true },
    });
    await indexClaim(tx, claim);
    await recordAppliedRevision(tx, actor, {
      claimId: claim.id,
      action: "claim.create",
      before: null,
      after: {
        statement: data.statement,
        status,
        people: data.people.map((person) => ({
          personId: person.personId,
          name: names.get(person.personId),
          role: person.role,
        })),
      },
      baseVersion: null,
    });
    await recordAudit(tx, actor, {
      action: "claim.create",
      entityType: "Claim",
      entityId: claim.id,
      data: { statement: data.statement, status, people: data.people },
    });
    return claim;
  });
}
