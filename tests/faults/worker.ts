// A process the fault tests kill with SIGKILL in the middle of its writes. It runs one kind of
// write over a list of inputs through lib, as the app would, and prints "begin N" before and
// "done N" after each, so the test can kill it while a write is under way.
// Usage: tsx --conditions=react-server tests/faults/worker.ts <import|vote|approve|merge> <inputs.json>
import { readFileSync } from "node:fs";
import { mergeClaims } from "@/lib/claims/merge";
import { getDb } from "@/lib/db";
import { approveRevision } from "@/lib/moderation/mutations";
import { type Actor, SYSTEM_ACTOR } from "@/lib/permissions";
import { importSource } from "@/lib/sources/import";
import { castVote } from "@/lib/votes/mutations";

type Input =
  | { content: string; title: string }
  | { claimId: string; value: number; actor: Actor }
  | { revisionId: string; actor: Actor }
  | { into: string; from: string; actor: Actor };

const [operation, inputsFile] = process.argv.slice(2);
const inputs = JSON.parse(readFileSync(inputsFile!, "utf8")) as Input[];
const db = getDb();
for (const [index, input] of inputs.entries()) {
  process.stdout.write(`begin ${index}\n`);
  if (operation === "import" && "content" in input) await importSource(db, SYSTEM_ACTOR, input);
  else if (operation === "vote" && "value" in input)
    await castVote(db, input.actor, { claimId: input.claimId, value: input.value });
  else if (operation === "approve" && "revisionId" in input)
    await approveRevision(db, input.actor, { revisionId: input.revisionId });
  else if (operation === "merge" && "into" in input)
    await mergeClaims(db, input.actor, { into: input.into, from: input.from });
  else throw new Error(`unknown operation ${operation} for input ${index}`);
  process.stdout.write(`done ${index}\n`);
}
process.stdout.write("finished\n");
process.exit(0);
