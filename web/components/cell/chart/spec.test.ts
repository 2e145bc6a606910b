import { describe, expect, it } from "vitest";
import { parseChartSpec } from "./spec";

describe("a chart output's spec", () => {
  const bars = { $schema: "https://vega.github.io/schema/vega-lite/v5.json", mark: "bar", data: { values: [] } };

  it("reads JSON text or an object, Vega-Lite unless the schema says Vega", () => {
    expect(parseChartSpec(JSON.stringify(bars))).toEqual({ kind: "vega-lite", spec: bars });
    expect(parseChartSpec({ mark: "point" })).toEqual({ kind: "vega-lite", spec: { mark: "point" } });
    const vega = { $schema: "https://vega.github.io/schema/vega/v6.json", marks: [] };
    expect(parseChartSpec(vega)).toEqual({ kind: "vega", spec: vega });
  });

  it("rejects what is not a JSON object", () => {
    expect(parseChartSpec("{not json").kind).toBe("invalid");
    expect(parseChartSpec("[1, 2]")).toEqual({ kind: "invalid", message: "The chart spec is not a JSON object." });
    expect(parseChartSpec("null").kind).toBe("invalid");
  });

  it("drops embed options a spec carries for itself", () => {
    const hostile = { ...bars, usermeta: { note: "kept", embedOptions: { actions: true, loader: { baseURL: "x" } } } };
    const parsed = parseChartSpec(hostile);
    expect(parsed).toEqual({ kind: "vega-lite", spec: { ...bars, usermeta: { note: "kept" } } });
  });

  it("refuses more data points than the page can draw, generated ones too", () => {
    const sequence = { mark: "point", data: { sequence: { start: 0, stop: 1_000_000, as: "x" } } };
    expect(parseChartSpec(sequence)).toMatchObject({
      kind: "invalid",
      message: expect.stringContaining("1,000,000 data points"),
    });
    const vega = {
      $schema: "https://vega.github.io/schema/vega/v6.json",
      data: [{ name: "t", transform: [{ type: "sequence", start: 0, stop: 3e6 }] }],
    };
    expect(parseChartSpec(vega).kind).toBe("invalid");
    const layered = {
      layer: [{ data: { values: Array(30_000).fill({}) } }, { data: { values: Array(30_000).fill({}) } }],
    };
    expect(parseChartSpec(layered).kind).toBe("invalid");
    const named = { datasets: { d: Array(60_000).fill({ x: 1 }) }, data: { name: "d" }, mark: "point" };
    expect(parseChartSpec(named).kind).toBe("invalid");
    const fine = { mark: "point", data: { values: Array.from({ length: 5000 }, (_, x) => ({ x })) } };
    expect(parseChartSpec(fine).kind).toBe("vega-lite");
  });
});
