import type { NamedByDto } from "@/lib/votes/queries";

/**
 * How many voters named a piece of evidence as what moved them most, and their median: shown
 * only when the reader may see the team's figures (`named` is undefined otherwise) and someone did.
 */
export function EvidenceNamedBy({ named }: { named: NamedByDto | undefined }) {
  if (!named || named.count === 0 || named.median === null) return null;
  return (
    <p className="small muted">
      Named by {named.count} {named.count === 1 ? "voter" : "voters"} (median {named.median} %)
    </p>
  );
}
