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
      const n = codes[i + 2];
      if (n >= 0 && n < 16) next[code === 38 ? "fg" : "bg"] = n; // 256-colour: the 16 base colours only
      i += 2;
    } else if ((code === 38 || code === 48) && codes[i + 1] === 2) i += 4; // truecolour: ignored
  }
  return next;
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
