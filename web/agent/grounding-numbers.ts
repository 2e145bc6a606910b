/**
 * Number extraction for answer grounding (the matching lives in grounding.ts).
 *
 * Contract: `extractNumbers(text, mode)` returns every number written in `text`, in order, with its
 * offsets, its value, and the precision it was written at, because a claim is later checked by
 * rounding real output to exactly that precision ("16.4" is 1 decimal, "$3.2M" is 0.1 million).
 *
 * - "prose" (the model's answer or the user's question): markdown code spans and blocks, link targets,
 *   URLs, list markers ("1. ") and enumerators ("Step 2", "Table 3") are not claims and are skipped.
 *   A hedged round integer ("about 1,500") may be rounded to two significant figures.
 * - "output" (Python stdout/stderr/reprs): everything counts, and comma-grouped numbers are also read
 *   ungrouped, since "1,234" in a printed CSV row is two fields, while f"{n:,}" prints one number.
 *
 * Never matched: numbers glued to an identifier ("float64", "temp_max2", "Q3", "COVID-19") and dotted chains
 * ("3.11.2", "192.168.0.1", "15.01.2024"), which are versions, addresses or dates, not quantities.
 */

export interface NumberToken {
  text: string;
  start: number;
  end: number;
  /** Full value: sign, suffix and exponent applied. "12%" → 12, "$3.2M" → 3_200_000. */
  value: number;
  /** The signed number as written before any scaling: "$3.2M" → 3.2, "-1.5e-3" → -1.5. */
  mantissa: number;
  /** What the mantissa is multiplied by: 1e6 for "M"/"million", 1e-3 for "e-3". */
  scale: number;
  /** Decimal places of the mantissa; negative for hedged round integers ("about 1,500" → -2). */
  decimals: number;
  /** Explicit sign as written; null for an unsigned number. */
  sign: "-" | "+" | null;
  percent: boolean;
  currency: "$" | "€" | "£" | null;
  /** Written as a bare integer: no decimals, unit, currency, suffix or exponent. */
  plainInteger: boolean;
}

export type ExtractMode = "prose" | "output";

const SUPERSCRIPT = "⁰¹²³⁴⁵⁶⁷⁸⁹";
const SUFFIX_SCALE: Record<string, number> = {
  k: 1e3,
  K: 1e3,
  thousand: 1e3,
  M: 1e6,
  mn: 1e6,
  million: 1e6,
  B: 1e9,
  bn: 1e9,
  billion: 1e9,
  T: 1e12,
  trillion: 1e12,
  // German, as in "0,81 Mio. €"
  Tsd: 1e3,
  Mio: 1e6,
  Mrd: 1e9,
};

// Groups: 1 sign, 2 currency, 3 sign after currency ("$-5"), 4 integer part, 5 fraction,
// 6 e-exponent, 7 "×10^n" exponent, 8 "×10ⁿ" superscript exponent, 9 percent, 10 word suffix, 11 letter suffix.
function numberPattern(grouping: boolean): RegExp {
  const grouped = grouping ? String.raw`\d{1,3}(?:,\d{3})+(?!\d)|\d{1,3}(?:[\u00a0\u2009\u202f]\d{3})+(?!\d)|` : "";
  return new RegExp(
    String.raw`([-+\u2212]?)([$€£]?)([-\u2212]?)(${grouped}\d+|(?=\.\d))(\.\d+)?` +
      String.raw`(?:[eE]([-+]?\d+)|\s?[×x*]\s?10(?:\^\(?([-+\u2212]?\d+)\)?|([⁻]?[${SUPERSCRIPT}]+)))?` +
      String.raw`(?:\s?(%|percent(?!\p{L})|per cent(?!\p{L}))` +
      String.raw`|\s?(thousand|million|billion|trillion|bn|mn|Tsd|Mio|Mrd)(?!\p{L})|([kKMBT])(?![\p{L}\p{N}]))?`,
    "gu",
  );
}
const GROUPED = numberPattern(true);
const UNGROUPED = numberPattern(false);

const HEDGE = /(?:about|approximately|approx\.?|around|roughly|nearly|almost|some|circa|~|≈|∼)\s*$/i;
const ENUMERATOR =
  /(\b(?:step|cell|figure|fig\.|table|section|chapter|part|option|phase|stage|line|item)\s+#?)(\d+)(?![.,]?\d)/gi;

const isDigit = (c: string | undefined): boolean => c !== undefined && c >= "0" && c <= "9";
const isWordChar = (c: string | undefined): boolean => c !== undefined && /[\p{L}\p{N}_]/u.test(c);
const blank = (s: string): string => s.replace(/[^\n]/g, " ");

/** Blanks out (same length, newlines kept) everything in an answer that is not a claim. */
function maskProse(text: string): string {
  return (
    text
      // Fenced code blocks; an unclosed fence runs to the end, as markdown renders it.
      .replace(/^[ \t]*(`{3,}|~{3,})[^\n]*\n[\s\S]*?(?:^[ \t]*\1[ \t]*$|(?![\s\S]))/gm, blank)
      .replace(/(`+)(?!`)[\s\S]*?[^`]\1(?!`)/g, blank)
      .replace(/\bhttps?:\/\/[^\s)>\]]+/g, blank)
      .replace(/\]\([^)\s]*\)/g, blank)
      .replace(/^([ \t]*(?:>[ \t]*)*(?:#{1,6}[ \t]+)?)(\d{1,9}[.)])(?=[ \t])/gm, (_, pre: string, marker: string) =>
        pre.concat(blank(marker)),
      )
      .replace(ENUMERATOR, (_, pre: string, num: string) => pre.concat(blank(num)))
  );
}

function superscriptToInt(s: string): number {
  let n = 0;
  for (const c of s.replace("⁻", "")) n = n * 10 + SUPERSCRIPT.indexOf(c);
  return s.startsWith("⁻") ? -n : n;
}

function parse(text: string, m: RegExpExecArray, mode: ExtractMode): NumberToken | null {
  const [whole, rawSign1, cur, rawSign2, intPart, frac, exp, caretExp, supExp, pct, word, letter] = m;
  let start = m.index;
  let sign1 = rawSign1;
  // A sign glued to a number is a range dash ("10-20"); glued to a word it makes a name ("COVID-19", "GPT-4").
  if (sign1 && isWordChar(text[start - 1])) {
    if (!isDigit(text[start - 1])) return null;
    sign1 = "";
    start += 1;
  }
  if (sign1 && cur === "" && rawSign2 !== "") return null; // "--5": not a number we understand
  const lead = start + sign1.length + cur.length + rawSign2.length;
  const end = m.index + whole.length;
  if (!sign1 && !cur && !rawSign2) {
    const prev = text[lead - 1];
    if (isWordChar(prev)) return null; // identifier: float64, Q3, x2
    if (prev === "." && isDigit(text[lead - 2])) return null; // tail of a dotted chain
  }
  if (text[end] === "." && isDigit(text[end + 1])) return null; // head of a dotted chain

  const signChar = sign1 || rawSign2;
  const sign = signChar === "" ? null : signChar === "+" ? "+" : "-";
  const digits = intPart.replace(/[^\d]/g, "");
  const decimalsWritten = frac ? frac.length - 1 : 0;
  const magnitude = Number(`${digits || "0"}${frac ?? ""}`);
  const mantissa = sign === "-" ? -magnitude : magnitude;
  const expText = exp ?? caretExp?.replace("\u2212", "-");
  const exponent = expText !== undefined ? Number(expText) : supExp !== undefined ? superscriptToInt(supExp) : 0;
  const suffix = word ?? letter;
  const scale = 10 ** exponent * (suffix ? SUFFIX_SCALE[suffix] : 1);
  const plainInteger = !frac && !pct && !cur && !suffix && exponent === 0 && expText === undefined;

  let decimals = decimalsWritten;
  // "about 1,500" claims hundreds, not units; two significant figures is as coarse as a hedge may go.
  if (mode === "prose" && !frac && magnitude !== 0 && HEDGE.test(text.slice(Math.max(0, start - 16), start))) {
    const trailingZeros = digits.length - digits.replace(/0+$/, "").length;
    decimals = -Math.max(0, Math.min(trailingZeros, digits.length - 2));
  }
  return {
    text: text.slice(start, end),
    start,
    end,
    value: mantissa * scale,
    mantissa,
    scale,
    decimals,
    sign,
    percent: pct !== undefined,
    currency: cur === "" ? null : (cur as "$" | "€" | "£"),
    plainInteger,
  };
}

function scan(text: string, searchIn: string, pattern: RegExp, mode: ExtractMode): NumberToken[] {
  const found: NumberToken[] = [];
  pattern.lastIndex = 0;
  for (let m = pattern.exec(searchIn); m !== null; m = pattern.exec(searchIn)) {
    const token = parse(searchIn, m, mode);
    // Offsets are shared with the unmasked text, so the token text comes from the original.
    if (token) found.push({ ...token, text: text.slice(token.start, token.end) });
  }
  return found;
}

/**
 * Numbers in European notation read as English, at the same length so offsets hold:
 * "328.114,59" → "328,114.59" (dot groups with a decimal comma, or two dot groups or more), and
 * "40,5" → "40.5" (a comma before one, two, or four or more digits: never an English group).
 * "1.234" alone stays a decimal, "1,234" a thousands group; dates and versions are untouched.
 */
function europeanAsEnglish(text: string): string {
  const swap = (n: string) => n.replace(/[.,]/g, (c) => (c === "." ? "," : "."));
  return text
    .replace(/(?<![\d.,])\d{1,3}(?:(?:\.\d{3})+,\d+|(?:\.\d{3}){2,})(?![.,]?\d)/g, swap)
    .replace(/(?<![\d.,])(\d+),(\d{1,2}|\d{4,})(?![.,]?\d)/g, "$1.$2");
}

/** Every number in `text`, in order of appearance (output mode may list overlapping readings). */
export function extractNumbers(text: string, mode: ExtractMode): NumberToken[] {
  if (mode === "prose") return scan(text, europeanAsEnglish(maskProse(text)), GROUPED, mode);
  const grouped = scan(text, text, GROUPED, mode);
  if (!/\d,\d{3}/.test(text)) return grouped;
  const extra = scan(text, text, UNGROUPED, mode).filter(
    (t) => !grouped.some((g) => g.start === t.start && g.end === t.end),
  );
  return [...grouped, ...extra].sort((a, b) => a.start - b.start || a.end - b.end);
}
