import { useEffect, useMemo, useRef, useState } from "react";
import "./chart.css";
import { refusingLoader } from "./loader";
import type { DrawnChart } from "./draw";
import { parseChartSpec } from "./spec";

type ChartState = { kind: "drawing" } | { kind: "drawn"; chart: DrawnChart } | { kind: "failed"; message: string };

/**
 * A Vega-Lite (or Vega) chart output, drawn interactively. Vega is loaded on first use, so it
 * stays out of the main bundle. URLs in the spec are never fetched; the chart says which it skipped.
 */
export function ChartView({ spec }: { spec: string }) {
  const parsed = useMemo(() => parseChartSpec(spec), [spec]);
  const holder = useRef<HTMLDivElement>(null);
  const [state, setState] = useState<ChartState>({ kind: "drawing" });
  const [refused, setRefused] = useState<string[]>([]);

  useEffect(() => {
    if (parsed.kind === "invalid" || !holder.current) return;
    // A fresh element per drawing: a drawing that finishes after its spec changed leaves no trace.
    const frame = holder.current.appendChild(document.createElement("div"));
    frame.className = "chart-frame";
    const target = frame.appendChild(document.createElement("div"));
    let drawn: DrawnChart | undefined;
    let cancelled = false;
    const loader = refusingLoader((message) => {
      if (!cancelled) setRefused((all) => (all.includes(message) ? all : [...all, message]));
    });
    import("./draw")
      .then(({ drawChart }) => drawChart(target, frame, parsed, loader))
      .then(
        (chart) => {
          if (cancelled) return chart.finalize();
          drawn = chart;
          setState({ kind: "drawn", chart });
        },
        (error: Error) => !cancelled && setState({ kind: "failed", message: error.message }),
      );
    return () => {
      cancelled = true;
      drawn?.finalize();
      frame.remove();
    };
  }, [parsed]);

  if (parsed.kind === "invalid") return <p className="notice">Chart not shown: {parsed.message}</p>;
  return (
    <figure className="chart" aria-label="Chart" aria-busy={state.kind === "drawing"}>
      <div className="chart-scroll" ref={holder} />
      {state.kind === "failed" && <p className="notice">Chart not drawn: {state.message}</p>}
      {refused.map((message) => (
        <p key={message} className="notice">
          {message}
        </p>
      ))}
      {state.kind === "drawn" && <ChartActions chart={state.chart} />}
    </figure>
  );
}

function ChartActions({ chart }: { chart: DrawnChart }) {
  const saveSvg = () => chart.svg().then((svg) => download("chart.svg", new Blob([svg])));
  const savePng = () => chart.png().then((png) => download("chart.png", png));
  return (
    <div className="chart-actions">
      <button type="button" className="code-action" onClick={() => void saveSvg()}>
        Save as SVG
      </button>
      <button type="button" className="code-action" onClick={() => void savePng()}>
        Save as PNG
      </button>
    </div>
  );
}

/** Saves bytes as a download (an octet-stream: never opened as a page in the app's origin). */
function download(name: string, blob: Blob) {
  const url = URL.createObjectURL(new Blob([blob], { type: "application/octet-stream" }));
  const a = document.createElement("a");
  a.href = url;
  a.download = name;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
