// biome-ignore-all lint/suspicious/noArrayIndexKey: blocks and inline nodes come from parsing one immutable string; their position is their identity
import { createElement, type ReactNode } from "react";
import { type Inline, parseMarkdown } from "@/lib/text/markdown";

function renderInline(nodes: Inline[]): ReactNode[] {
  return nodes.map((node, index) => {
    switch (node.type) {
      case "text":
        return node.text;
      case "code":
        return <code key={index}>{node.text}</code>;
      case "strong":
        return <strong key={index}>{renderInline(node.children)}</strong>;
      case "em":
        return <em key={index}>{renderInline(node.children)}</em>;
      case "link":
        return (
          <a key={index} href={node.href} rel="nofollow ugc noopener noreferrer">
            {renderInline(node.children)}
          </a>
        );
    }
    return null;
  });
}

/** Markdown rendered as React elements: HTML in the source stays text. */
export function Markdown({ source }: { source: string }) {
  return (
    <div className="markdown">
      {parseMarkdown(source).map((block, index) => {
        switch (block.type) {
          case "paragraph":
            return <p key={index}>{renderInline(block.children)}</p>;
          case "heading":
            return createElement(`h${block.level}`, { key: index }, renderInline(block.children));
          case "quote":
            return <blockquote key={index}>{renderInline(block.children)}</blockquote>;
          case "code":
            return (
              <pre key={index}>
                <code>{block.text}</code>
              </pre>
            );
          case "list":
            return createElement(
              block.ordered ? "ol" : "ul",
              { key: index },
              block.items.map((item, itemIndex) => <li key={itemIndex}>{renderInline(item)}</li>),
            );
        }
        return null;
      })}
    </div>
  );
}
