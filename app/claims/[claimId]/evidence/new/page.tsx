import Link from "next/link";
import { redirect } from "next/navigation";
import { firstParam, orNotFound } from "@/app/_helpers";
import { CiteSuggestionButtons } from "@/components/claims/CiteSuggestionButtons";
import { EvidenceNotice } from "@/components/claims/EvidenceNotice";
import { SuggestedEvidenceColumns } from "@/components/claims/SuggestedEvidenceList";
import { ActionForm } from "@/components/ui/ActionForm";
import { getRequestActor } from "@/lib/auth/actor";
import { getClaim } from "@/lib/claims/queries";
import { readSuggestedEvidence } from "@/lib/claims/suggestions";
import { getDb } from "@/lib/db";
import { getEvidenceNotice } from "@/lib/evidence/notices";
import { searchPassages } from "@/lib/passages/queries";
import { citeSuggestionAction, undoCitationAction } from "../../actions";
import { addPassageAsEvidenceAction } from "./actions";

export const dynamic = "force-dynamic";
export const metadata = { title: "Add evidence" };

type Props = {
  params: Promise<{ claimId: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
};

export default async function AddEvidencePage({ params, searchParams }: Props) {
  const { claimId } = await params;
  const actor = await getRequestActor();
  if (!actor) redirect(`/signin?callbackUrl=${encodeURIComponent(`/claims/${claimId}/evidence/new`)}`);
  const db = getDb();
  const claim = await orNotFound(getClaim(db, actor, { claimId: decodeURIComponent(claimId) }));
  // Role, lock, archive and merge: the claim's abilities say whether and why not.
  if (!claim.abilities.cite) return <p className="empty">{claim.abilities.whyNot.cite?.reason}</p>;
  const query = await searchParams;
  const q = firstParam(query.q)?.slice(0, 200) ?? "";
  const [hits, notice, suggestions] = await Promise.all([
    q ? searchPassages(db, actor, { q, excludeClaimId: claim.id }) : [],
    getEvidenceNotice(db, actor, claim.id, firstParam(query.notice)),
    // Until a search is typed, the claim's suggested evidence: here rendered with the page, so a
    // browser without JavaScript (where the claim page cannot load them) has them too.
    q ? [] : readSuggestedEvidence(db, actor, { claimId: claim.id, limit: 12 }),
  ]);
  const here = { claimSlug: claim.slug, page: "add" as const, q };
  return (
    <>
      <p className="small">
        <Link href={`/claims/${claim.slug}`}>← Back to the claim</Link>
      </p>
      <h1>Add evidence to “{claim.statement}”</h1>
      <p className="muted">
        Search the sentences of every source, or open a <Link href="/sources">source</Link> and select any words to cite
        them exactly.
      </p>
      <search>
        <form className="filters" method="get">
          <label>
            Words in the passage
            <input type="search" name="q" defaultValue={q} maxLength={200} />
          </label>
          <button type="submit">Search</button>
        </form>
      </search>
      {q && hits.length === 0 && (
        <p className="empty">No sentence contains all of these words (or they are all evidence already).</p>
      )}
      {notice && (
        <EvidenceNotice
          notice={notice}
          closeHref={q ? `?q=${encodeURIComponent(q)}` : "?"}
          seeHref={`/claims/${claim.slug}#evidence-${notice.evidenceId}`}
          undo={
            <ActionForm
              action={undoCitationAction.bind(null, here, notice.evidenceId)}
              submitLabel="Undo"
              className="inline-form"
              tone="plain"
            />
          }
        />
      )}
      {!q && (
        <section id="suggested" aria-label="Suggested evidence">
          <h2>Suggested evidence</h2>
          <SuggestedEvidenceColumns
            items={suggestions}
            actions={(item) => (
              <CiteSuggestionButtons
                supports={citeSuggestionAction.bind(null, claim.id, claim.slug, item.passage.id, "supports")}
                contradicts={citeSuggestionAction.bind(null, claim.id, claim.slug, item.passage.id, "contradicts")}
              />
            )}
          />
        </section>
      )}
      <div className="stack">
        {hits.map((hit) => (
          <article key={hit.id} className="card">
            <blockquote className="quote">
              <q>{hit.text}</q>
            </blockquote>
            <p className="citation">
              {hit.source.citation}{" "}
              <Link href={`/sources/${hit.source.id}?passage=${hit.id}#passage-${hit.id}`}>In context</Link>
            </p>
            <ActionForm
              action={addPassageAsEvidenceAction.bind(null, claim.id, claim.slug, hit.id)}
              submitLabel="Add as evidence"
              className="inline-form"
            >
              <input type="hidden" name="q" value={q} />
              <fieldset className="stance-choice">
                <legend className="visually-hidden">Stance</legend>
                <label className="checkbox">
                  <input type="radio" name="stance" value="supports" required /> supports
                </label>
                <label className="checkbox">
                  <input type="radio" name="stance" value="contradicts" /> contradicts
                </label>
                <label className="checkbox">
                  <input type="radio" name="stance" value="context" /> context
                </label>
              </fieldset>
              <label>
                Note
                <input name="note" maxLength={5000} />
              </label>
              <label>
                Pinpoint
                <input name="pinpoint" maxLength={200} placeholder="p. 12" />
              </label>
            </ActionForm>
          </article>
        ))}
      </div>
    </>
  );
}
