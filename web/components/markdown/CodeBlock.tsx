import type { Element, ElementContent } from "hast";
import { CopyButton } from "../cell/CopyButton";
import { Highlighted } from "../cell/Highlighted";

/** A fenced code block in the model's Markdown: highlighted (by its fence's language), with Copy code. */
export function CodeBlock({ node }: { node?: Element }) {
  const code = node?.children.find((child): child is Element => child.type === "element" && child.tagName === "code");
  const classes = code?.properties.className;
  const language = Array.isArray(classes) ? classes.map(String).find((c) => c.startsWith("language-")) : undefined;
  const text = textOf(code?.children ?? []).replace(/\n$/, "");
  return (
    <div className="code-block">
      <div className="code-actions">
        <CopyButton text={text} />
      </div>
      <pre>
        <Highlighted code={text} language={language} />
      </pre>
    </div>
  );
}

function textOf(nodes: ElementContent[]): string {
  return nodes.map((n) => (n.type === "text" ? n.value : n.type === "element" ? textOf(n.children) : "")).join("");
}
