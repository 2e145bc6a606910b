/**
 * A chart output's spec, checked before any of Vega is loaded. The spec is model-written: it
 * arrives as JSON text (or an object) and must be a JSON object; whether it is Vega-Lite or
 * plain Vega is read from its `$schema` (the MIME type says Vega-Lite, so that is the default).
 */
import { formatCount } from "../../../lib/count";
import { messageOf } from "../../../lib/message-of";

export type ChartSpec = { kind: "vega-lite" | "vega"; spec: Record<string, unknown> };

export type ParsedChart = ChartSpec | { kind: "invalid"; message: string };

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

export function parseChartSpec(value: unknown): ParsedChart {
  let spec = value;
  if (typeof value === "string") {
    try {
      spec = JSON.parse(value);
    } catch (error) {
      return { kind: "invalid", message: `The chart spec is not valid JSON (${messageOf(error)}).` };
    }
  }
  if (!isRecord(spec)) return { kind: "invalid", message: "The chart spec is not a JSON object." };
  const points = dataPoints(spec);
  if (points > MAX_POINTS) {
    const message = `This chart has ${formatCount(Math.round(points))} data points; at most ${formatCount(MAX_POINTS)} are drawn here (more would freeze the page). Aggregate or sample the data first.`;
    return { kind: "invalid", message };
  }
  const schema = typeof spec.$schema === "string" ? spec.$schema : "";
  const kind = /\/schema\/vega\/v\d/.test(schema) ? "vega" : "vega-lite";
  return { kind, spec: withoutEmbedOptions(spec) };
}

/** Charts are drawn as SVG on the page's thread: 200,000 points held it 12 s. */
export const MAX_POINTS = 50_000;

/**
 * How many data points a spec brings, wherever they are: inline `values`, and generated
 * sequences (Vega-Lite's `data.sequence`, Vega's sequence transform), which a few bytes make huge.
 */
function dataPoints(node: unknown, depth = 0): number {
  if (depth > 64 || typeof node !== "object" || node === null) return 0;
  if (Array.isArray(node)) return node.reduce((sum: number, item) => sum + dataPoints(item, depth + 1), 0);
  const record = node as Record<string, unknown>;
  let sum = Array.isArray(record.values) ? record.values.length : 0;
  // Vega-Lite's named datasets: { "datasets": { "d": [ …rows ] } }
  if (isRecord(record.datasets)) {
    for (const rows of Object.values(record.datasets)) if (Array.isArray(rows)) sum += rows.length;
  }
  const sequence = isRecord(record.sequence) ? record.sequence : record.type === "sequence" ? record : null;
  if (sequence) sum += sequenceLength(sequence);
  for (const [key, value] of Object.entries(record)) {
    if (key !== "values" && key !== "datasets") sum += dataPoints(value, depth + 1);
  }
  return sum;
}

function sequenceLength({ start = 0, stop, step = 1 }: Record<string, unknown>): number {
  if (typeof start !== "number" || typeof stop !== "number" || typeof step !== "number" || step === 0) return 0;
  return Math.max(0, (stop - start) / step);
}

/**
 * vega-embed reads options (loaders, actions, the expression compiler) from `usermeta.embedOptions`
 * inside the spec itself; they are dropped so no spec can switch the app's choices, whatever renders it.
 */
function withoutEmbedOptions(spec: Record<string, unknown>): Record<string, unknown> {
  if (!isRecord(spec.usermeta) || !("embedOptions" in spec.usermeta)) return spec;
  const usermeta = { ...spec.usermeta };
  delete usermeta.embedOptions;
  return { ...spec, usermeta };
}
