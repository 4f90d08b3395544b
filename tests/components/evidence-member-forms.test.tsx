// The forms folded under each piece of evidence: closed, they render only their summary; names and
// quotes a member typed render inert in the summary.
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { GroupEvidenceForm, OriginControls, RemoveEvidenceForm } from "@/components/claims/EvidenceMemberForms";
import type { FormState } from "@/lib/forms/state";

const HOSTILE = `<script>alert("x")</script><img src=x onerror=alert(1)>`;
const noAction = async (): Promise<FormState> => ({});

describe("EvidenceMemberForms", () => {
  it("render their summaries only until opened, with a hostile origin name inert", () => {
    const markup = [
      renderToStaticMarkup(<OriginControls originName={HOSTILE} takeOut={noAction} group={noAction} evidenceId="e1" />),
      renderToStaticMarkup(<RemoveEvidenceForm direct={false} remove={noAction} />),
      renderToStaticMarkup(
        <GroupEvidenceForm
          evidence={[{ id: "e1", quote: HOSTILE, stance: "supports", originName: HOSTILE }]}
          group={noAction}
        />,
      ),
    ].join("\n");
    expect(markup).not.toMatch(/<script|<img|<form|<input/i);
    expect(markup).toContain("Derives from “&lt;script&gt;");
    expect(markup).toContain("<summary>Propose removing it</summary>");
    expect(markup).toContain('id="group-evidence"');
    expect(markup).toContain("<summary>Group passages by origin</summary>");
  });
});
