/**
 * A cell's stdout or stderr. Up to 10,000 lines it is one plain <pre>, in blocks of lines once it
 * has more than a few hundred: a running cell's output grows at its end, and as one block its
 * 10,000 lines were laid out again on every update (~75 ms here; in blocks, ~2 ms per new block).
 * Past that only the lines in view are in the page (issue 8): laying out 200,000 lines on every
 * update held the page for seconds, and typing with it. The long form scrolls like a terminal —
 * it follows new output while at the bottom — and "Copy all output" copies the whole text, as a
 * selection can only take the lines in view. Its text is kept out of the cell's live log
 * (scrolling would be read out as new output); the line count says what is there.
 */
import { memo, useLayoutEffect, useMemo, useRef, useState, type ReactNode } from "react";
import { formatCount } from "../../lib/count";
import { LineIndex } from "./lines";
import "./stream-text.css";

/** Past either, the text is shown through a window. */
const MAX_PLAIN_LINES = 10_000;
const MAX_PLAIN_CHARS = 300_000;
/** Lines per block of the plain form: one block is laid out in ~2 ms. */
const BLOCK_LINES = 500;
/** Lines drawn beyond the visible ones, above and below, so fast scrolling shows no gap. */
const OVERSCAN = 40;
/** A line is drawn up to this many characters (the rest is still copied). */
const MAX_LINE_CHARS = 4000;

interface StreamTextProps {
  name: "stdout" | "stderr";
  text: string;
  /** Draws text (ANSI colours as styled spans), continuing the text `before` it when given. */
  render: (text: string, before?: string) => ReactNode;
}

export function StreamText({ name, text, render }: StreamTextProps) {
  const long = text.length > MAX_PLAIN_CHARS || countLines(text, MAX_PLAIN_LINES) > MAX_PLAIN_LINES;
  if (!long) return <PlainStream name={name} text={text} render={render} />;
  return <LongStream name={name} text={text} render={render} />;
}

/**
 * All of the text, as block-level runs of lines: an update lays out the last block only, as the
 * others have not changed. The line break between two blocks is theirs; a hidden "\n" keeps it in
 * the text (textContent) too.
 */
function PlainStream({ name, text, render }: StreamTextProps) {
  const index = useMemo(() => new LineIndex(), []);
  const blocks = index.update(text).blocks(BLOCK_LINES);
  if (blocks.length === 1) return <pre className={`stream ${name}`}>{render(text)}</pre>;
  const starts = [0];
  for (const block of blocks) starts.push(starts[starts.length - 1] + block.length + 1);
  return (
    <pre className={`stream ${name}`}>
      {blocks.map((block, i) => (
        <Block key={i} text={block} before={text.slice(0, starts[i])} last={i === blocks.length - 1} render={render} />
      ))}
    </pre>
  );
}

interface BlockProps extends Pick<StreamTextProps, "text" | "render"> {
  /** The text before this block, whose colours it continues. */
  before: string;
  last: boolean;
}

/** A block of lines, drawn again only when its text changes (the last one, as output arrives). */
const Block = memo(
  function Block({ text, before, last, render }: BlockProps) {
    return (
      <>
        {/* Its height while it is not laid out (stream-text.css): a line per line. */}
        <span className="stream-block" style={{ containIntrinsicBlockSize: `auto ${countLines(text, Infinity)}lh` }}>
          {render(text, before)}
        </span>
        {!last && <span hidden>{"\n"}</span>}
      </>
    );
  },
  // `before` by its length: comparing it whole on every update costs what drawing saved, and a
  // change earlier in the text (its colours included) almost always moves where a block starts.
  (a, b) => a.text === b.text && a.last === b.last && a.before.length === b.before.length,
);

function LongStream({ name, text, render }: StreamTextProps) {
  const index = useMemo(() => new LineIndex(), []);
  const lines = index.update(text).count;
  const viewport = useRef<HTMLDivElement>(null);
  const pre = useRef<HTMLPreElement>(null);
  const [view, setView] = useState({ top: 0, height: 0, lineHeight: 0 });
  const follow = useRef(true);
  const frame = useRef(0);

  // Measure once; follow the end while the reader is at the bottom.
  useLayoutEffect(() => {
    const element = viewport.current!;
    const lineHeight = view.lineHeight || parseFloat(getComputedStyle(pre.current!).lineHeight) || 18;
    if (follow.current) element.scrollTop = element.scrollHeight;
    if (lineHeight !== view.lineHeight || element.clientHeight !== view.height || element.scrollTop !== view.top) {
      setView({ top: element.scrollTop, height: element.clientHeight, lineHeight });
    }
  }, [lines, view]);

  const onScroll = () => {
    cancelAnimationFrame(frame.current);
    frame.current = requestAnimationFrame(() => {
      const element = viewport.current;
      if (!element) return;
      follow.current = element.scrollTop + element.clientHeight >= element.scrollHeight - view.lineHeight;
      setView((v) => ({ ...v, top: element.scrollTop, height: element.clientHeight }));
    });
  };

  const lineCount = `${formatCount(lines)} ${lines === 1 ? "line" : "lines"}`; // one line of megabytes
  const lineHeight = view.lineHeight || 18;
  const first = Math.max(0, Math.floor(view.top / lineHeight) - OVERSCAN);
  const end = Math.min(lines, Math.ceil((view.top + view.height) / lineHeight) + OVERSCAN);
  return (
    <div className={`stream-long ${name}`}>
      <p className="stream-summary">
        <span>
          {name === "stderr" ? "stderr" : "Output"}: {lineCount}
        </span>
        <CopyAll text={text} />
      </p>
      <div
        ref={viewport}
        className="stream-viewport"
        onScroll={onScroll}
        tabIndex={0}
        role="region"
        aria-label={`${name}, ${lineCount} (scroll to read)`}
        aria-live="off"
      >
        <div style={{ height: lines * lineHeight }}>
          <pre ref={pre} className={`stream ${name}`} style={{ transform: `translateY(${first * lineHeight}px)` }}>
            {render(index.slice(first, end, MAX_LINE_CHARS))}
          </pre>
        </div>
      </div>
    </div>
  );
}

/** Copies the whole text; says "Copied" (or "Copy failed") for a moment. */
function CopyAll({ text }: { text: string }) {
  const [state, setState] = useState<"idle" | "copied" | "failed">("idle");
  const copy = () =>
    Promise.resolve()
      .then(() => navigator.clipboard.writeText(text)) // absent outside secure contexts: a failure too
      .then(
        () => setState("copied"),
        () => setState("failed"),
      )
      .then(() => setTimeout(() => setState("idle"), 2000));
  return (
    <button type="button" className="code-action" onClick={() => void copy()} aria-live="polite">
      {state === "copied" ? "Copied" : state === "failed" ? "Copy failed" : "Copy all output"}
    </button>
  );
}

/** Newlines in `text`, counting no further than `limit` (a short output is not scanned twice). */
function countLines(text: string, limit: number): number {
  let count = 1;
  for (let at = text.indexOf("\n"); at !== -1 && count <= limit; at = text.indexOf("\n", at + 1)) count++;
  return count;
}
