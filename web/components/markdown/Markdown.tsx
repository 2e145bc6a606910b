/**
 * The model's Markdown. Its renderer (SafeMarkdown: the parser and the safety rules) loads on first
 * use or after the kernel's boot (../lazy.ts); until it has, the text shows as it came, line
 * breaks kept.
 */
import { memo } from "react";
import { lazyModule } from "../lazy";
import { hasReferences, markdownBlocks } from "./blocks";
import "./markdown.css";

const renderer = lazyModule(() => import("./SafeMarkdown"));

/** Memoised: parsing is the dear part, and a conversation redraws on every step of a turn. */
export const Markdown = memo(function Markdown({ text }: { text: string }) {
  const loaded = renderer.useModule();
  return loaded ? <loaded.SafeMarkdown text={text} /> : <div className="markdown-plain">{text}</div>;
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
