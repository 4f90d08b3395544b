const LABELS: Record<string, string> = {
  draft: "Draft",
  pending_review: "Pending review",
  published: "Published",
  archived: "Archived",
};

export function StatusBadge({ status }: { status: string }) {
  return <span className={`badge badge-${status}`}>{LABELS[status] ?? status}</span>;
}

export function ContestedBadge({ contested }: { contested: boolean }) {
  if (!contested) return null;
  return (
    <span className="badge badge-contested" title="The team's votes are widely spread">
      Contested
    </span>
  );
}
