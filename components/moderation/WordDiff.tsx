type WordChange = { kind: "same" | "added" | "removed"; text: string };

/** A cited passage's words before and after a new version of its source: removed struck, added marked. */
export function WordDiff({ changes }: { changes: readonly WordChange[] }) {
  return (
    <p className="quote word-diff">
      {changes.map((change, index) =>
        change.kind === "same" ? (
          // biome-ignore lint/suspicious/noArrayIndexKey: a diff is rendered once, in order, and never reorders
          <span key={index}>{change.text}</span>
        ) : change.kind === "removed" ? (
          // biome-ignore lint/suspicious/noArrayIndexKey: as above
          <del key={index}>
            <span className="visually-hidden">[removed: </span>
            {change.text}
            <span className="visually-hidden">]</span>
          </del>
        ) : (
          // biome-ignore lint/suspicious/noArrayIndexKey: as above
          <ins key={index}>
            <span className="visually-hidden">[added: </span>
            {change.text}
            <span className="visually-hidden">]</span>
          </ins>
        ),
      )}
    </p>
  );
}
