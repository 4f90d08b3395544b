import "server-only";
import { z } from "zod";
import { CLAIM_PERSON_ROLES, CLAIM_STATUSES } from "@/lib/claims/schemas";
import type { Tx } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { STANCES } from "@/lib/evidence/schemas";
import type { ClaimChanges } from "./schemas";

// The editable state of a claim. Revisions store the fields they change (before/after) and,
// once applied, the whole document, which is what a revert restores.
export const ClaimDocumentSchema = z.object({
  statement: z.string(),
  status: z.enum(CLAIM_STATUSES),
  people: z.array(z.object({ personId: z.string(), name: z.string().optional(), role: z.enum(CLAIM_PERSON_ROLES) })),
  evidence: z.array(
    z.object({
      id: z.string(),
      passageId: z.string(),
      quote: z.string().optional(),
      stance: z.enum(STANCES),
      note: z.string().nullable(),
      pinpoint: z.string().nullable(),
      removed: z.boolean(),
      // The origin the evidence derives from (lib/evidence/lines.ts), and its name when recorded,
      // for reading. Absent from documents recorded before origins existed: a revert to one of
      // those leaves the grouping as it is.
      originId: z.string().nullable().optional(),
      origin: z.string().nullable().optional(),
    }),
  ),
});
export type ClaimDocument = z.infer<typeof ClaimDocumentSchema>;

// What a revision records: only the parts that change, in document form.
export const ClaimPatchSchema = z.object({
  statement: z.string().optional(),
  status: z.enum(CLAIM_STATUSES).optional(),
  people: ClaimDocumentSchema.shape.people.optional(),
  evidence: z
    .array(
      z.object({
        id: z.string(),
        quote: z.string().optional(),
        stance: z.enum(STANCES).optional(),
        note: z.string().nullable().optional(),
        pinpoint: z.string().nullable().optional(),
        removed: z.boolean().optional(),
        originId: z.string().nullable().optional(),
        origin: z.string().nullable().optional(),
      }),
    )
    .optional(),
});
export type ClaimPatch = z.infer<typeof ClaimPatchSchema>;

export async function loadClaimDocument(
  tx: Tx,
  claimId: string,
): Promise<
  ClaimDocument & { version: number; lockedAt: Date | null; authorId: string | null; mergedIntoId: string | null }
> {
  const claim = await tx.claim.findUnique({
    where: { id: claimId },
    select: {
      statement: true,
      status: true,
      version: true,
      lockedAt: true,
      authorId: true,
      mergedIntoId: true,
      people: { select: { personId: true, role: true, person: { select: { name: true } } } },
      evidence: {
        select: {
          id: true,
          passageId: true,
          stance: true,
          note: true,
          pinpoint: true,
          removedAt: true,
          originId: true,
          origin: { select: { name: true } },
          passage: { select: { text: true } },
        },
      },
    },
  });
  if (!claim) throw new AppError("NOT_FOUND", `claimId: no claim with id "${claimId}"`, { field: "claimId" });
  return {
    statement: claim.statement,
    status: claim.status,
    version: claim.version,
    lockedAt: claim.lockedAt,
    authorId: claim.authorId,
    mergedIntoId: claim.mergedIntoId,
    people: claim.people
      .map((link) => ({ personId: link.personId, name: link.person.name, role: link.role }))
      .sort((a, b) => a.personId.localeCompare(b.personId)),
    evidence: claim.evidence
      .map((item) => ({
        id: item.id,
        passageId: item.passageId,
        quote: item.passage.text.length > 300 ? `${item.passage.text.slice(0, 300)}…` : item.passage.text,
        stance: item.stance,
        note: item.note,
        pinpoint: item.pinpoint,
        removed: item.removedAt !== null,
        originId: item.originId,
        origin: item.origin?.name ?? null,
      }))
      .sort((a, b) => a.id.localeCompare(b.id)),
  };
}

export function documentOnly(document: ClaimDocument): ClaimDocument {
  return {
    statement: document.statement,
    status: document.status,
    people: document.people,
    evidence: document.evidence,
  };
}

/**
 * What a change may do to a claim: what an edit or proposal may change (ClaimChanges), and for
 * reverts, evidence's origin too (with the origin's name, for the history). Grouping by origin is
 * its own action (lib/evidence/mutations.ts), never part of an edit or proposal.
 */
export type DocumentChanges = Omit<ClaimChanges, "evidence"> & {
  evidence?: (NonNullable<ClaimChanges["evidence"]>[number] & { originId?: string | null; origin?: string | null })[];
};

const samePeople = (a: ClaimDocument["people"], b: ClaimDocument["people"]) =>
  a.length === b.length &&
  a.every((person, index) => person.personId === b[index]!.personId && person.role === b[index]!.role);

/**
 * The patch that turns `current` into what `changes` ask for, with the matching "before"
 * values. Fields that would not change are left out; an empty patch means no change.
 */
export function buildPatch(
  current: ClaimDocument,
  changes: DocumentChanges,
  peopleNames: Map<string, string>,
): { before: ClaimPatch; after: ClaimPatch } {
  const before: ClaimPatch = {};
  const after: ClaimPatch = {};
  if (changes.statement !== undefined && changes.statement !== current.statement) {
    before.statement = current.statement;
    after.statement = changes.statement;
  }
  if (changes.status !== undefined && changes.status !== current.status) {
    before.status = current.status;
    after.status = changes.status;
  }
  if (changes.people !== undefined) {
    const ids = changes.people.map((person) => person.personId);
    if (new Set(ids).size !== ids.length)
      throw new AppError("INVALID", "people: a person is listed twice", { field: "people" });
    const proposed = changes.people
      .map((person) => ({ personId: person.personId, name: peopleNames.get(person.personId), role: person.role }))
      .sort((a, b) => a.personId.localeCompare(b.personId));
    if (!samePeople(proposed, current.people)) {
      before.people = current.people;
      after.people = proposed;
    }
  }
  if (changes.evidence !== undefined) {
    const beforeItems: NonNullable<ClaimPatch["evidence"]> = [];
    const afterItems: NonNullable<ClaimPatch["evidence"]> = [];
    const seen = new Set<string>();
    for (const change of changes.evidence) {
      if (seen.has(change.evidenceId))
        throw new AppError("INVALID", "evidence: an evidence item is listed twice", { field: "evidence" });
      seen.add(change.evidenceId);
      const existing = current.evidence.find((item) => item.id === change.evidenceId);
      if (!existing) {
        throw new AppError("INVALID", `evidence: "${change.evidenceId}" is not evidence of this claim`, {
          field: "evidence",
        });
      }
      const was: NonNullable<ClaimPatch["evidence"]>[number] = { id: existing.id, quote: existing.quote };
      const will: NonNullable<ClaimPatch["evidence"]>[number] = { id: existing.id, quote: existing.quote };
      let changed = false;
      for (const key of ["stance", "note", "pinpoint", "removed"] as const) {
        const value = change[key];
        if (value === undefined || value === existing[key]) continue;
        (was as Record<string, unknown>)[key] = existing[key];
        (will as Record<string, unknown>)[key] = value;
        changed = true;
      }
      if (change.originId !== undefined && change.originId !== (existing.originId ?? null)) {
        was.originId = existing.originId ?? null;
        was.origin = existing.origin ?? null;
        will.originId = change.originId;
        will.origin = change.origin ?? null;
        changed = true;
      }
      if (changed) {
        beforeItems.push(was);
        afterItems.push(will);
      }
    }
    if (afterItems.length > 0) {
      before.evidence = beforeItems;
      after.evidence = afterItems;
    }
  }
  return { before, after };
}

export function isEmptyPatch(patch: ClaimPatch): boolean {
  return Object.keys(patch).length === 0;
}

/** Whether every value a proposal expected to replace is still the current one. */
export function patchStillApplies(current: ClaimDocument, before: ClaimPatch): boolean {
  if (before.statement !== undefined && before.statement !== current.statement) return false;
  if (before.status !== undefined && before.status !== current.status) return false;
  if (before.people !== undefined && !samePeople(before.people, current.people)) return false;
  for (const item of before.evidence ?? []) {
    const existing = current.evidence.find((evidence) => evidence.id === item.id);
    if (!existing) return false;
    for (const key of ["stance", "note", "pinpoint", "removed"] as const) {
      if (item[key] !== undefined && item[key] !== existing[key]) return false;
    }
    if (item.originId !== undefined && item.originId !== (existing.originId ?? null)) return false;
  }
  return true;
}

/** The patch that turns `current` into `target` (for reverts). */
export function patchBetween(current: ClaimDocument, target: ClaimDocument): { before: ClaimPatch; after: ClaimPatch } {
  const names = new Map(target.people.map((person) => [person.personId, person.name ?? ""]));
  return buildPatch(
    current,
    {
      statement: target.statement,
      status: target.status,
      people: target.people.map((person) => ({ personId: person.personId, role: person.role })),
      evidence: [
        ...target.evidence
          .filter((item) => current.evidence.some((existing) => existing.id === item.id))
          .map((item) => ({
            evidenceId: item.id,
            stance: item.stance,
            note: item.note,
            pinpoint: item.pinpoint,
            removed: item.removed,
            // Only where the revision recorded it: older documents say nothing about origins.
            ...(item.originId !== undefined ? { originId: item.originId, origin: item.origin ?? null } : {}),
          })),
        // Evidence added after the target revision did not exist then: a revert removes it.
        ...current.evidence
          .filter((existing) => !target.evidence.some((item) => item.id === existing.id))
          .map((existing) => ({ evidenceId: existing.id, note: undefined, pinpoint: undefined, removed: true })),
      ],
    },
    names,
  );
}
