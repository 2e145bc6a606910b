/** Medians with min/max, results.json and the Markdown table. */
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";

export interface Figure {
  name: string;
  unit: string;
  ours: number[];
  baseline?: number[];
  baselineName?: string;
  target: string;
}

export const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
};

const fmt = (x: number) => (x >= 100 ? x.toFixed(0) : x >= 10 ? x.toFixed(1) : x.toFixed(2));
const span = (xs: number[]) => `${fmt(median(xs))} (${fmt(Math.min(...xs))}–${fmt(Math.max(...xs))})`;

const RESULTS = join(import.meta.dirname, "results.json");

/** Adds figures to bench/results.json (replacing same-named ones) and rewrites bench/results.md. */
export function record(figures: Figure[]): void {
  let all: Figure[] = [];
  try {
    all = JSON.parse(readFileSync(RESULTS, "utf8")).figures;
  } catch {
    // first run
  }
  const names = new Set(figures.map((f) => f.name));
  all = [...all.filter((f) => !names.has(f.name)), ...figures];
  writeFileSync(RESULTS, JSON.stringify({ measured: new Date().toISOString(), figures: all }, null, 2) + "\n");
  const rows = all.map((f) => {
    const r = f.baseline ? median(f.ours) / median(f.baseline) : NaN;
    const ratio = Number.isFinite(r) ? `${r < 0.1 ? r.toFixed(3) : r.toFixed(2)}×` : "—";
    const base = f.baseline ? `${span(f.baseline)} ${f.baselineName ?? ""}`.trim() : "—";
    return `| ${f.name} | ${span(f.ours)} ${f.unit} | ${base} | ${ratio} | ${f.target} |`;
  });
  const table = [
    "| Figure | Ours: median (min–max) | Baseline, same run | Ratio | Target |",
    "|---|---|---|---|---|",
    ...rows,
  ].join("\n");
  writeFileSync(join(import.meta.dirname, "results.md"), table + "\n");
  console.log("\n" + table + "\n");
}
