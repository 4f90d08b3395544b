"use client";

import { useEffect, useState } from "react";

type Similar = {
  id: string;
  slug: string;
  statement: string;
  status: string;
  similarity: number;
  shared: string[];
  opposite: boolean;
};

const WAIT_MS = 400;

/**
 * The statement box of a claim. While the member types a new claim, existing claims that say
 * nearly the same thing are shown, so a duplicate is noticed before it is created (`findSimilar`).
 * `onTextChange` hands each change to a neighbour that follows the text (the people picker).
 */
export function StatementField({
  name = "statement",
  defaultValue = "",
  exclude,
  findSimilar = true,
  onTextChange,
}: {
  name?: string;
  defaultValue?: string;
  exclude?: string;
  findSimilar?: boolean;
  onTextChange?: (text: string) => void;
}) {
  const [text, setText] = useState(defaultValue);
  const [similar, setSimilar] = useState<Similar[]>([]);

  useEffect(() => {
    const trimmed = text.trim();
    if (!findSimilar || trimmed.length < 8) {
      const reset = setTimeout(() => setSimilar([]), 0);
      return () => clearTimeout(reset);
    }
    const controller = new AbortController();
    const timer = setTimeout(async () => {
      const params = new URLSearchParams({ text: trimmed.slice(0, 1000), ...(exclude ? { exclude } : {}) });
      try {
        const response = await fetch(`/api/claims/similar?${params}`, { signal: controller.signal });
        if (response.ok) setSimilar(((await response.json()) as { items: Similar[] }).items);
      } catch {
        // A cancelled or failed check leaves the last warning; creating the claim still works.
      }
    }, WAIT_MS);
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
  }, [text, exclude, findSimilar]);

  return (
    <>
      <label>
        Statement
        <textarea
          name={name}
          required
          minLength={5}
          maxLength={500}
          rows={3}
          value={text}
          onChange={(event) => {
            setText(event.target.value);
            onTextChange?.(event.target.value);
          }}
        />
      </label>
      {similar.length > 0 && (
        <div className="warning" role="status" aria-live="polite">
          <p>
            <strong>This may already be a claim.</strong> Add your evidence to an existing one instead of opening it
            twice:
          </p>
          <ul>
            {similar.map((claim) => (
              <li key={claim.id}>
                <a href={`/claims/${claim.slug}`} target="_blank" rel="noreferrer">
                  {claim.statement}
                </a>{" "}
                <span className="small muted">
                  ({Math.round(claim.similarity * 100)}% alike{claim.opposite ? "; says the opposite" : ""};{" "}
                  {claim.status.replace("_", " ")})
                </span>
              </li>
            ))}
          </ul>
        </div>
      )}
    </>
  );
}
