import type { MimeBundle } from "../../kernel/protocol";
import type { Output } from "../../kernel/cells";
import "./ansi.css";
import { parseAnsi } from "./ansi";
import { ChartView } from "./chart/ChartView";
import { HtmlFrame } from "./HtmlFrame";
import { StreamText } from "./StreamText";
import { svgTooCostly } from "../../lib/svg-cost";

/**
 * Text with ANSI colours: spans of text nodes, never HTML. Plain text stays one node. A part of a
 * longer text starts in the colours the text `before` it left set.
 */
function AnsiText({ text, before = "" }: { text: string; before?: string }) {
  if (!text.includes("\x1b") && !before.includes("\x1b")) return text;
  return parseAnsi(text, before).map((run, i) =>
    run.classes.length ? (
      <span key={i} className={run.classes.join(" ")}>
        {run.text}
      </span>
    ) : (
      run.text
    ),
  );
}

/** One output of a cell. Text is always a text node; HTML only ever in a script-less frame. */
export function OutputView({ output }: { output: Output }) {
  switch (output.type) {
    case "stream":
      return (
        <StreamText
          name={output.name}
          text={output.text}
          render={(text, before) => <AnsiText text={text} before={before} />}
        />
      );
    case "progress":
      return <p className="progress-note">{output.message}</p>;
    case "notice":
      return <p className="notice">{output.message}</p>;
    case "error":
      // The message is the code's to choose, megabytes on one line included: laid out whole, that
      // held the page for seconds (e2e/security-bombs.spec.ts). Long ones are windowed, as stderr is.
      return (
        <div className="traceback" role="alert">
          <StreamText
            name="stderr"
            text={output.error.traceback}
            render={(text, before) => <AnsiText text={text} before={before} />}
          />
        </div>
      );
    case "display":
    case "result":
      return <BundleView data={output.data} />;
  }
}

function BundleView({ data }: { data: MimeBundle }) {
  // A chart is the richest form a value offers (altair sends a spec and a text fallback).
  const chart = data["application/vnd.vegalite.v5+json"];
  if (chart) return <ChartView spec={chart} />;
  if (data["image/png"]) return <img alt="Figure" src={`data:image/png;base64,${data["image/png"]}`} />;
  if (data["image/jpeg"]) return <img alt="Figure" src={`data:image/jpeg;base64,${data["image/jpeg"]}`} />;
  // SVG only as an image: scripts inside an <img> never run.
  const svg = data["image/svg+xml"];
  if (svg && svgTooCostly(svg)) {
    return <p className="notice">Not shown: this SVG makes too many elements to draw without freezing the page.</p>;
  }
  if (svg) return <img alt="Figure" src={`data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`} />;
  if (data["text/html"]) return <HtmlFrame html={data["text/html"]} />;
  if (data["application/json"]) return <pre className="json">{data["application/json"]}</pre>;
  return <pre className="result">{data["text/plain"] ?? ""}</pre>;
}
