"use client";

import Link from "next/link";
import { useEffect, useState } from "react";

type PersonHit = { id: string; slug: string; name: string; aliases: string[]; claimCount: number };

/** Finds people as you type, under any spelling; the server-rendered list below stays the fallback. */
export function PeopleSearch({ initialQuery }: { initialQuery?: string }) {
  const [query, setQuery] = useState(initialQuery ?? "");
  const [hits, setHits] = useState<PersonHit[] | undefined>();
  useEffect(() => {
    if (query.trim().length < 2) {
      setHits(undefined);
      return;
    }
    const controller = new AbortController();
    const timer = setTimeout(async () => {
      try {
        const response = await fetch(`/api/people?q=${encodeURIComponent(query.trim())}`, {
          signal: controller.signal,
        });
        if (response.ok) setHits(((await response.json()) as { items: PersonHit[] }).items);
      } catch {
        // superseded by the next keystroke
      }
    }, 150);
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
  }, [query]);
  return (
    <div className="people-search">
      <search>
        <form className="filters" method="get">
          <label>
            Name, in any spelling
            <input
              type="search"
              name="q"
              value={query}
              onChange={(event) => setQuery(event.target.value)}
              maxLength={200}
              autoComplete="off"
              aria-controls="people-live-results"
            />
          </label>
          <button type="submit">Find</button>
        </form>
      </search>
      <div id="people-live-results" aria-live="polite">
        {hits && hits.length === 0 && <p className="empty">Nobody is known as “{query}”.</p>}
        {hits && hits.length > 0 && (
          <ul className="claim-list" aria-label="Matching people">
            {hits.map((person) => (
              <li key={person.id} className="card">
                <Link className="statement" href={`/people/${person.slug}`}>
                  {person.name}
                </Link>
                {person.aliases.length > 0 && <p className="small muted">Also: {person.aliases.join(", ")}</p>}
              </li>
            ))}
          </ul>
        )}
      </div>
    </div>
  );
}
