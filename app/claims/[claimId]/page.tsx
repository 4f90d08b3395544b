import Link from "next/link";
import { EvidenceCard } from "@/components/claims/EvidenceCard";
import { VoteSummary } from "@/components/claims/VoteSummary";
import { ActionForm } from "@/components/ui/ActionForm";
import { StatusBadge } from "@/components/ui/StatusBadge";
import { orNotFound } from "@/app/_helpers";
import { getRequestActor } from "@/lib/auth/actor";
import { getClaim, type EvidenceDto } from "@/lib/claims/queries";
import { getDb } from "@/lib/db";
import { can } from "@/lib/permissions";
import { lockAction, voteAction } from "./actions";

export const dynamic = "force-dynamic";

type Params = Promise<{ claimId: string }>;

async function loadClaim(params: Params) {
  const { claimId } = await params;
  return orNotFound(getClaim(getDb(), await getRequestActor(), decodeURIComponent(claimId)));
}

export async function generateMetadata({ params }: { params: Params }) {
  const claim = await loadClaim(params);
  return { title: claim.statement };
}

function EvidenceColumn({ title, items, empty }: { title: string; items: EvidenceDto[]; empty: string }) {
  return (
    <section className="evidence-column" aria-label={title}>
      <h2>
        {title} ({items.length})
      </h2>
      {items.length === 0 ? (
        <p className="empty">{empty}</p>
      ) : (
        <div className="stack">
          {items.map((item) => (
            <EvidenceCard key={item.id} evidence={item} />
          ))}
        </div>
      )}
    </section>
  );
}

export default async function ClaimPage({ params }: { params: Params }) {
  const claim = await loadClaim(params);
  const actor = await getRequestActor();
  const ownVote =
    actor?.kind === "user"
      ? await getDb().confidenceVote.findUnique({ where: { claimId_userId: { claimId: claim.id, userId: actor.id } }, select: { value: true } })
      : null;
  const byStance = (stance: EvidenceDto["stance"]) => claim.evidence.filter((item) => item.stance === stance);
  const subjects = claim.people.filter((person) => person.role === "subject");
  const mentioned = claim.people.filter((person) => person.role === "mentioned");
  return (
    <>
      <p className="small">
        <Link href="/claims">← Claims</Link>
      </p>
      <h1>{claim.statement}</h1>
      <p>
        <StatusBadge status={claim.status} />{" "}
        <span className="muted small">
          {claim.author?.name ? `Proposed by ${claim.author.name} · ` : ""}updated{" "}
          <time dateTime={claim.updatedAt}>{claim.updatedAt.slice(0, 10)}</time>
        </span>
      </p>
      {subjects.length > 0 && (
        <p>
          About:{" "}
          {subjects.map((person, index) => (
            <span key={person.id}>
              {index > 0 && ", "}
              <Link href={`/people/${person.slug}`}>{person.name}</Link>
            </span>
          ))}
          {mentioned.length > 0 && (
            <span className="muted">
              {" "}
              · also mentions{" "}
              {mentioned.map((person, index) => (
                <span key={person.id}>
                  {index > 0 && ", "}
                  <Link href={`/people/${person.slug}`}>{person.name}</Link>
                </span>
              ))}
            </span>
          )}
        </p>
      )}

      <nav className="toolbar" aria-label="Claim actions">
        <Link href={`/claims/${claim.slug}/history`}>History</Link>
        {can(actor, "propose:revision") && !claim.locked && (
          <Link href={`/claims/${claim.slug}/edit`}>{can(actor, "update:claim:any") ? "Edit" : "Propose an edit"}</Link>
        )}
        {claim.locked && <span className="badge">Locked</span>}
        {can(actor, "lock:claim:any") && (
          <ActionForm action={lockAction.bind(null, claim.id, !claim.locked)} submitLabel={claim.locked ? "Unlock" : "Lock"} tone="plain" />
        )}
        {!actor && <Link href={`/signin?callbackUrl=/claims/${claim.slug}`}>Sign in to vote or propose changes</Link>}
      </nav>

      <h2>What the team believes</h2>
      <VoteSummary votes={claim.votes} />
      {can(actor, "cast:vote") && claim.status === "published" && (
        <ActionForm action={voteAction.bind(null, claim.id)} submitLabel={ownVote ? "Change my vote" : "Vote"} className="vote-form">
          <label>
            Your confidence that the claim is true (0–100 %)
            <input name="value" type="number" min={0} max={100} step={1} required defaultValue={ownVote?.value} />
          </label>
          <label>
            Why (optional)
            <input name="rationale" maxLength={2000} />
          </label>
        </ActionForm>
      )}

      <div className="evidence-columns">
        <EvidenceColumn title="Supporting" items={byStance("supports")} empty="No supporting evidence yet." />
        <EvidenceColumn title="Contradicting" items={byStance("contradicts")} empty="No contradicting evidence yet." />
      </div>
      <EvidenceColumn title="Context" items={byStance("context")} empty="No context passages yet." />
    </>
  );
}
