/**
 * A chart output's spec, checked before any of Vega is loaded. The spec is model-written: it
 * arrives as JSON text (or an object) and must be a JSON object; whether it is Vega-Lite or
 * plain Vega is read from its `$schema` (the MIME type says Vega-Lite, so that is the default).
 */
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
  const schema = typeof spec.$schema === "string" ? spec.$schema : "";
  const kind = /\/schema\/vega\/v\d/.test(schema) ? "vega" : "vega-lite";
  return { kind, spec: withoutEmbedOptions(spec) };
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
