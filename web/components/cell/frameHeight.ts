/**
 * How tall an HTML output's frame should be. The frame is script-less and has an opaque origin,
 * so its document cannot be measured from outside; the height is estimated from the markup
 * instead (table rows and block elements, one line each), capped, and the frame scrolls inside.
 */

/** px per line: the default 16px text (~18px a line) plus a table's cell padding and spacing. */
const LINE = 22;
/** The default body margins (8px above and below), and room for a scrollbar under a wide table. */
const CHROME = 16 + 16;
const MAX = 480;

const BLOCK = /<(?:tr|p|div|h[1-6]|li|br|hr|caption|dt|dd|blockquote)\b/gi;

export function frameHeight(html: string): number {
  // Style and script bodies are not shown; pre lines each take a line.
  const shown = html.replace(/<(style|script)\b[\s\S]*?<\/\1\s*>/gi, "");
  const blocks = shown.match(BLOCK)?.length ?? 0;
  const preLines = [...shown.matchAll(/<pre\b[^>]*>([\s\S]*?)<\/pre\s*>/gi)].reduce(
    (sum, match) => sum + match[1].split("\n").length,
    0,
  );
  const lines = Math.max(1, blocks + preLines);
  return Math.min(MAX, CHROME + lines * LINE);
}
