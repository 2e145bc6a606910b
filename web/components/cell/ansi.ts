/**
 * ANSI colour codes (SGR) in stdout/stderr, parsed into styled runs of plain text. Output is
 * never HTML: the runs become text nodes with a class; every other escape sequence is dropped.
 */
export interface AnsiRun {
  text: string;
  /** CSS classes: ansi-fg-N, ansi-bg-N (0–15), ansi-bold, ansi-italic, ansi-underline. */
  classes: string[];
}

// CSI sequences (ESC [ params letter) and OSC sequences (ESC ] … BEL/ST); other lone escapes.
// eslint-disable-next-line no-control-regex -- escape characters are what this parses
const ESCAPE = /\x1b\[([0-9;?]*)([A-Za-z])|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)|\x1b[@-Z\\-_]/g;

interface Style {
  fg?: number;
  bg?: number;
  bold?: boolean;
  italic?: boolean;
  underline?: boolean;
}

/** Runs of `input`, which starts in the style the text `before` it left set. */
export function parseAnsi(input: string, before = ""): AnsiRun[] {
  const runs: AnsiRun[] = [];
  let style = styleAfter(before);
  let last = 0;
  const push = (text: string) => {
    if (text) runs.push({ text, classes: classesOf(style) });
  };
  for (const match of input.matchAll(ESCAPE)) {
    push(input.slice(last, match.index));
    last = match.index + match[0].length;
    if (match[2] === "m") style = applySgr(style, match[1]);
  }
  push(input.slice(last));
  return runs;
}

/** The text without its escape sequences (a log file's colours, in a preview of it). */
export function withoutEscapes(input: string): string {
  return input.replace(ESCAPE, "");
}

function styleAfter(text: string): Style {
  let style: Style = {};
  for (const match of text.matchAll(ESCAPE)) if (match[2] === "m") style = applySgr(style, match[1]);
  return style;
}

function applySgr(style: Style, params: string): Style {
  const codes = params === "" ? [0] : params.split(";").map(Number);
  let next = { ...style };
  for (let i = 0; i < codes.length; i++) {
    const code = codes[i];
    if (code === 0) next = {};
    else if (code === 1) next.bold = true;
    else if (code === 3) next.italic = true;
    else if (code === 4) next.underline = true;
    else if (code === 22) next.bold = false;
    else if (code === 23) next.italic = false;
    else if (code === 24) next.underline = false;
    else if (code >= 30 && code <= 37) next.fg = code - 30;
    else if (code >= 90 && code <= 97) next.fg = code - 90 + 8;
    else if (code === 39) next.fg = undefined;
    else if (code >= 40 && code <= 47) next.bg = code - 40;
    else if (code >= 100 && code <= 107) next.bg = code - 100 + 8;
    else if (code === 49) next.bg = undefined;
    else if ((code === 38 || code === 48) && codes[i + 1] === 5) {
      const rgb = palette256(codes[i + 2]);
      if (rgb) next[code === 38 ? "fg" : "bg"] = nearestBase(rgb);
      i += 2;
    } else if ((code === 38 || code === 48) && codes[i + 1] === 2) {
      const rgb = codes.slice(i + 2, i + 5);
      if (rgb.length === 3 && rgb.every((c) => c >= 0 && c <= 255)) next[code === 38 ? "fg" : "bg"] = nearestBase(rgb);
      i += 4;
    }
  }
  return next;
}

/** xterm's 16 base colours: 256-colour and truecolour codes are drawn as the nearest of them, so
 * that every colour follows the page's light and dark themes (ansi.css). */
// prettier-ignore
const BASE = [
  [0, 0, 0], [205, 0, 0], [0, 205, 0], [205, 205, 0], [0, 0, 238], [205, 0, 205], [0, 205, 205], [229, 229, 229],
  [127, 127, 127], [255, 0, 0], [0, 255, 0], [255, 255, 0], [92, 92, 255], [255, 0, 255], [0, 255, 255], [255, 255, 255],
];
const CUBE = [0, 95, 135, 175, 215, 255];

/** A colour of the 256-colour palette: the base 16, a 6×6×6 cube, then 24 greys. */
function palette256(n: number): number[] | null {
  if (!Number.isInteger(n) || n < 0 || n > 255) return null;
  if (n < 16) return BASE[n];
  if (n >= 232) return Array(3).fill(8 + 10 * (n - 232));
  const c = n - 16;
  return [CUBE[Math.floor(c / 36)], CUBE[Math.floor(c / 6) % 6], CUBE[c % 6]];
}

function nearestBase(rgb: number[]): number {
  const distance = (base: number[]) => base.reduce((sum, v, k) => sum + (v - rgb[k]) ** 2, 0);
  let best = 0;
  for (let k = 1; k < BASE.length; k++) if (distance(BASE[k]) < distance(BASE[best])) best = k;
  return best;
}

function classesOf(style: Style): string[] {
  const classes: string[] = [];
  if (style.fg !== undefined) classes.push(`ansi-fg-${style.fg}`);
  if (style.bg !== undefined) classes.push(`ansi-bg-${style.bg}`);
  if (style.bold) classes.push("ansi-bold");
  if (style.italic) classes.push("ansi-italic");
  if (style.underline) classes.push("ansi-underline");
  return classes;
}
