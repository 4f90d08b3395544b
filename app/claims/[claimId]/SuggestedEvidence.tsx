"use client";

import { useEffect, useState } from "react";
import { CiteSuggestionButtons } from "@/components/claims/CiteSuggestionButtons";
import { SuggestedEvidenceColumns } from "@/components/claims/SuggestedEvidenceList";
import type { SuggestedEvidenceDto } from "@/lib/claims/suggestions";
import type { FormState } from "@/lib/forms/state";

type Cite = (passageId: string, stance: "supports" | "contradicts") => Promise<FormState>;

type Loaded =
  | { state: "loading" }
  | { state: "failed"; message: string }
  | { state: "ready"; items: SuggestedEvidenceDto[] };

/**
 * The claim's suggested evidence, read from the API after the page has arrived. Ranking reads across
 * the whole library and the cards carry two forms each, so rendering them into a member's page made it
 * the slowest page of the app (docs/decisions/0027). `citedPassageIds` are the passages the claim
 * cites now: one just cited leaves the list at once, and whenever they change (a citation, an undo)
 * the list is read again.
 */
export function SuggestedEvidence({
  claimId,
  citedPassageIds,
  limit,
  cite,
}: {
  claimId: string;
  citedPassageIds: readonly string[];
  limit: number;
  cite: Cite;
}) {
  const [loaded, setLoaded] = useState<Loaded>({ state: "loading" });
  const evidenceKey = citedPassageIds.join(",");
  // biome-ignore lint/correctness/useExhaustiveDependencies: evidenceKey is the reason to read again
  useEffect(() => {
    const controller = new AbortController();
    setLoaded((previous) => (previous.state === "ready" ? previous : { state: "loading" }));
    // Never from the browser's cache: the server remembers the answer until the next write, and no longer.
    fetch(`/api/claims/${encodeURIComponent(claimId)}/suggestions?limit=${limit}`, {
      signal: controller.signal,
      cache: "no-store",
      headers: { accept: "application/json" },
    })
      .then(async (response) => {
        const body = (await response.json()) as { items?: SuggestedEvidenceDto[]; error?: { message?: string } };
        if (!response.ok || !body.items) throw new Error(body.error?.message ?? `status ${response.status}`);
        setLoaded({ state: "ready", items: body.items });
      })
      .catch((error: unknown) => {
        if (controller.signal.aborted) return;
        setLoaded({ state: "failed", message: error instanceof Error ? error.message : String(error) });
      });
    return () => controller.abort();
  }, [claimId, evidenceKey, limit]);

  if (loaded.state === "loading") return <p className="muted small">Finding passages across the library…</p>;
  if (loaded.state === "failed")
    return (
      <p className="warning" role="alert">
        The suggestions could not be read ({loaded.message}). Reload the page to try again.
      </p>
    );
  // Until the new list arrives, the one shown leaves out what the claim now cites.
  const cited = new Set(citedPassageIds);
  return (
    <SuggestedEvidenceColumns
      items={loaded.items.filter((item) => !cited.has(item.passage.id))}
      actions={(item) => (
        <CiteSuggestionButtons
          supports={cite.bind(null, item.passage.id, "supports")}
          contradicts={cite.bind(null, item.passage.id, "contradicts")}
        />
      )}
    />
  );
}
