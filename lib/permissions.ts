// One table of who may do what, used by lib/ to allow or refuse and by the UI to decide what to show.
// Permissions read "action:entity" or "action:entity:own|any".

export const ROLES = ["viewer", "contributor", "moderator", "admin"] as const;
export type RoleName = (typeof ROLES)[number];

const VIEWER = ["read:claim:published", "read:source", "read:person", "update:account:own"] as const;
const CONTRIBUTOR = [
  ...VIEWER,
  "read:claim:own",
  "create:claim",
  // A contributor edits their own claim directly while it is unpublished, and proposes otherwise.
  "update:claim:own",
  "propose:revision",
  "create:evidence",
  "create:passage",
  "import:source",
  "cast:vote",
  "create:comment",
  "read:revision:own",
  // The Admiralty code: a source's reliability (A–F) and a piece of evidence's credibility (1–6).
  "rate:source",
  "rate:evidence",
  // Lines of evidence: grouping a claim's evidence by the origin it derives from (a witness's account,
  // a document), and naming and describing the origins one made.
  "group:evidence",
  // Questions that competing claims answer: asking one (a moderator's is published at once), and
  // marking the cells of its matrix (how a piece of evidence bears on each competing claim).
  "create:question",
  "mark:matrix",
] as const;
const MODERATOR = [
  ...CONTRIBUTOR,
  "read:claim:any",
  "read:revision:any",
  "publish:claim",
  "update:claim:any",
  "approve:revision:any",
  "revert:claim:any",
  "lock:claim:any",
  "create:person",
  "update:person",
  "merge:person",
  "merge:claim",
  "hide:comment:any",
  // A citation re-anchored to a new version of its source with changed words moves only once confirmed.
  "confirm:reanchor",
  // Renaming or re-describing an origin someone else named (it is shared by every claim citing it).
  "update:origin:any",
] as const;
const ADMIN = [
  ...MODERATOR,
  "manage:users",
  "manage:invitations",
  "manage:settings",
  "read:audit",
  // A copy of everything, members' e-mail addresses and the audit log included (GET /api/admin/export).
  "export:workspace",
] as const;

export type Permission = (typeof ADMIN)[number];

export const PERMISSIONS_BY_ROLE: Record<RoleName, ReadonlySet<Permission>> = {
  viewer: new Set(VIEWER),
  contributor: new Set(CONTRIBUTOR),
  moderator: new Set(MODERATOR),
  admin: new Set(ADMIN),
};

/** Someone acting: a signed-in user, or the system itself (sample loader, CLI import). */
export type Actor = { kind: "user"; id: string; role: RoleName } | { kind: "system"; id: null };
/** null is an anonymous visitor. */
export type MaybeActor = Actor | null;

export const SYSTEM_ACTOR: Actor = { kind: "system", id: null };

export function can(actor: MaybeActor, permission: Permission): boolean {
  if (actor === null) return false;
  if (actor.kind === "system") return true;
  return PERMISSIONS_BY_ROLE[actor.role].has(permission);
}

export function actorId(actor: MaybeActor): string | null {
  return actor?.id ?? null;
}
