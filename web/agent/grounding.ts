/**
 * Answer grounding: checks that every number in the model's final answer comes from real output.
 *
 * Contract: `groundAnswer(answer, sources, question?)` extracts the numbers the answer states (see
 * grounding-numbers.ts for what counts as a number and what is skipped) and, for each, looks for an
 * output number of that turn's runs that supports it. A claim is supported by an output number x when
 * x, rounded to the precision the claim is written at, gives the claim:
 *   - plain:    16.439083 → "16.4", "16.44", "16"; 1234.5678 → "1,234.57", "1.23k"; 1234567.89 → "$1.2M"
 *   - percent:  x × 100 or x itself rounds to it: 0.4387 → "43.9%", 43.87 → "44%"
 *   - an output percentage also supports the plain fraction: "43.87%" → "0.44"
 *   - an unsigned claim may match a negative output ("fell by 3.2" ← -3.2) since prose often carries the
 *     sign in words; an explicitly signed claim must match the sign.
 * Rounding ties are accepted either way (Python and people round halves differently); truncation is not.
 * The LAST source that supports a claim wins (the most recent computation); within it, an output number
 * equal to the claim's value is preferred over one that merely rounds to it, then the first occurrence.
 * Numbers anywhere in `question` (code included: the user typed them) also count as traced, with
 * cellId "question", checked after every cell so a traced number points at a run whenever it can.
 * Pure: no DOM, no I/O.
 */
import { extractNumbers, type NumberToken } from "./grounding-numbers";

export interface GroundingSource {
  cellId: string;
  /** One run's visible output: stdout + stderr + result text, in order. */
  text: string;
}

export interface GroundedNumber {
  /** As written in the answer, e.g. "1,234.5", "12%", "$3.2M", "-0.75". */
  text: string;
  /** Offsets in the answer: answer.slice(start, end) === text. */
  start: number;
  end: number;
  /** Parsed value: "12%" → 12, "$3.2M" → 3_200_000. */
  value: number;
  /** "%" for percentages, the currency symbol for money, otherwise null. */
  unit: "%" | "$" | "€" | "£" | null;
  /** A bare integer with |value| ≤ 10 ("3 columns"): such numerals are everywhere, so the UI may mute them. */
  trivial: boolean;
  /** Where the number was found; null = found in no output (and not in the question). */
  source: { cellId: string; match: string } | null;
}

export interface GroundingReport {
  numbers: GroundedNumber[];
  traced: number;
  untraced: number;
}

export const QUESTION_SOURCE_ID = "question";

interface IndexedSource {
  cellId: string;
  tokens: NumberToken[];
  /** Token values and percent flags, unpacked so the claims × numbers loop stays numeric. */
  values: Float64Array;
  percents: Uint8Array;
}

function indexSource(cellId: string, text: string): IndexedSource {
  const tokens = extractNumbers(text, "output");
  return {
    cellId,
    tokens,
    values: Float64Array.from(tokens, (t) => t.value),
    percents: Uint8Array.from(tokens, (t) => (t.percent ? 1 : 0)),
  };
}

/**
 * The readings x that support a claim form one interval: x rounded to the claim's precision gives the
 * mantissa iff |x / scale - mantissa| <= half a unit in the last written place. Unsigned claims test |x|.
 */
interface Window {
  lo: number;
  hi: number;
  sign: NumberToken["sign"];
  percent: boolean;
  value: number;
}

function windowOf(claim: NumberToken): Window {
  // The relative slack absorbs binary floating point (0.12345 * 100 = 12.344999...), nothing more.
  const half = 0.5 * 10 ** -claim.decimals * (1 + 1e-9);
  const [a, b] = [(claim.mantissa - half) * claim.scale, (claim.mantissa + half) * claim.scale];
  return { lo: Math.min(a, b), hi: Math.max(a, b), sign: claim.sign, percent: claim.percent, value: claim.value };
}

/** 0 = the reading is the claim's value itself, 1 = it rounds to the claim, null = no support. */
function rank(x: number, w: Window): 0 | 1 | null {
  const y = w.sign === null ? Math.abs(x) : x;
  if (!(y >= w.lo && y <= w.hi) || (w.sign === "+" && x < 0)) return null;
  return Math.abs(y - w.value) <= 1e-9 * Math.max(1, Math.abs(w.value)) ? 0 : 1;
}

function findSource(claim: NumberToken, sources: IndexedSource[]): GroundedNumber["source"] {
  const w = windowOf(claim);
  for (let i = sources.length - 1; i >= 0; i--) {
    const { values, percents, tokens, cellId } = sources[i];
    let best = -1;
    let bestRank = 2;
    for (let j = 0; j < values.length && bestRank > 0; j++) {
      // Second reading: a fraction for a percent claim, or an output percentage for a plain claim.
      const other = w.percent ? values[j] * 100 : percents[j] ? values[j] / 100 : Number.NaN;
      const r = Math.min(rank(values[j], w) ?? 2, rank(other, w) ?? 2);
      if (r < bestRank) [best, bestRank] = [j, r];
    }
    if (best >= 0) return { cellId, match: tokens[best].text };
  }
  return null;
}

export function groundAnswer(answer: string, sources: GroundingSource[], question?: string): GroundingReport {
  const claims = extractNumbers(answer, "prose");
  if (claims.length === 0) return { numbers: [], traced: 0, untraced: 0 };

  // Searched from the end: the question goes first so that every cell outranks it.
  const indexed = sources.map((s) => indexSource(s.cellId, s.text));
  if (question) indexed.unshift(indexSource(QUESTION_SOURCE_ID, question));

  const numbers = claims.map((claim): GroundedNumber => ({
    text: claim.text,
    start: claim.start,
    end: claim.end,
    value: claim.value,
    unit: claim.percent ? "%" : claim.currency,
    trivial: claim.plainInteger && Math.abs(claim.value) <= 10,
    source: findSource(claim, indexed),
  }));
  const traced = numbers.filter((n) => n.source !== null).length;
  return { numbers, traced, untraced: numbers.length - traced };
}
