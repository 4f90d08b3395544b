// A generated library for `npm run bench:http`: members, sources of generated sentences, published
// claims and votes, written straight into the tables (the figures a vote would leave on its claim
// computed by the app's own aggregate), so the app is measured on a library the size a team reaches.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { Db } from "@/lib/db";
import { foldText } from "@/lib/text/fold";
import { aggregateVotes } from "@/lib/votes/aggregate";
import { SAMPLE_CORPUS_DIR } from "@/prisma/sample/load";
import { generateLibrary } from "../bench-search";

export type LibrarySize = { users: number; claims: number; passages: number; votes: number };

const BATCH = 1_000;

export async function generateHttpLibrary(db: Db, size: LibrarySize, log: (line: string) => void): Promise<void> {
  if (size.claims > 0 && size.votes > size.claims * size.users) {
    throw new Error(`--votes: at most one vote per member and claim (${size.claims * size.users})`);
  }
  const started = performance.now();
  await db.user.createMany({
    data: Array.from({ length: size.users }, (_, index) => ({
      id: `bench-user-${index}`,
      name: `Bench member ${index}`,
      email: `bench-member-${index}@example.org`,
      role: "contributor" as const,
    })),
  });

  if (size.passages > 0) {
    const corpus = ["kirov-assassination.txt", "serov.txt", "spigelglas.txt"]
      .map((file) => readFileSync(join(SAMPLE_CORPUS_DIR, file), "utf8"))
      .join("\n\n");
    await generateLibrary(db, corpus, size.passages, log);
  }

  // Votes spread evenly: claim i gets its votes from consecutive members, starting at i.
  const votesPerClaim = size.claims > 0 ? Math.floor(size.votes / size.claims) : 0;
  const extra = size.claims > 0 ? size.votes % size.claims : 0;
  const voteValue = (claim: number, vote: number) => (claim * 37 + vote * 53) % 101;
  for (let offset = 0; offset < size.claims; offset += BATCH) {
    const indexes = Array.from({ length: Math.min(BATCH, size.claims - offset) }, (_, index) => offset + index);
    const votesOf = (claim: number) =>
      Array.from({ length: votesPerClaim + (claim < extra ? 1 : 0) }, (_, vote) => voteValue(claim, vote));
    await db.claim.createMany({
      data: indexes.map((claim) => {
        const statement = `Generated claim ${claim}: the purge of ${claim % 2 ? "Leningrad" : "Moscow"} officials in ${1934 + (claim % 5)}`;
        const aggregate = aggregateVotes(votesOf(claim));
        return {
          id: `bench-claim-${claim}`,
          slug: `bench-claim-${claim}`,
          statement,
          statementNormalized: foldText(statement),
          status: "published" as const,
          voteCount: aggregate.count,
          voteMedian: aggregate.median,
          voteIqr: aggregate.iqr,
          contested: aggregate.contested,
        };
      }),
    });
    await db.confidenceVote.createMany({
      data: indexes.flatMap((claim) =>
        votesOf(claim).map((value, vote) => ({
          claimId: `bench-claim-${claim}`,
          userId: `bench-user-${(claim + vote) % size.users}`,
          value,
        })),
      ),
    });
  }
  log(
    `  generated ${size.users} members, ${size.passages.toLocaleString("en")} passages, ${size.claims.toLocaleString("en")} claims and ${size.votes.toLocaleString("en")} votes in ${((performance.now() - started) / 1000).toFixed(0)} s`,
  );
}
