import Link from "next/link";
import { firstParam, pageHref } from "@/app/_helpers";
import { ClaimList } from "@/components/claims/ClaimList";
import { getRequestActor } from "@/lib/auth/actor";
import { statusesVisibleTo } from "@/lib/claims/policy";
import { type ClaimListDto, listClaims } from "@/lib/claims/queries";
import { getDb } from "@/lib/db";
import { isAppError } from "@/lib/errors";

export const dynamic = "force-dynamic";
export const metadata = { title: "Claims" };

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

export default async function ClaimsPage({ searchParams }: { searchParams: SearchParams }) {
  const params = await searchParams;
  const filters = {
    q: firstParam(params.q),
    person: firstParam(params.person),
    status: firstParam(params.status),
    page: firstParam(params.page),
    sort: firstParam(params.sort),
    contested: firstParam(params.contested),
    noContradicting: firstParam(params.noContradicting),
    minConfidence: firstParam(params.minConfidence),
    maxConfidence: firstParam(params.maxConfidence),
  };
  const actor = await getRequestActor();
  let result: ClaimListDto | undefined;
  let problem: string | undefined;
  try {
    result = await listClaims(getDb(), actor, filters);
  } catch (error) {
    if (!isAppError(error)) throw error;
    problem = error.message;
  }
  const pageLink = (page: number) => pageHref("/claims", filters, page);
  return (
    <>
      <h1>Claims</h1>
      <search>
        <form className="filters" method="get">
          <label>
            Words in the claim
            <input type="search" name="q" defaultValue={filters.q} maxLength={200} />
          </label>
          <label>
            Person (any spelling)
            <input type="text" name="person" defaultValue={filters.person} maxLength={200} />
          </label>
          <label>
            Status
            <select name="status" defaultValue={filters.status ?? ""}>
              <option value="">Any</option>
              {statusesVisibleTo(actor).map((status) => (
                <option key={status} value={status}>
                  {status.replace("_", " ")}
                </option>
              ))}
            </select>
          </label>
          <label>
            Sort by
            <select name="sort" defaultValue={filters.sort ?? "recent"}>
              <option value="recent">recently updated</option>
              <option value="contested">most contested</option>
              <option value="least_evidence">least evidence</option>
              <option value="confidence_desc">highest confidence</option>
              <option value="confidence_asc">lowest confidence</option>
            </select>
          </label>
          <label>
            Median confidence from
            <input type="number" name="minConfidence" min={0} max={100} defaultValue={filters.minConfidence} size={4} />
          </label>
          <label>
            to
            <input type="number" name="maxConfidence" min={0} max={100} defaultValue={filters.maxConfidence} size={4} />
          </label>
          <label className="checkbox">
            <input type="checkbox" name="contested" value="true" defaultChecked={filters.contested === "true"} />{" "}
            contested only
          </label>
          <label className="checkbox">
            <input
              type="checkbox"
              name="noContradicting"
              value="true"
              defaultChecked={filters.noContradicting === "true"}
            />{" "}
            no contradicting evidence
          </label>
          <button type="submit">Search</button>
        </form>
      </search>
      {problem && (
        <p role="alert" className="card">
          {problem}
        </p>
      )}
      {result && result.items.length === 0 && <p className="empty">No claims match these filters.</p>}
      {result && result.items.length > 0 && (
        <>
          <p className="muted small">
            {result.total} claim{result.total === 1 ? "" : "s"}
          </p>
          <ClaimList claims={result.items} />
          <nav className="pagination" aria-label="Pages">
            {result.page > 1 && <Link href={pageLink(result.page - 1)}>← Previous</Link>}
            <span>
              Page {result.page} of {result.totalPages}
            </span>
            {result.page < result.totalPages && <Link href={pageLink(result.page + 1)}>Next →</Link>}
          </nav>
        </>
      )}
    </>
  );
}
