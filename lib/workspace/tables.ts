import "server-only";
import type { Tx } from "@/lib/db";
import type {
  Account,
  AuditEvent,
  Claim,
  ClaimPerson,
  ClaimRelation,
  Comment,
  ConfidenceVote,
  ConfidenceVoteHistory,
  Evidence,
  EvidenceOrigin,
  EvidenceRating,
  EvidenceRatingHistory,
  EvidenceReanchor,
  Invitation,
  MatrixMark,
  Passage,
  Person,
  PersonAlias,
  PersonMention,
  PersonSuggestion,
  Prisma,
  Question,
  QuestionClaim,
  Revision,
  Setting,
  Source,
  SourceAuthor,
  SourceRating,
  SourceRatingHistory,
  User,
  VoteEvidence,
} from "@/lib/generated/sqlite/client";
import {
  ClaimPersonRole,
  ClaimRelationKind,
  ClaimRelationStatus,
  ClaimStatus,
  MatrixMarkKind,
  PassageKind,
  ReliabilityGrade,
  RevisionStatus,
  Role,
  SourceFormat,
  SourceKind,
  Stance,
} from "@/lib/generated/sqlite/enums";
import { SEARCH_KEY_VERSION_SETTING } from "@/lib/search/maintenance";
import { SETUP_SETTING_KEY } from "@/lib/users/setup";

// What a workspace export holds, table by table, and how each table is read and written.
// Every Prisma model appears in PLAN (a new model does not compile until someone decides
// whether it moves), and every moved table declares each of its columns with a kind that
// TypeScript checks against the generated model (a new or retyped column does not compile
// either). docs/decisions/0014-workspace-export.md.

export type TableName = Prisma.ModelName;
/** A row as read from the database or decoded from a file: column name to value. */
export type Row = Record<string, unknown>;

type ScalarKind = "string" | "int" | "float" | "boolean" | "date" | "bigint";
type KindOf<V> = V extends Date
  ? "date"
  : V extends boolean
    ? "boolean"
    : V extends bigint
      ? "bigint"
      : V extends number
        ? "int" | "float"
        : V extends string
          ? "string"
          : never;
/** A column of type V: "int", "date?" (nullable) … or, for an enum, its generated value object. */
type ColumnSpec<V> = [NonNullable<V>] extends [string]
  ? string extends NonNullable<V>
    ? null extends V
      ? "string?"
      : "string"
    : { enum: Readonly<Record<string, NonNullable<V>>>; nullable: null extends V ? true : false }
  : null extends V
    ? `${KindOf<NonNullable<V>>}?`
    : KindOf<V>;
type Columns<R> = { [K in keyof R]-?: ColumnSpec<R[K]> };
type ColumnName<R> = keyof R & string;

type TableDefinition<R> = {
  name: TableName;
  columns: Columns<R>;
  /** The primary key, in the order rows are read. */
  key: readonly ColumnName<R>[];
  /** Foreign keys: column → the table it points to. Parents are restored before children. */
  references: Partial<Record<ColumnName<R>, TableName>>;
  /** Columns exported only when asked for (password hashes). */
  secret?: readonly ColumnName<R>[];
  /** Columns never exported (credentials the app never reads). */
  dropped?: readonly ColumnName<R>[];
  /** Rows per page when reading (tables with large texts read fewer at a time). */
  pageSize?: number;
  /** The next page of rows after `after` in primary-key order, without the columns in `leaveOut`. */
  page: (db: Tx, after: R | undefined, take: number, leaveOut: ReadonlySet<string>) => Promise<R[]>;
  insert: (tx: Tx, rows: R[]) => Promise<unknown>;
  /** Sets the self-referencing columns after every row of the table exists (inserted as null first). */
  patch?: { columns: readonly ColumnName<R>[]; apply: (tx: Tx, row: R) => Promise<unknown> };
};

export type Column = { kind: ScalarKind | "enum"; nullable: boolean; values?: ReadonlySet<string> };

/** A table definition with its row type erased, for the code that handles every table alike. */
export type Table = {
  name: TableName;
  columns: ReadonlyMap<string, Column>;
  key: readonly string[];
  references: Readonly<Record<string, TableName>>;
  secret: readonly string[];
  dropped: readonly string[];
  pageSize: number;
  page: (db: Tx, after: Row | undefined, take: number, leaveOut: ReadonlySet<string>) => Promise<Row[]>;
  insert: (tx: Tx, rows: Row[]) => Promise<unknown>;
  patch?: { columns: readonly string[]; apply: (tx: Tx, row: Row) => Promise<unknown> };
};

function column(spec: string | { enum: Readonly<Record<string, string>>; nullable: boolean }): Column {
  if (typeof spec === "object")
    return { kind: "enum", nullable: spec.nullable, values: new Set(Object.values(spec.enum)) };
  const nullable = spec.endsWith("?");
  return { kind: (nullable ? spec.slice(0, -1) : spec) as ScalarKind, nullable };
}

function defineTable<R>(definition: TableDefinition<R>): Table {
  const columns = new Map(
    Object.entries(
      definition.columns as Record<string, string | { enum: Record<string, string>; nullable: boolean }>,
    ).map(([name, spec]) => [name, column(spec)]),
  );
  // The one place the row type is erased. Rows reach `insert`, `patch` and the `after` cursor
  // only after decodeRow checked every column against `columns`, which TypeScript ties to R.
  const typed = definition as unknown as TableDefinition<Row>;
  return {
    name: definition.name,
    columns,
    key: definition.key,
    references: definition.references as Record<string, TableName>,
    secret: definition.secret ?? [],
    dropped: definition.dropped ?? [],
    pageSize: definition.pageSize ?? 1000,
    page: typed.page,
    insert: typed.insert,
    ...(typed.patch ? { patch: typed.patch } : {}),
  };
}

const afterId = (after: { id: string } | undefined) => (after ? { id: { gt: after.id } } : {});
const ENUM = <V extends string>(values: Readonly<Record<string, V>>) => ({ enum: values, nullable: false as const });

const user = defineTable<User>({
  name: "User",
  columns: {
    id: "string",
    name: "string?",
    email: "string?",
    emailVerified: "date?",
    image: "string?",
    passwordHash: "string?",
    role: ENUM(Role),
    active: "boolean",
    credentialsChangedAt: "date?",
    createdAt: "date",
    updatedAt: "date",
  },
  key: ["id"],
  references: {},
  secret: ["passwordHash"],
  // The hash is not even read unless it is asked for.
  page: (db, after, take, leaveOut) =>
    db.user.findMany({
      where: afterId(after),
      orderBy: { id: "asc" },
      take,
      omit: { passwordHash: leaveOut.has("passwordHash") },
    }),
  insert: (tx, rows) => tx.user.createMany({ data: rows }),
});

const account = defineTable<Account>({
  name: "Account",
  columns: {
    id: "string",
    userId: "string",
    type: "string",
    provider: "string",
    providerAccountId: "string",
    refresh_token: "string?",
    access_token: "string?",
    expires_at: "int?",
    token_type: "string?",
    scope: "string?",
    id_token: "string?",
    session_state: "string?",
  },
  key: ["id"],
  references: { userId: "User" },
  // The link to a GitHub or OIDC identity moves; the provider's tokens do not: the app never
  // uses them, and they are credentials for the member's account at the provider.
  dropped: ["refresh_token", "access_token", "id_token"],
  page: (db, after, take, leaveOut) =>
    db.account.findMany({
      where: afterId(after),
      orderBy: { id: "asc" },
      take,
      omit: {
        refresh_token: leaveOut.has("refresh_token"),
        access_token: leaveOut.has("access_token"),
        id_token: leaveOut.has("id_token"),
      },
    }),
  insert: (tx, rows) => tx.account.createMany({ data: rows }),
});

const source = defineTable<Source>({
  name: "Source",
  columns: {
    id: "string",
    title: "string",
    publisher: "string?",
    url: "string?",
    publishedDate: "string?",
    accessedDate: "string?",
    kind: ENUM(SourceKind),
    language: "string",
    format: ENUM(SourceFormat),
    originalText: "string",
    text: "string",
    contentHash: "string",
    importedById: "string?",
    versionNumber: "int",
    firstVersionId: "string?",
    previousVersionId: "string?",
    supersededAt: "date?",
    createdAt: "date",
    updatedAt: "date",
  },
  key: ["id"],
  references: { importedById: "User", previousVersionId: "Source" },
  // A source holds up to 5 MB twice (original and cleaned): a few at a time.
  pageSize: 4,
  page: (db, after, take) => db.source.findMany({ where: afterId(after), orderBy: { id: "asc" }, take }),
  insert: (tx, rows) => tx.source.createMany({ data: rows }),
  // A later version points at the one it replaced, which may come later in id order.
  patch: {
    columns: ["previousVersionId"],
    apply: (tx, row) =>
      tx.source.update({
        where: { id: row.id },
        data: { previousVersionId: row.previousVersionId, updatedAt: row.updatedAt },
      }),
  },
});

const sourceAuthor = defineTable<SourceAuthor>({
  name: "SourceAuthor",
  columns: { id: "string", sourceId: "string", name: "string", position: "int" },
  key: ["id"],
  references: { sourceId: "Source" },
  page: (db, after, take) => db.sourceAuthor.findMany({ where: afterId(after), orderBy: { id: "asc" }, take }),
  insert: (tx, rows) => tx.sourceAuthor.createMany({ data: rows }),
});

const passage = defineTable<Passage>({
  name: "Passage",
  columns: {
    id: "string",
    sourceId: "string",
    kind: ENUM(PassageKind),
    ordinal: "int",
    start: "int",
    end: "int",
    text: "string",
    prefix: "string",
    suffix: "string",
    createdById: "string?",
    createdAt: "date",
  },
  key: ["id"],
  references: { sourceId: "Source", createdById: "User" },
  page: (db, after, take) => db.passage.findMany({ where: afterId(after), orderBy: { id: "asc" }, take }),
  insert: (tx, rows) => tx.passage.createMany({ data: rows }),
});

const person = defineTable<Person>({
  name: "Person",
  columns: {
    id: "string",
    slug: "string",
    name: "string",
    description: "string?",
    birthDate: "string?",
    deathDate: "string?",
    createdAt: "date",
    updatedAt: "date",
  },
  key: ["id"],
  references: {},
  page: (db, after, take) => db.person.findMany({ where: afterId(after), orderBy: { id: "asc" }, take }),
  insert: (tx, rows) => tx.person.createMany({ data: rows }),
});

const personAlias = defineTable<PersonAlias>({
  name: "PersonAlias",
  columns: {
    id: "string",
    personId: "string",
    name: "string",
    normalized: "string",
    key: "string",
    isPrimary: "boolean",
  },
  key: ["id"],
  references: { personId: "Person" },
  page: (db, after, take) => db.personAlias.findMany({ where: afterId(after), orderBy: { id: "asc" }, take }),
  insert: (tx, rows) => tx.personAlias.createMany({ data: rows }),
});

const personMention = defineTable<PersonMention>({
  name: "PersonMention",
  columns: {
    id: "string",
    sourceId: "string",
    personId: "string",
    surface: "string",
    count: "int",
    status: "string",
  },
  key: ["id"],
  references: { sourceId: "Source", personId: "Person" },
  page: (db, after, take) => db.personMention.findMany({ where: afterId(after), orderBy: { id: "asc" }, take }),
  insert: (tx, rows) => tx.personMention.createMany({ data: rows }),
});

const personSuggestion = defineTable<PersonSuggestion>({
  name: "PersonSuggestion",
  columns: {
    id: "string",
    sourceId: "string",
    name: "string",
    key: "string",
    birthDate: "string?",
    deathDate: "string?",
    description: "string?",
    sentences: "string",
    spellings: "string",
    occurrences: "int",
    status: "string",
    createdAt: "date",
  },
  key: ["id"],
  references: { sourceId: "Source" },
  page: (db, after, take) => db.personSuggestion.findMany({ where: afterId(after), orderBy: { id: "asc" }, take }),
  insert: (tx, rows) => tx.personSuggestion.createMany({ data: rows }),
});

const claim = defineTable<Claim>({
  name: "Claim",
  columns: {
    id: "string",
    slug: "string",
    statement: "string",
    statementNormalized: "string",
    status: ENUM(ClaimStatus),
    version: "int",
    lockedAt: "date?",
    lockedById: "string?",
    authorId: "string?",
    supportsCount: "int",
    contradictsCount: "int",
    contextCount: "int",
    evidenceCount: "int",
    supportsLines: "int",
    contradictsLines: "int",
    voteCount: "int",
    voteMedian: "float?",
    voteIqr: "float?",
    contested: "boolean",
    votesAwaitingConfirmation: "int",
    wording: "int",
    mergedIntoId: "string?",
    createdAt: "date",
    updatedAt: "date",
  },
  key: ["id"],
  references: { lockedById: "User", authorId: "User", mergedIntoId: "Claim" },
  page: (db, after, take) => db.claim.findMany({ where: afterId(after), orderBy: { id: "asc" }, take }),
  insert: (tx, rows) => tx.claim.createMany({ data: rows }),
  // A merged duplicate points at the claim that absorbed it, which may come later in id order.
  // updatedAt is given so Prisma's @updatedAt does not stamp the time of the restore.
  patch: {
    columns: ["mergedIntoId"],
    apply: (tx, row) =>
      tx.claim.update({ where: { id: row.id }, data: { mergedIntoId: row.mergedIntoId, updatedAt: row.updatedAt } }),
  },
});

const claimPerson = defineTable<ClaimPerson>({
  name: "ClaimPerson",
  columns: { claimId: "string", personId: "string", role: ENUM(ClaimPersonRole) },
  key: ["claimId", "personId"],
  references: { claimId: "Claim", personId: "Person" },
  page: (db, after, take) =>
    db.claimPerson.findMany({
      where: after
        ? { OR: [{ claimId: { gt: after.claimId } }, { claimId: after.claimId, personId: { gt: after.personId } }] }
        : {},
      orderBy: [{ claimId: "asc" }, { personId: "asc" }],
      take,
    }),
  insert: (tx, rows) => tx.claimPerson.createMany({ data: rows }),
});

const evidenceOrigin = defineTable<EvidenceOrigin>({
  name: "EvidenceOrigin",
  columns: {
    id: "string",
    name: "string",
    nameNormalized: "string",
    note: "string?",
    createdById: "string?",
    createdAt: "date",
    updatedAt: "date",
  },
  key: ["id"],
  references: { createdById: "User" },
  page: (db, after, take) => db.evidenceOrigin.findMany({ where: afterId(after), orderBy: { id: "asc" }, take }),
  insert: (tx, rows) => tx.evidenceOrigin.createMany({ data: rows }),
});

const evidence = defineTable<Evidence>({
  name: "Evidence",
  columns: {
    id: "string",
    claimId: "string",
    passageId: "string",
    stance: ENUM(Stance),
    note: "string?",
    pinpoint: "string?",
    addedById: "string?",
    removedAt: "date?",
    originId: "string?",
    createdAt: "date",
    updatedAt: "date",
  },
  key: ["id"],
  references: { claimId: "Claim", passageId: "Passage", addedById: "User", originId: "EvidenceOrigin" },
  page: (db, after, take) => db.evidence.findMany({ where: afterId(after), orderBy: { id: "asc" }, take }),
  insert: (tx, rows) => tx.evidence.createMany({ data: rows }),
});

const evidenceReanchor = defineTable<EvidenceReanchor>({
  name: "EvidenceReanchor",
  columns: {
    id: "string",
    evidenceId: "string",
    fromPassageId: "string",
    toSourceId: "string",
    outcome: "string",
    method: "string?",
    start: "int?",
    end: "int?",
    quote: "string?",
    score: "float?",
    reason: "string?",
    status: "string",
    decidedById: "string?",
    decidedAt: "date?",
    createdAt: "date",
  },
  key: ["id"],
  references: { evidenceId: "Evidence", toSourceId: "Source", decidedById: "User" },
  page: (db, after, take) => db.evidenceReanchor.findMany({ where: afterId(after), orderBy: { id: "asc" }, take }),
  insert: (tx, rows) => tx.evidenceReanchor.createMany({ data: rows }),
});

const confidenceVote = defineTable<ConfidenceVote>({
  name: "ConfidenceVote",
  columns: {
    id: "string",
    claimId: "string",
    userId: "string",
    value: "int",
    rationale: "string?",
    wording: "int",
    onEarlierWording: "boolean",
    createdAt: "date",
    updatedAt: "date",
  },
  key: ["id"],
  references: { claimId: "Claim", userId: "User" },
  page: (db, after, take) => db.confidenceVote.findMany({ where: afterId(after), orderBy: { id: "asc" }, take }),
  insert: (tx, rows) => tx.confidenceVote.createMany({ data: rows }),
});

const voteEvidence = defineTable<VoteEvidence>({
  name: "VoteEvidence",
  columns: { voteId: "string", evidenceId: "string" },
  key: ["voteId", "evidenceId"],
  references: { voteId: "ConfidenceVote", evidenceId: "Evidence" },
  page: (db, after, take) =>
    db.voteEvidence.findMany({
      where: after
        ? { OR: [{ voteId: { gt: after.voteId } }, { voteId: after.voteId, evidenceId: { gt: after.evidenceId } }] }
        : {},
      orderBy: [{ voteId: "asc" }, { evidenceId: "asc" }],
      take,
    }),
  insert: (tx, rows) => tx.voteEvidence.createMany({ data: rows }),
});

const confidenceVoteHistory = defineTable<ConfidenceVoteHistory>({
  name: "ConfidenceVoteHistory",
  columns: {
    id: "string",
    claimId: "string",
    userId: "string",
    value: "int",
    rationale: "string?",
    wording: "int",
    castAt: "date",
  },
  key: ["id"],
  references: { claimId: "Claim", userId: "User" },
  page: (db, after, take) => db.confidenceVoteHistory.findMany({ where: afterId(after), orderBy: { id: "asc" }, take }),
  insert: (tx, rows) => tx.confidenceVoteHistory.createMany({ data: rows }),
});

const sourceRating = defineTable<SourceRating>({
  name: "SourceRating",
  columns: {
    id: "string",
    sourceId: "string",
    userId: "string",
    grade: ENUM(ReliabilityGrade),
    reason: "string",
    createdAt: "date",
    updatedAt: "date",
  },
  key: ["id"],
  references: { sourceId: "Source", userId: "User" },
  page: (db, after, take) => db.sourceRating.findMany({ where: afterId(after), orderBy: { id: "asc" }, take }),
  insert: (tx, rows) => tx.sourceRating.createMany({ data: rows }),
});

const sourceRatingHistory = defineTable<SourceRatingHistory>({
  name: "SourceRatingHistory",
  columns: {
    id: "string",
    sourceId: "string",
    userId: "string",
    // null: the rating was withdrawn.
    grade: { enum: ReliabilityGrade, nullable: true },
    reason: "string?",
    ratedAt: "date",
  },
  key: ["id"],
  references: { sourceId: "Source", userId: "User" },
  page: (db, after, take) => db.sourceRatingHistory.findMany({ where: afterId(after), orderBy: { id: "asc" }, take }),
  insert: (tx, rows) => tx.sourceRatingHistory.createMany({ data: rows }),
});

const evidenceRating = defineTable<EvidenceRating>({
  name: "EvidenceRating",
  columns: {
    id: "string",
    evidenceId: "string",
    userId: "string",
    grade: "int",
    reason: "string",
    createdAt: "date",
    updatedAt: "date",
  },
  key: ["id"],
  references: { evidenceId: "Evidence", userId: "User" },
  page: (db, after, take) => db.evidenceRating.findMany({ where: afterId(after), orderBy: { id: "asc" }, take }),
  insert: (tx, rows) => tx.evidenceRating.createMany({ data: rows }),
});

const evidenceRatingHistory = defineTable<EvidenceRatingHistory>({
  name: "EvidenceRatingHistory",
  columns: {
    id: "string",
    evidenceId: "string",
    userId: "string",
    // null: the rating was withdrawn.
    grade: "int?",
    reason: "string?",
    ratedAt: "date",
  },
  key: ["id"],
  references: { evidenceId: "Evidence", userId: "User" },
  page: (db, after, take) => db.evidenceRatingHistory.findMany({ where: afterId(after), orderBy: { id: "asc" }, take }),
  insert: (tx, rows) => tx.evidenceRatingHistory.createMany({ data: rows }),
});

const revision = defineTable<Revision>({
  name: "Revision",
  columns: {
    id: "string",
    entityType: "string",
    entityId: "string",
    claimId: "string?",
    action: "string",
    before: "string?",
    after: "string",
    snapshot: "string?",
    baseVersion: "int?",
    votesOnRewording: "string?",
    status: ENUM(RevisionStatus),
    reason: "string?",
    reviewNote: "string?",
    proposerId: "string?",
    reviewerId: "string?",
    createdAt: "date",
    reviewedAt: "date?",
  },
  key: ["id"],
  references: { claimId: "Claim", proposerId: "User", reviewerId: "User" },
  // Each revision may hold a whole claim document; a few hundred at a time.
  pageSize: 250,
  page: (db, after, take) => db.revision.findMany({ where: afterId(after), orderBy: { id: "asc" }, take }),
  insert: (tx, rows) => tx.revision.createMany({ data: rows }),
});

const comment = defineTable<Comment>({
  name: "Comment",
  columns: {
    id: "string",
    claimId: "string",
    authorId: "string?",
    body: "string",
    hiddenAt: "date?",
    hiddenById: "string?",
    hideReason: "string?",
    createdAt: "date",
    updatedAt: "date",
  },
  key: ["id"],
  references: { claimId: "Claim", authorId: "User", hiddenById: "User" },
  page: (db, after, take) => db.comment.findMany({ where: afterId(after), orderBy: { id: "asc" }, take }),
  insert: (tx, rows) => tx.comment.createMany({ data: rows }),
});

const claimRelation = defineTable<ClaimRelation>({
  name: "ClaimRelation",
  columns: {
    id: "string",
    fromClaimId: "string",
    toClaimId: "string",
    kind: ENUM(ClaimRelationKind),
    status: ENUM(ClaimRelationStatus),
    note: "string?",
    proposedById: "string?",
    reviewedById: "string?",
    reviewNote: "string?",
    createdAt: "date",
    reviewedAt: "date?",
  },
  key: ["id"],
  references: { fromClaimId: "Claim", toClaimId: "Claim", proposedById: "User", reviewedById: "User" },
  page: (db, after, take) => db.claimRelation.findMany({ where: afterId(after), orderBy: { id: "asc" }, take }),
  insert: (tx, rows) => tx.claimRelation.createMany({ data: rows }),
});

const question = defineTable<Question>({
  name: "Question",
  columns: {
    id: "string",
    slug: "string",
    title: "string",
    description: "string?",
    status: ENUM(ClaimStatus),
    reviewNote: "string?",
    authorId: "string?",
    createdAt: "date",
    updatedAt: "date",
  },
  key: ["id"],
  references: { authorId: "User" },
  page: (db, after, take) => db.question.findMany({ where: afterId(after), orderBy: { id: "asc" }, take }),
  insert: (tx, rows) => tx.question.createMany({ data: rows }),
});

const questionClaim = defineTable<QuestionClaim>({
  name: "QuestionClaim",
  columns: {
    id: "string",
    questionId: "string",
    claimId: "string",
    status: ENUM(ClaimRelationStatus),
    note: "string?",
    proposedById: "string?",
    reviewedById: "string?",
    reviewNote: "string?",
    createdAt: "date",
    reviewedAt: "date?",
  },
  key: ["id"],
  references: { questionId: "Question", claimId: "Claim", proposedById: "User", reviewedById: "User" },
  page: (db, after, take) => db.questionClaim.findMany({ where: afterId(after), orderBy: { id: "asc" }, take }),
  insert: (tx, rows) => tx.questionClaim.createMany({ data: rows }),
});

const matrixMark = defineTable<MatrixMark>({
  name: "MatrixMark",
  columns: {
    id: "string",
    questionId: "string",
    claimId: "string",
    passageId: "string",
    userId: "string",
    mark: ENUM(MatrixMarkKind),
    createdAt: "date",
    updatedAt: "date",
  },
  key: ["id"],
  references: { questionId: "Question", claimId: "Claim", passageId: "Passage", userId: "User" },
  page: (db, after, take) => db.matrixMark.findMany({ where: afterId(after), orderBy: { id: "asc" }, take }),
  insert: (tx, rows) => tx.matrixMark.createMany({ data: rows }),
});

const auditEvent = defineTable<AuditEvent>({
  name: "AuditEvent",
  columns: {
    id: "string",
    actorId: "string?",
    action: "string",
    entityType: "string",
    entityId: "string",
    data: "string",
    createdAt: "date",
  },
  key: ["id"],
  references: { actorId: "User" },
  page: (db, after, take) => db.auditEvent.findMany({ where: afterId(after), orderBy: { id: "asc" }, take }),
  insert: (tx, rows) => tx.auditEvent.createMany({ data: rows }),
});

/**
 * Settings that belong to one installation rather than to the team's work: the one-time link that
 * makes the first admin (decision 0012) never moves, and a fresh installation may already hold it
 * and the search key version (written by its first start); restore replaces both.
 */
export const INSTALLATION_SETTINGS = [SETUP_SETTING_KEY, SEARCH_KEY_VERSION_SETTING] as const;
const NOT_EXPORTED_SETTINGS = [SETUP_SETTING_KEY];

const setting = defineTable<Setting>({
  name: "Setting",
  // updatedById names a user but is no foreign key.
  columns: { key: "string", value: "string", updatedById: "string?", updatedAt: "date" },
  key: ["key"],
  references: {},
  page: (db, after, take) =>
    db.setting.findMany({
      where: { key: { notIn: NOT_EXPORTED_SETTINGS, ...(after ? { gt: after.key } : {}) } },
      orderBy: { key: "asc" },
      take,
    }),
  insert: (tx, rows) => tx.setting.createMany({ data: rows }),
});

const invitation = defineTable<Invitation>({
  name: "Invitation",
  columns: {
    id: "string",
    tokenHash: "string",
    email: "string?",
    role: ENUM(Role),
    expiresAt: "date",
    createdById: "string?",
    usedAt: "date?",
    usedById: "string?",
    createdAt: "date",
  },
  key: ["id"],
  references: { createdById: "User", usedById: "User" },
  page: (db, after, take) => db.invitation.findMany({ where: afterId(after), orderBy: { id: "asc" }, take }),
  insert: (tx, rows) => tx.invitation.createMany({ data: rows }),
});

export type NotMoved = { why: "runtime" | "derived"; note: string };

/** Every model of the schema: moved with its definition, or not moved and why. */
export const PLAN: Record<TableName, Table | NotMoved> = {
  User: user,
  Account: account,
  Session: { why: "runtime", note: "sign-in sessions: everyone signs in again on the new installation" },
  VerificationToken: { why: "runtime", note: "short-lived e-mail sign-in tokens" },
  Source: source,
  SourceAuthor: sourceAuthor,
  Passage: passage,
  Person: person,
  PersonAlias: personAlias,
  PersonMention: personMention,
  PersonSuggestion: personSuggestion,
  Claim: claim,
  ClaimPerson: claimPerson,
  EvidenceOrigin: evidenceOrigin,
  Evidence: evidence,
  EvidenceReanchor: evidenceReanchor,
  ConfidenceVote: confidenceVote,
  VoteEvidence: voteEvidence,
  ConfidenceVoteHistory: confidenceVoteHistory,
  SourceRating: sourceRating,
  SourceRatingHistory: sourceRatingHistory,
  EvidenceRating: evidenceRating,
  EvidenceRatingHistory: evidenceRatingHistory,
  Revision: revision,
  Comment: comment,
  ClaimRelation: claimRelation,
  Question: question,
  QuestionClaim: questionClaim,
  MatrixMark: matrixMark,
  AuditEvent: auditEvent,
  Setting: setting,
  Invitation: invitation,
  SignInAttempt: { why: "runtime", note: "sign-in throttling counters" },
  RateLimitEvent: { why: "runtime", note: "write rate-limit counters" },
  CacheGeneration: { why: "runtime", note: "the token that tells app instances their cached reads are stale" },
  SearchDocument: { why: "derived", note: "the search index: rebuilt from the restored rows" },
};

const isTable = (entry: Table | NotMoved): entry is Table => "columns" in entry;

/** The moved tables in the order they are written and restored: every table after the tables it points to. */
export const EXPORT_ORDER: readonly Table[] = [
  user,
  account,
  source,
  sourceAuthor,
  passage,
  person,
  personAlias,
  personMention,
  personSuggestion,
  claim,
  claimPerson,
  evidenceOrigin,
  evidence,
  evidenceReanchor,
  confidenceVote,
  voteEvidence,
  confidenceVoteHistory,
  sourceRating,
  sourceRatingHistory,
  evidenceRating,
  evidenceRatingHistory,
  revision,
  comment,
  claimRelation,
  question,
  questionClaim,
  matrixMark,
  auditEvent,
  setting,
  invitation,
];

export const MOVED: ReadonlyMap<string, Table> = new Map(
  Object.values(PLAN)
    .filter(isTable)
    .map((table) => [table.name, table]),
);
export const NOT_MOVED: ReadonlyMap<TableName, NotMoved> = new Map(
  (Object.entries(PLAN) as [TableName, Table | NotMoved][]).flatMap(([name, entry]) =>
    isTable(entry) ? [] : [[name, entry] as const],
  ),
);

/**
 * Why `names` (table names in the order a file lists them) cannot be restored in that order, or
 * null when they can: each moved table exactly once, and after every other table it points to.
 */
export function orderProblem(names: readonly string[], absentAllowed: ReadonlySet<string> = new Set()): string | null {
  const seen = new Set<string>();
  // Tables an older file may lack (lib/workspace/upgrades.ts): restored empty, so nothing points at them.
  const absent = new Set([...absentAllowed].filter((name) => !names.includes(name)));
  for (const name of names) {
    const table = MOVED.get(name);
    if (!table) return `"${name}" is not a table this version of the app moves`;
    if (seen.has(name)) return `"${name}" is listed twice`;
    for (const [columnName, parent] of Object.entries(table.references)) {
      if (parent !== name && !seen.has(parent) && !absent.has(parent))
        return `"${name}" (${columnName}) comes before "${parent}"`;
    }
    seen.add(name);
  }
  const missing = [...MOVED.keys()].filter((name) => !seen.has(name) && !absent.has(name));
  return missing.length > 0 ? `missing ${missing.map((name) => `"${name}"`).join(", ")}` : null;
}

{
  const problem = orderProblem(EXPORT_ORDER.map((table) => table.name));
  if (problem) throw new Error(`lib/workspace/tables.ts: EXPORT_ORDER is wrong: ${problem}`);
}

// ---------------------------------------------------------------------------------------------
// Values in the file. JSON carries strings, numbers, booleans and null as they are; the rest is
// written in a form that reads back to the same value: a date as its ISO 8601 instant (ms, UTC),
// a BigInt as a decimal string, a non-finite float as "NaN", "Infinity" or "-Infinity". Columns
// that hold JSON as text stay the exact text they were (not re-serialised). The column kinds
// above, not the shape of the value, say how to read each one back.
// ---------------------------------------------------------------------------------------------

const INT32 = 2 ** 31;
const ISO_INSTANT = /^(?:\d{4}|[+-]\d{6})-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

function encodeValue(value: unknown): unknown {
  if (value === null || value === undefined) return null;
  if (value instanceof Date) return value.toISOString();
  if (typeof value === "bigint") return value.toString();
  if (typeof value === "number" && !Number.isFinite(value)) return String(value);
  return value;
}

/** A row for the file: every column in declaration order, left-out columns as null. */
export function encodeRow(table: Table, row: Row, leaveOut: ReadonlySet<string>): Row {
  const encoded: Row = {};
  for (const name of table.columns.keys()) encoded[name] = leaveOut.has(name) ? null : encodeValue(row[name]);
  return encoded;
}

/** The value of one column from the file, or the reason it cannot be one. */
function decodeValue(column: Column, raw: unknown): { value: unknown } | { problem: string } {
  if (raw === null) return column.nullable ? { value: null } : { problem: "must not be null" };
  switch (column.kind) {
    case "string":
      return typeof raw === "string" ? { value: raw } : { problem: "must be a string" };
    case "enum":
      return typeof raw === "string" && column.values!.has(raw)
        ? { value: raw }
        : { problem: `must be one of ${[...column.values!].join(", ")}` };
    case "int":
      return typeof raw === "number" && Number.isInteger(raw) && raw >= -INT32 && raw < INT32
        ? { value: raw }
        : { problem: "must be a 32-bit integer" };
    case "float":
      if (typeof raw === "number") return { value: raw };
      return raw === "NaN" || raw === "Infinity" || raw === "-Infinity"
        ? { value: Number(raw) }
        : { problem: "must be a number" };
    case "boolean":
      return typeof raw === "boolean" ? { value: raw } : { problem: "must be true or false" };
    case "bigint":
      return typeof raw === "string" && /^-?\d+$/.test(raw)
        ? { value: BigInt(raw) }
        : { problem: "must be an integer written as a string" };
    case "date": {
      if (typeof raw !== "string" || !ISO_INSTANT.test(raw)) {
        return { problem: "must be a date like 2026-11-23T10:00:00.000Z" };
      }
      const date = new Date(raw);
      // Rejects dates that parse but are not real (2026-02-30) by reading them back.
      return !Number.isNaN(date.getTime()) && date.toISOString() === raw
        ? { value: date }
        : { problem: "is not a real date" };
    }
  }
}

/** Values for columns an older file's rows lack, each made from the rest of the row (lib/workspace/upgrades.ts). */
export type ColumnFill = Readonly<Record<string, (row: Row) => unknown>>;

/**
 * A row from the file, checked column by column; throws a message naming what is wrong. A column
 * the row lacks is filled in by `fill` when it has one (a column added since the file was made).
 */
export function decodeRow(table: Table, raw: unknown, fill: ColumnFill = {}): Row {
  if (typeof raw !== "object" || raw === null || Array.isArray(raw)) throw new Error(`"row" must be an object`);
  const input = raw as Row;
  const row: Row = {};
  const filled: string[] = [];
  for (const [name, column] of table.columns) {
    if (!(name in input)) {
      if (fill[name]) {
        filled.push(name);
        continue;
      }
      throw new Error(`${table.name}.${name} is missing`);
    }
    const decoded = decodeValue(column, input[name]);
    if ("problem" in decoded) throw new Error(`${table.name}.${name} ${decoded.problem}`);
    row[name] = decoded.value;
  }
  for (const name of filled) row[name] = fill[name]!(row);
  const unknown = Object.keys(input).filter((name) => !table.columns.has(name));
  if (unknown.length > 0) throw new Error(`${table.name} has no column ${unknown.join(", ")}`);
  return row;
}
