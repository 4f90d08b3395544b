import "server-only";
import { cachedPerReader } from "@/lib/cache/public-reads";
import { listClaimLines } from "@/lib/claims/queries";
import type { Db } from "@/lib/db";
import { can, type MaybeActor } from "@/lib/permissions";
import { allOf } from "@/lib/promises";
import { findSourcesMentioning } from "./mentions";
import { listPeople, listPersonHistory, readPerson } from "./queries";

/**
 * Everything the person page shows, as this reader may see it: the person and the claims about them,
 * then, all started together, the sources that name them, their history, each claim's lines of
 * evidence and, for those who may merge, the other people. One read, so it is one remembered answer
 * per reader (lib/cache/public-reads.ts), old after any write; on a miss it waits for three rounds
 * (the token, the person, the rest), where the page's reads one after another took five.
 */
async function readPersonPage(db: Db, actor: MaybeActor, input: unknown) {
  const person = await readPerson(db, actor, input);
  const { others, ...reads } = await allOf({
    sources: findSourcesMentioning(db, person.slug),
    history: listPersonHistory(db, person.id),
    // Independent lines of evidence for and against each claim (decision 0020).
    lines: listClaimLines(
      db,
      actor,
      person.claims.map((claim) => claim.id),
    ),
    others: can(actor, "merge:person") ? listPeople(db, actor) : [],
  });
  return { person, ...reads, others: others.filter((other) => other.id !== person.id) };
}

export type PersonPageDto = Awaited<ReturnType<typeof readPersonPage>>;

/** The person page's data (`input`: `{ slug }`, a slug or any spelling), remembered for each reader. */
export const getPersonPage = cachedPerReader("getPersonPage", readPersonPage);
