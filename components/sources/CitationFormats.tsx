"use client";

import { useId, useState } from "react";
import { CopyButton } from "@/components/ui/CopyButton";

export type CitationFormatOption = { format: string; label: string; text: string; href: string };

/** A source's reference in each export format (CSL-JSON, BibTeX, RIS): pick one, copy it or download it. */
export function CitationFormats({ options }: { options: CitationFormatOption[] }) {
  const [selected, setSelected] = useState(options[0]?.format);
  const id = useId();
  const current = options.find((option) => option.format === selected) ?? options[0];
  if (!current) return null;
  return (
    <div className="citation-formats">
      <label htmlFor={id} className="small">
        Format{" "}
      </label>
      <select id={id} value={current.format} onChange={(event) => setSelected(event.target.value)}>
        {options.map((option) => (
          <option key={option.format} value={option.format}>
            {option.label}
          </option>
        ))}
      </select>{" "}
      <CopyButton text={current.text} label={`Copy ${current.label}`} />{" "}
      <a className="small" href={current.href} download>
        Download
      </a>
      {/* biome-ignore lint/a11y/noNoninteractiveTabindex: it scrolls when the reference is long (a phone), and a region that scrolls must be reachable by keyboard (WCAG 2.1.1). */}
      <pre className="citation-export" tabIndex={0}>
        {current.text}
      </pre>
    </div>
  );
}
