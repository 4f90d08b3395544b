import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { createClaim } from "@/lib/claims/mutations";
import type { Db } from "@/lib/db";
import { addEvidence, groupEvidence } from "@/lib/evidence/mutations";
import { createPerson } from "@/lib/people/mutations";
import { type Actor, type RoleName, SYSTEM_ACTOR } from "@/lib/permissions";
import { createQuestion, markCell } from "@/lib/questions/mutations";
import { rateSource } from "@/lib/ratings/mutations";
import { importSource } from "@/lib/sources/import";
import { findAll } from "@/lib/sources/selectors";
import { createUser } from "@/lib/users/mutations";
import { castVote } from "@/lib/votes/mutations";
import {
  SAMPLE_CLAIMS,
  SAMPLE_ORIGINS,
  SAMPLE_PEOPLE,
  SAMPLE_QUESTIONS,
  SAMPLE_SOURCE_RATINGS,
  SAMPLE_SOURCES,
  type SampleClaim,
} from "./data";
import { SAMPLE_CORPUS_DIR } from "./data-paths";

export { SAMPLE_CORPUS_DIR };

type DemoAccount = { key: string; email: string; name: string; role: RoleName; signIn: boolean };

// One account per role that can sign in, and two extra voters so the vote spread means something.
export const DEMO_ACCOUNTS: DemoAccount[] = [
  { key: "admin", email: "admin@example.org", name: "Ada Admin", role: "admin", signIn: true },
  { key: "moderator", email: "moderator@example.org", name: "Mo Moderator", role: "moderator", signIn: true },
  { key: "contributor", email: "contributor@example.org", name: "Cora Contributor", role: "contributor", signIn: true },
  { key: "viewer", email: "viewer@example.org", name: "Vic Viewer", role: "viewer", signIn: true },
  { key: "historian", email: "historian@example.org", name: "Hanna Historian", role: "contributor", signIn: false },
  { key: "journalist", email: "journalist@example.org", name: "Jon Journalist", role: "contributor", signIn: false },
];

export type DemoCredentials = { email: string; role: RoleName; password: string }[];
export type SampleLoadReport = {
  sources: number;
  people: number;
  claims: number;
  evidence: number;
  votes: number;
  ratings: number;
  questions: number;
  credentials: DemoCredentials;
};

function credentialsFile(dataDir: string) {
  return join(dataDir, "demo-accounts.json");
}

export function readDemoCredentials(dataDir: string): DemoCredentials | undefined {
  const file = credentialsFile(dataDir);
  if (!existsSync(file)) return undefined;
  return JSON.parse(readFileSync(file, "utf8")) as DemoCredentials;
}

function newPassword(): string {
  // 15 random bytes -> 20 URL-safe characters; easy to paste, infeasible to guess.
  return randomBytes(15).toString("base64url");
}

/**
 * Loads the sample corpus, people, demo accounts, claims, evidence and votes. Each part is
 * skipped when it already exists, so a run that was interrupted can simply be repeated.
 */
export async function loadSampleData(
  db: Db,
  options: { dataDir: string; log?: (line: string) => void; claims?: SampleClaim[] },
): Promise<SampleLoadReport> {
  const log = options.log ?? (() => undefined);
  const report: SampleLoadReport = {
    sources: 0,
    people: 0,
    claims: 0,
    evidence: 0,
    votes: 0,
    ratings: 0,
    questions: 0,
    credentials: [],
  };

  const sourceIds = new Map<string, string>();
  for (const sample of SAMPLE_SOURCES) {
    const content = readFileSync(join(SAMPLE_CORPUS_DIR, sample.file), "utf8");
    const result = await importSource(db, SYSTEM_ACTOR, { ...sample.metadata, content, fileName: sample.file });
    sourceIds.set(sample.key, result.sourceId);
    if (result.created) report.sources++;
    log(`source  ${result.created ? "imported" : "exists  "} ${sample.file} (${result.passageCount} passages)`);
  }

  const personIds = new Map<string, string>();
  for (const person of SAMPLE_PEOPLE) {
    const existing = await db.person.findUnique({ where: { slug: person.slug! }, select: { id: true } });
    const id = existing?.id ?? (await createPerson(db, SYSTEM_ACTOR, person)).id;
    if (!existing) report.people++;
    personIds.set(person.slug!, id);
  }
  log(`people  ${report.people} created, ${SAMPLE_PEOPLE.length - report.people} already there`);

  const previous = readDemoCredentials(options.dataDir) ?? [];
  const actors = new Map<string, Actor>();
  for (const account of DEMO_ACCOUNTS) {
    let user = await db.user.findUnique({ where: { email: account.email }, select: { id: true, role: true } });
    if (!user) {
      const password = account.signIn ? newPassword() : undefined;
      user = await createUser(db, SYSTEM_ACTOR, {
        email: account.email,
        name: account.name,
        role: account.role,
        password,
      });
      if (password) report.credentials.push({ email: account.email, role: account.role, password });
    } else {
      const known = previous.find((entry) => entry.email === account.email);
      if (known) report.credentials.push(known);
    }
    actors.set(account.key, { kind: "user", id: user.id, role: user.role });
  }
  if (report.credentials.length > 0) {
    mkdirSync(options.dataDir, { recursive: true });
    writeFileSync(credentialsFile(options.dataDir), JSON.stringify(report.credentials, null, 2), { mode: 0o600 });
  }

  // Each rating as its member gives one (history, audit); a member's existing rating is left alone.
  for (const [key, ratings] of Object.entries(SAMPLE_SOURCE_RATINGS)) {
    const sourceId = sourceIds.get(key);
    if (!sourceId) throw new Error(`Sample source ratings: unknown source "${key}"`);
    for (const { rater, grade, reason } of ratings) {
      const member = actors.get(rater);
      if (member?.kind !== "user") throw new Error(`Sample source ratings of "${key}": unknown rater "${rater}"`);
      const rated = await db.sourceRating.findFirst({ where: { sourceId, userId: member.id }, select: { id: true } });
      if (rated) continue;
      await rateSource(db, member, { sourceId, grade, reason });
      report.ratings++;
    }
  }
  log(`ratings ${report.ratings} source reliability ratings given`);

  for (const sample of options.claims ?? SAMPLE_CLAIMS) {
    if (await db.claim.findFirst({ where: { statement: sample.statement }, select: { id: true } })) continue;
    const author = actors.get(sample.author);
    if (!author) throw new Error(`Sample claim "${sample.statement}": unknown author "${sample.author}"`);
    // Check every quote before writing anything for this claim.
    for (const item of sample.evidence) {
      const sourceId = sourceIds.get(item.source);
      const source = sourceId ? await db.source.findUnique({ where: { id: sourceId }, select: { text: true } }) : null;
      if (!source) throw new Error(`Sample evidence: unknown source "${item.source}"`);
      const hits = findAll(source.text, item.quote).length;
      if (hits === 0 || (hits > 1 && item.occurrence === undefined)) {
        throw new Error(
          `Sample evidence for "${sample.statement}": the quote ${hits === 0 ? "is missing from" : `occurs ${hits} times in`} source "${item.source}": ${item.quote}`,
        );
      }
    }
    const claim = await createClaim(
      db,
      SYSTEM_ACTOR,
      {
        statement: sample.statement,
        status: sample.status,
        people: sample.people.map((person) => {
          const personId = personIds.get(person.slug);
          if (!personId) throw new Error(`Sample claim "${sample.statement}": unknown person "${person.slug}"`);
          return { personId, role: person.role };
        }),
      },
      { authorId: author.id ?? undefined },
    );
    report.claims++;
    const byOrigin = new Map<keyof typeof SAMPLE_ORIGINS, string[]>();
    for (const item of sample.evidence) {
      const evidence = await addEvidence(db, author, {
        claimId: claim.id,
        passage: { sourceId: sourceIds.get(item.source)!, quote: item.quote, occurrence: item.occurrence },
        stance: item.stance,
        note: item.note,
        pinpoint: item.pinpoint,
      });
      report.evidence++;
      if (item.origin) byOrigin.set(item.origin, [...(byOrigin.get(item.origin) ?? []), evidence.id]);
    }
    // Passages that derive from one origin, grouped by the claim's author as a member would.
    for (const [key, evidenceIds] of byOrigin) {
      await groupEvidence(db, author, { claimId: claim.id, evidenceIds, ...SAMPLE_ORIGINS[key] });
    }
    if (sample.status === "published") {
      for (const [key, values] of Object.entries(sample.votes)) {
        const voter = actors.get(key);
        if (!voter) throw new Error(`Sample votes on "${sample.statement}": unknown voter "${key}"`);
        for (const value of values) await castVote(db, voter, { claimId: claim.id, value });
        report.votes++;
      }
    }
  }
  log(`claims  ${report.claims} created with ${report.evidence} pieces of evidence and ${report.votes} votes`);

  // Questions whose claims are all here (a run with other claims, as the evaluation's, has none).
  for (const sample of SAMPLE_QUESTIONS) {
    if (await db.question.findFirst({ where: { title: sample.title }, select: { id: true } })) continue;
    const claims = await db.claim.findMany({
      where: { statement: { in: sample.claims }, mergedIntoId: null },
      select: { id: true, statement: true },
    });
    if (claims.length !== sample.claims.length) continue;
    const author = actors.get(sample.author);
    if (!author) throw new Error(`Sample question "${sample.title}": unknown author "${sample.author}"`);
    const idOf = (statement: string) => {
      const claim = claims.find((candidate) => candidate.statement === statement);
      if (!claim) throw new Error(`Sample question "${sample.title}": "${statement}" is not one of its claims`);
      return claim.id;
    };
    const question = await createQuestion(db, author, {
      title: sample.title,
      description: sample.description,
      claimIds: sample.claims.map(idOf),
    });
    report.questions++;
    for (const { member, from, stance, on, mark } of sample.marks) {
      const marker = actors.get(member);
      if (!marker) throw new Error(`Sample marks on "${sample.title}": unknown member "${member}"`);
      const cited = await db.evidence.findMany({
        where: { claimId: idOf(from), stance, removedAt: null },
        select: { passageId: true },
      });
      for (const { passageId } of cited) {
        for (const statement of on)
          await markCell(db, marker, { questionId: question.id, claimId: idOf(statement), passageId, mark });
      }
    }
  }
  log(`questions ${report.questions} asked`);
  return report;
}

/** True when the database holds no content yet (the start command then loads the sample). */
export async function isDatabaseEmpty(db: Db): Promise<boolean> {
  const [sources, claims, people] = await Promise.all([db.source.count(), db.claim.count(), db.person.count()]);
  return sources === 0 && claims === 0 && people === 0;
}
