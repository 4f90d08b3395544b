"use client";

import { type ReactNode, useEffect, useRef, useState } from "react";

/**
 * A `<details>` whose content is rendered only once it is opened (and kept after). Made for the
 * forms a member may open under each piece of evidence: rendering them all into the page, most of
 * them never opened, was most of what a member's claim page cost (docs/decisions/0027). The content
 * must be made in client code to be saved: children a server component passes are rendered anyway.
 */
export function Folded({
  summary,
  className,
  id,
  children,
}: {
  summary: ReactNode;
  className?: string;
  id?: string;
  children: ReactNode;
}) {
  const [opened, setOpened] = useState(false);
  const details = useRef<HTMLDetailsElement>(null);
  // Opened before the page's JavaScript ran: no toggle event will come for it.
  useEffect(() => {
    if (details.current?.open) setOpened(true);
  }, []);
  return (
    <details
      ref={details}
      className={className}
      id={id}
      onToggle={(event) => {
        if (event.currentTarget.open) setOpened(true);
      }}
    >
      <summary>{summary}</summary>
      {opened ? children : null}
    </details>
  );
}
