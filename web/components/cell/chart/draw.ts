/**
 * Draws a chart with Vega — the one module that imports it, loaded only when a chart appears.
 *
 * The page's CSP has no 'unsafe-eval' and requires Trusted Types, so: expressions run in
 * vega-interpreter from the parsed AST (`ast: true`; Vega's default compiler uses Function),
 * tooltips are text (tooltip.ts), and every URL goes to the refusing loader (loader.ts).
 * vega-embed is not used: its embed() clears the container with `innerHTML = ''`, which
 * Trusted Types blocks (seen in Chromium), and it injects a <style> the CSP refuses.
 */
import { parse, View, type Loader, type Spec } from "vega";
import { expressionInterpreter } from "vega-interpreter";
import { compile, type TopLevelSpec } from "vega-lite";
import type { ChartSpec } from "./spec";
import { textTooltip } from "./tooltip";

export interface DrawnChart {
  /** The chart as SVG text, for "Save as SVG". */
  svg(): Promise<string>;
  /** The chart as a PNG, for "Save as PNG". */
  png(): Promise<Blob>;
  /** Removes listeners and timers; the container is cleared by the caller. */
  finalize(): void;
}

/** Draws into `container`; `frame` (its parent) holds tooltips and widens for charts that fit their container. */
export async function drawChart(
  container: HTMLElement,
  frame: HTMLElement,
  chart: ChartSpec,
  loader: Loader,
): Promise<DrawnChart> {
  const spec = (chart.kind === "vega-lite" ? compile(chart.spec as unknown as TopLevelSpec).spec : chart.spec) as Spec;
  // `width: "container"` compiles to autosize "fit": the chart takes its container's width.
  const { autosize: size } = spec;
  const autosize = size && typeof size === "object" && "type" in size ? size.type : size;
  frame.classList.toggle("chart-fit", typeof autosize === "string" && autosize.startsWith("fit"));
  const view = new View(parse(spec, undefined, { ast: true }), {
    loader,
    renderer: "svg",
    expr: expressionInterpreter,
    tooltip: textTooltip(frame),
    hover: chart.kind === "vega", // Vega-Lite compiles its own hover handling
  });
  try {
    await view.initialize(container).runAsync();
  } catch (error) {
    view.finalize();
    throw error;
  }
  return {
    svg: () => view.toSVG(),
    png: async () => {
      const canvas = await view.toCanvas(2);
      return new Promise((resolve, reject) =>
        canvas.toBlob(
          (blob) => (blob ? resolve(blob) : reject(new Error("The chart could not be drawn as PNG."))),
          "image/png",
        ),
      );
    },
    finalize: () => view.finalize(),
  };
}
