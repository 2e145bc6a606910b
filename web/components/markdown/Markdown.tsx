/**
 * The model's Markdown. Its renderer (SafeMarkdown: the parser and the safety rules) loads on first
 * use or after the kernel's boot (../lazy.ts); until it has, the text shows as it came, line
 * breaks kept.
 */
import { memo } from "react";
import { lazyModule } from "../lazy";
import { ErrorBoundary } from "../ui/ErrorBoundary";
import { hasReferences, markdownBlocks } from "./blocks";
import "./markdown.css";

const renderer = lazyModule(() => import("./SafeMarkdown"));

/**
 * Memoised: parsing is the dear part, and a conversation redraws on every step of a turn. Markdown
 * the renderer cannot draw (3,000 nested quotes overflow its stack) is shown as the text it is.
 */
export const Markdown = memo(function Markdown({ text }: { text: string }) {
  const loaded = renderer.useModule();
  const plain = <div className="markdown-plain">{text}</div>;
  if (!loaded) return plain;
  return (
    <ErrorBoundary what="This text" fallback={plain}>
      <loaded.SafeMarkdown text={text} />
    </ErrorBoundary>
  );
});

/**
 * A model's answer, drawn block by block (./blocks.ts): as it streams, only the block that is
 * still growing is parsed again, and the finished answer costs nothing more to draw. An answer
 * with reference definitions is parsed whole, as its links join up across blocks.
 */
export function AnswerMarkdown({ text }: { text: string }) {
  if (hasReferences(text)) return <Markdown text={text} />;
  return (
    <>
      {markdownBlocks(text).map((block, i) => (
        <Markdown key={i} text={block} />
      ))}
    </>
  );
}
