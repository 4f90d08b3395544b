"use client";

import { type KeyboardEvent, type ReactNode, useCallback, useId, useRef, useState, useSyncExternalStore } from "react";
import { tabIndexAfterKey } from "@/components/ui/tab-keys";

export type EvidencePanel = {
  /** The stance: names the panel's colours and ids. */
  stance: string;
  /** "Supporting": the region's name beside the other sides, the tab's words on a phone. */
  title: string;
  /** Passages on this side, shown in the tab: "Contradicting (4)". */
  count: number;
  content: ReactNode;
};

/**
 * Below this width the sides stack, and on a phone a reader scrolled three screens past the
 * supporting evidence before the contradicting began; there they become tabs. Kept in step with
 * the 640px breakpoints in app/globals.css.
 */
export const EVIDENCE_TABS_QUERY = "(max-width: 640px)";

function useMediaQuery(query: string): boolean {
  const subscribe = useCallback(
    (notify: () => void) => {
      const list = window.matchMedia(query);
      list.addEventListener("change", notify);
      return () => list.removeEventListener("change", notify);
    },
    [query],
  );
  // The server (and a reader without JavaScript) gets every side, one after another.
  return useSyncExternalStore(
    subscribe,
    () => window.matchMedia(query).matches,
    () => false,
  );
}

/**
 * The claim's evidence, one region per side. On wide screens supporting and contradicting stand
 * side by side with context below; on a phone, once JavaScript runs, the sides are tabs with
 * their counts (the WAI-ARIA tabs pattern: arrows, Home and End move between tabs), so the
 * contradicting evidence is one tap away. Without JavaScript every side is shown, stacked.
 */
export function EvidenceTabs({ panels, label = "Evidence by stance" }: { panels: EvidencePanel[]; label?: string }) {
  const tabbed = useMediaQuery(EVIDENCE_TABS_QUERY);
  const [selected, setSelected] = useState(0);
  const base = useId();
  const wrapper = useRef<HTMLDivElement>(null);
  const tabs = useRef<(HTMLButtonElement | null)[]>([]);
  const tabId = (panel: EvidencePanel) => `${base}-tab-${panel.stance}`;
  const panelId = (panel: EvidencePanel) => `${base}-panel-${panel.stance}`;

  const select = (index: number, focus: boolean) => {
    setSelected(index);
    if (focus) tabs.current[index]?.focus();
    // The tab list stays on screen while a long side scrolls under it; the side chosen then
    // starts just below the tabs, not somewhere in the middle.
    const box = wrapper.current?.getBoundingClientRect();
    if (box && box.top < 0) wrapper.current?.scrollIntoView({ block: "start" });
  };

  const onKeyDown = (event: KeyboardEvent<HTMLButtonElement>) => {
    const next = tabIndexAfterKey(event.key, selected, panels.length);
    if (next === undefined) return;
    event.preventDefault();
    select(next, true);
  };

  return (
    <div className={tabbed ? "evidence-tabs tabbed" : "evidence-tabs"} ref={wrapper}>
      {tabbed && (
        <div role="tablist" aria-label={label} className="evidence-tablist">
          {panels.map((panel, index) => (
            <button
              key={panel.stance}
              ref={(element) => {
                tabs.current[index] = element;
              }}
              type="button"
              role="tab"
              id={tabId(panel)}
              aria-selected={index === selected}
              aria-controls={panelId(panel)}
              tabIndex={index === selected ? 0 : -1}
              className={`evidence-tab evidence-tab-${panel.stance}`}
              onClick={() => select(index, false)}
              onKeyDown={onKeyDown}
            >
              {panel.title} ({panel.count})
            </button>
          ))}
        </div>
      )}
      <div className="evidence-columns">
        {panels.map((panel, index) => (
          <section
            key={panel.stance}
            id={panelId(panel)}
            className={`evidence-column evidence-column-${panel.stance}`}
            // Beside each other they are regions named by their side; as tabs, panels named by their tab.
            {...(tabbed
              ? { role: "tabpanel", "aria-labelledby": tabId(panel), tabIndex: 0, hidden: index !== selected }
              : { "aria-label": panel.title })}
          >
            {panel.content}
          </section>
        ))}
      </div>
    </div>
  );
}
