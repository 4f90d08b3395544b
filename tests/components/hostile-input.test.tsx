import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { ClaimList } from "@/components/claims/ClaimList";
import { EvidenceCard } from "@/components/claims/EvidenceCard";
import { EvidenceLineGroup, OriginSuggestionList } from "@/components/claims/EvidenceLines";
import { SourceText } from "@/components/sources/SourceText";
import { highlightParagraphs } from "@/lib/sources/highlight";

const HOSTILE = `<script>alert("x")</script><img src=x onerror=alert(1)>`;

describe("hostile text renders inert", () => {
  it("in claim lists, evidence cards and the source reader", () => {
    const markup = [
      renderToStaticMarkup(
        <ClaimList
          claims={[
            {
              id: "c1",
              slug: "c1",
              statement: HOSTILE,
              status: "published",
              updatedAt: new Date(0).toISOString(),
              people: [{ slug: "p", name: HOSTILE, role: "subject" }],
              evidenceCounts: { supports: 0, contradicts: 0, context: 0 },
              lines: { supports: 0, contradicts: 0 },
              votes: { count: 0, median: null, contested: false, figuresHidden: false, awaitingConfirmation: 0 },
            },
          ]}
        />,
      ),
      renderToStaticMarkup(
        <EvidenceCard
          evidence={{
            id: "e1",
            stance: "supports",
            origin: { id: "o1", name: HOSTILE, note: HOSTILE },
            note: HOSTILE,
            pinpoint: null,
            addedBy: { id: "u", name: HOSTILE },
            createdAt: new Date(0).toISOString(),
            passage: { id: "p1", kind: "selection", start: 0, end: 5, text: HOSTILE, prefix: HOSTILE, suffix: HOSTILE },
            context: { before: HOSTILE, after: HOSTILE },
            paragraphNumber: 3,
            source: {
              sourceId: "s1",
              title: HOSTILE,
              authors: [HOSTILE],
              publisher: null,
              url: "javascript:alert(1)",
              publishedDate: null,
              accessedDate: null,
              kind: "other",
            },
            citation: HOSTILE,
            olderVersion: {
              versionNumber: 1,
              newer: { sourceId: "s2", versionNumber: 2 },
              state: "lost",
              reason: HOSTILE,
            },
          }}
        />,
      ),
      renderToStaticMarkup(
        <EvidenceLineGroup
          origin={{ id: "o1", name: HOSTILE, note: HOSTILE }}
          stance="supports"
          passages={2}
          otherClaims={1}
        >
          <p>{HOSTILE}</p>
        </EvidenceLineGroup>,
      ),
      renderToStaticMarkup(
        <OriginSuggestionList
          suggestions={[
            {
              informant: HOSTILE,
              evidenceIds: ["e1", "e2"],
              passages: [
                { evidenceId: "e1", phrase: HOSTILE, fromContext: false },
                { evidenceId: "e2", phrase: HOSTILE, fromContext: true },
              ],
              origin: { id: "o1", name: HOSTILE, note: HOSTILE },
              suggestedName: HOSTILE,
            },
          ]}
          quotes={{ e1: HOSTILE, e2: HOSTILE }}
          action={(suggestion) => <button type="button">{suggestion.suggestedName}</button>}
        />,
      ),
      renderToStaticMarkup(
        <SourceText paragraphs={highlightParagraphs(HOSTILE, [{ start: 0, end: HOSTILE.length }], [])} />,
      ),
    ].join("\n");
    expect(markup).not.toMatch(/<script|<img/i);
    expect(markup).toContain("&lt;script&gt;");
  });
});

describe("hostile text in a question's matrix renders inert", () => {
  it("in claim statements, passage text, source titles and origin names", async () => {
    const { QuestionMatrix } = await import("@/components/questions/QuestionMatrix");
    const markup = renderToStaticMarkup(
      <QuestionMatrix
        matrix={{
          question: { id: "q", slug: "q", title: HOSTILE, status: "published" },
          claims: [{ id: "c", slug: "c", statement: HOSTILE, rank: 1, inconsistency: 0, consistency: 0 }],
          columns: [
            {
              passageId: "p",
              text: HOSTILE,
              source: { id: "s", title: HOSTILE },
              url: "/sources/s?at=0-1#found",
              origin: { id: "o", name: HOSTILE },
              weight: 0.5,
              reliability: null,
              credibility: null,
            },
          ],
          cells: [
            {
              claimId: "c",
              passageId: "p",
              consensus: "neutral",
              counts: { consistent: 0, inconsistent: 0, neutral: 1 },
              disagreement: 0,
              defaultMark: "neutral",
              own: null,
            },
          ],
          markers: 0,
          diagnostic: [],
          pivotal: [],
          mayMark: false,
        }}
      />,
    );
    expect(markup).not.toContain("<script>");
    expect(markup).not.toContain("<img");
    expect(markup).toContain("&lt;script&gt;");
  });
});
