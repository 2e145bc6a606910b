/**
 * The model's Markdown. Its renderer (SafeMarkdown: the parser and the safety rules) loads on first
 * use or after the kernel's boot (../lazy.ts); until it has, the text shows as it came, line
 * breaks kept.
 */
import { memo } from "react";
import { lazyModule } from "../lazy";
import { markdownBlocks } from "./blocks";
import "./markdown.css";

const renderer = lazyModule(() => import("./SafeMarkdown"));

/** Memoised: parsing is the dear part, and a conversation redraws on every step of a turn. */
export const Markdown = memo(function Markdown({ text }: { text: string }) {
  const loaded = renderer.useModule();
  return loaded ? <loaded.SafeMarkdown text={text} /> : <div className="markdown-plain">{text}</div>;
});

/**
 * An answer as it streams: its blocks drawn apart (./blocks.ts), so that only the last one, which
 * is still growing, is parsed again on an update.
 */
export function StreamingMarkdown({ text }: { text: string }) {
  return (
    <>
      {markdownBlocks(text).map((block, i) => (
        <Markdown key={i} text={block} />
      ))}
    </>
  );
}
