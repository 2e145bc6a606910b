/**
 * A cell's stdout or stderr. Up to a few thousand lines it is one plain <pre>. Past that only the
 * lines in view are in the page (issue 8): laying out 200,000 lines on every update held the
 * page for seconds, and typing with it. The long form scrolls like a terminal — it follows new
 * output while at the bottom — and "Copy all output" copies the whole text, as a selection can
 * only take the lines in view. Its text is kept out of the cell's live log (scrolling would be
 * read out as new output); the line count says what is there.
 */
import { useLayoutEffect, useMemo, useRef, useState, type ReactNode } from "react";
import { LineIndex } from "./lines";
import "./stream-text.css";

/** Past either, the text is shown through a window. */
const MAX_PLAIN_LINES = 10_000;
const MAX_PLAIN_CHARS = 300_000;
/** Lines drawn beyond the visible ones, above and below, so fast scrolling shows no gap. */
const OVERSCAN = 40;
/** A line is drawn up to this many characters (the rest is still copied). */
const MAX_LINE_CHARS = 4000;

interface StreamTextProps {
  name: "stdout" | "stderr";
  text: string;
  /** Draws text (ANSI colours as styled spans). */
  render: (text: string) => ReactNode;
}

export function StreamText({ name, text, render }: StreamTextProps) {
  const long = text.length > MAX_PLAIN_CHARS || countLines(text, MAX_PLAIN_LINES) > MAX_PLAIN_LINES;
  if (!long) return <pre className={`stream ${name}`}>{render(text)}</pre>;
  return <LongStream name={name} text={text} render={render} />;
}

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

  const lineHeight = view.lineHeight || 18;
  const first = Math.max(0, Math.floor(view.top / lineHeight) - OVERSCAN);
  const end = Math.min(lines, Math.ceil((view.top + view.height) / lineHeight) + OVERSCAN);
  return (
    <div className={`stream-long ${name}`}>
      <p className="stream-summary">
        <span>
          {name === "stderr" ? "stderr" : "Output"}: {lines.toLocaleString("en")} lines
        </span>
        <CopyAll text={text} />
      </p>
      <div
        ref={viewport}
        className="stream-viewport"
        onScroll={onScroll}
        tabIndex={0}
        role="region"
        aria-label={`${name}, ${lines.toLocaleString("en")} lines (scroll to read)`}
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
