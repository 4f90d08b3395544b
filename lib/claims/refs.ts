// How a claim is named in a URL or request: by its id or by its slug, never ambiguously.

/** The shape of the ids Prisma's cuid() makes: "c" and 24 lowercase letters or digits. */
const ID_SHAPE = /^c[a-z0-9]{24}$/;

/** Whether a value has the shape of a claim id (slugs are never made in that shape). */
export function looksLikeClaimId(value: string): boolean {
  return ID_SHAPE.test(value);
}

/**
 * The condition finding the one claim a reference names: an id-shaped reference is an id, any
 * other a slug. A lookup by "id or slug" could match two claims when a slug equals another
 * claim's id; this one cannot.
 */
export function claimRefWhere(ref: string): { id: string } | { slug: string } {
  return looksLikeClaimId(ref) ? { id: ref } : { slug: ref };
}
