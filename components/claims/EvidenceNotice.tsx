"use client";

import Link from "next/link";
import { type ReactNode, useEffect, useRef } from "react";
import type { EvidenceNoticeDto } from "@/lib/evidence/notices";

const SIDE: Record<EvidenceNoticeDto["stance"], string> = {
  supports: "supporting",
  contradicts: "contradicting",
  context: "context",
};

const short = (quote: string) => (quote.length > 120 ? `${quote.slice(0, 117).trimEnd()}…` : quote);

/**
 * What just happened to a piece of evidence, in words, with the click that takes it back
 * (`undo`, rendered by the page) and a way to close the notice (`closeHref`: the page without it).
 * Fixed to the bottom of the screen, so it is seen wherever the clicked button was; it takes the focus
 * when it appears (the button pressed has often gone with its card), so a screen reader reads it and
 * the Undo is the next Tab.
 */
export function EvidenceNotice({
  notice,
  undo,
  closeHref,
  seeHref = `#evidence-${notice.evidenceId}`,
}: {
  notice: EvidenceNoticeDto;
  undo?: ReactNode;
  closeHref: string;
  /** Where the cited evidence is shown (on the claim page, its card). */
  seeHref?: string;
}) {
  const region = useRef<HTMLElement>(null);
  // biome-ignore lint/correctness/useExhaustiveDependencies: a new notice (kind or evidence) is a new arrival
  useEffect(() => {
    region.current?.focus();
  }, [notice.kind, notice.evidenceId]);
  const quote = `“${short(notice.quote)}”`;
  const text: Record<EvidenceNoticeDto["kind"], ReactNode> = {
    cited: (
      <>
        Cited {quote} as {SIDE[notice.stance]} evidence. <Link href={seeHref}>See it with the evidence</Link>
        {notice.undo === "undoCitation" && ` · You can undo this for ${notice.undoMinutes} minutes.`}
      </>
    ),
    undone: <>Citation undone: {quote} is no longer evidence for this claim.</>,
    removed: <>Removed {quote} from the evidence. The claim&apos;s history records the removal.</>,
    restored: <>Restored {quote} to the evidence.</>,
    proposed: <>Proposed removing {quote} from the evidence. A moderator will review it.</>,
  };
  return (
    <aside className="notice-toast card" aria-label="What just changed" ref={region} tabIndex={-1}>
      <p role="status" className="form-ok">
        {text[notice.kind]}
      </p>
      <div className="toolbar">
        {notice.undo && undo}
        <Link href={closeHref} className="small" scroll={false}>
          Close
        </Link>
      </div>
    </aside>
  );
}
