import Link from "next/link";
import { firstParam } from "@/app/_helpers";
import { PeopleSearch } from "@/components/people/PeopleSearch";
import { getRequestActor } from "@/lib/auth/actor";
import { formatPartialDate } from "@/lib/dates";
import { getDb } from "@/lib/db";
import { listPeople } from "@/lib/people/queries";

export const dynamic = "force-dynamic";
export const metadata = { title: "People" };

export default async function PeoplePage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const q = firstParam((await searchParams).q)?.slice(0, 200);
  const people = await listPeople(getDb(), await getRequestActor(), { q });
  return (
    <>
      <h1>People</h1>
      <PeopleSearch initialQuery={q} />
      <h2 className="small muted">{q ? `Matching “${q}”` : "Everyone"}</h2>
      {people.length === 0 ? (
        <p className="empty">{q ? `Nobody is known as “${q}”.` : "No people yet."}</p>
      ) : (
        <ul className="claim-list">
          {people.map((person) => (
            <li key={person.id} className="card">
              <Link className="statement" href={`/people/${person.slug}`}>
                {person.name}
              </Link>{" "}
              <span className="muted small">
                {[formatPartialDate(person.birthDate), formatPartialDate(person.deathDate)].filter(Boolean).join(" – ")}
              </span>
              {person.aliases.length > 0 && <p className="small muted">Also: {person.aliases.join(", ")}</p>}
              <p className="small">
                {person.claimCount} claim{person.claimCount === 1 ? "" : "s"}
              </p>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
