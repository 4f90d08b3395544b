import Link from "next/link";
import { cache } from "react";
import { orNotFound } from "@/app/_helpers";
import { awaitingText } from "@/components/claims/VoteSummary";
import { ActionForm } from "@/components/ui/ActionForm";
import { ContestedBadge, StatusBadge } from "@/components/ui/StatusBadge";
import { getRequestActor } from "@/lib/auth/actor";
import { formatPartialDate } from "@/lib/dates";
import { getDb } from "@/lib/db";
import { describeSide } from "@/lib/evidence/lines";
import { getPersonPage } from "@/lib/people/page";
import { can } from "@/lib/permissions";
import { mergePersonAction, splitAliasAction } from "./actions";

export const dynamic = "force-dynamic";

type Params = Promise<{ slug: string }>;

// Read once per request: generateMetadata and the page both need it.
const loadPersonPage = cache(async (slug: string) =>
  orNotFound(getPersonPage(getDb(), await getRequestActor(), { slug: decodeURIComponent(slug) })),
);

export async function generateMetadata({ params }: { params: Params }) {
  return { title: (await loadPersonPage((await params).slug)).person.name };
}

export default async function PersonPage({ params }: { params: Params }) {
  const { person, sources, history, lines, others } = await loadPersonPage((await params).slug);
  const canMerge = can(await getRequestActor(), "merge:person");
  const STATUS_ORDER = ["published", "pending_review", "draft", "archived"];
  const groups = STATUS_ORDER.map((status) => ({
    status,
    claims: person.claims.filter((claim) => claim.status === status),
  })).filter((group) => group.claims.length > 0);
  const life = [formatPartialDate(person.birthDate), formatPartialDate(person.deathDate)].filter(Boolean).join(" – ");
  return (
    <>
      <p className="small">
        <Link href="/people">← People</Link>
      </p>
      <h1>{person.name}</h1>
      {life && <p className="muted">{life}</p>}
      {person.description && <p>{person.description}</p>}
      {person.aliases.length > 0 && (
        <p className="small">
          <strong>Also written:</strong> {person.aliases.join(" · ")}
        </p>
      )}
      {canMerge && (
        <details className="card">
          <summary>Merge or split (moderators)</summary>
          <ActionForm
            action={mergePersonAction.bind(null, person.slug)}
            submitLabel={`Merge into ${person.name}`}
            className="inline-form"
            confirm="The other person's spellings, claims and mentions move here and the other page goes away. Continue?"
          >
            <label>
              Duplicate of {person.name}:{" "}
              <select name="from" required defaultValue="">
                <option value="" disabled>
                  choose a person
                </option>
                {others.map((other) => (
                  <option key={other.id} value={other.slug}>
                    {other.name}
                    {other.aliases.length > 0 ? ` (${other.aliases.slice(0, 3).join(", ")})` : ""}
                  </option>
                ))}
              </select>
            </label>
          </ActionForm>
          {person.aliases.length > 0 && <p className="small">A spelling that is someone else:</p>}
          {person.aliases.map((alias) => (
            <ActionForm
              key={alias}
              action={splitAliasAction.bind(null, person.slug, alias)}
              submitLabel={`Split “${alias}” off`}
              className="inline-form"
              tone="plain"
              confirm={`Make “${alias}” a person of their own, with the mentions written that way?`}
            />
          ))}
        </details>
      )}
      <h2>Claims about {person.name}</h2>
      {person.claims.length === 0 && <p className="empty">No claims mention {person.name} yet.</p>}
      {groups.map((group) => (
        <section key={group.status} aria-label={`${group.status} claims`}>
          <h3>
            <StatusBadge status={group.status} /> {group.claims.length}
          </h3>
          <ul className="claim-list">
            {group.claims.map((claim) => (
              <li key={claim.id} className="card">
                <Link className="statement" href={`/claims/${claim.slug}`}>
                  {claim.statement}
                </Link>{" "}
                <ContestedBadge contested={claim.votes.contested} />
                {lines.has(claim.id) && (
                  <div className="counts">
                    <span className="count-supports">{describeSide(lines.get(claim.id)!.supports, "for")}</span>
                    <span className="count-contradicts">
                      {describeSide(lines.get(claim.id)!.contradicts, "against")}
                    </span>
                  </div>
                )}
                <p className="small muted">
                  {claim.role === "subject" ? "Subject of the claim" : "Mentioned"} ·{" "}
                  {claim.votes.count === 0
                    ? "no votes yet"
                    : claim.votes.figuresHidden
                      ? `${claim.votes.count} votes; vote to see the team's figures`
                      : `median confidence ${claim.votes.median}% (${claim.votes.count} votes)`}
                  {claim.votes.awaitingConfirmation > 0 && ` · ${awaitingText(claim.votes.awaitingConfirmation)}`}
                </p>
              </li>
            ))}
          </ul>
        </section>
      ))}
      <h2>Sources that mention {person.name}</h2>
      {sources.length === 0 ? (
        <p className="empty">No imported source names {person.name} under a known spelling.</p>
      ) : (
        <ul>
          {sources.map((source) => (
            <li key={source.id}>
              <Link href={`/sources/${source.id}`}>{source.title}</Link>{" "}
              <span className="small muted">(as {source.spellings.join(", ")})</span>
            </li>
          ))}
        </ul>
      )}
      {history.length > 0 && (
        <>
          <h2>History</h2>
          <ul className="small">
            {history.map((entry) => (
              <li key={entry.id}>
                <time dateTime={entry.at}>{entry.at.slice(0, 16).replace("T", " ")}</time> {entry.summary}
                {entry.actorName ? ` — ${entry.actorName}` : ""}
              </li>
            ))}
          </ul>
        </>
      )}
    </>
  );
}
