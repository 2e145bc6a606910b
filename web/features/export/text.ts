/** Plain-text helpers for the Markdown transcript. */
import { formatCount } from "../../lib/count";

/** Outputs longer than this are cut to their head and tail, as the app's own output cap does. */
export const MAX_OUTPUT_LINES = 60;
export const MAX_OUTPUT_CHARS = 6000;

/** ANSI colour and cursor codes (CSI sequences): meaningful in a terminal, noise in Markdown. */
// eslint-disable-next-line no-control-regex -- ESC is the character being matched
const ANSI = /\x1b\[[0-9;?]*[ -/]*[@-~]/g;

export const stripAnsi = (text: string) => text.replace(ANSI, "");

/** A fenced code block whose fence is longer than any run of backticks inside, so nothing escapes it. */
export function fence(text: string, info = ""): string {
  const longest = Math.max(0, ...(text.match(/`+/g) ?? []).map((run) => run.length));
  const ticks = "`".repeat(Math.max(3, longest + 1));
  return `${ticks}${info}\n${text.replace(/\n$/, "")}\n${ticks}`;
}

/** Keeps the first two thirds and the last third of a long text, and says how much was cut between. */
export function truncate(text: string, maxLines = MAX_OUTPUT_LINES, maxChars = MAX_OUTPUT_CHARS): string {
  const lines = text.replace(/\n$/, "").split("\n");
  if (lines.length > maxLines) {
    const head = Math.ceil((maxLines * 2) / 3);
    const tail = maxLines - head;
    const cut = lines.length - maxLines;
    text = [...lines.slice(0, head), `… ${formatCount(cut)} lines cut …`, ...lines.slice(-tail)].join("\n");
  } else {
    text = lines.join("\n");
  }
  if (text.length <= maxChars) return text;
  // By code points, so no emoji is cut in half.
  const chars = Array.from(text);
  if (chars.length <= maxChars) return text;
  const head = Math.ceil((maxChars * 2) / 3);
  const tail = maxChars - head;
  const cut = chars.length - maxChars;
  return `${chars.slice(0, head).join("")}\n… ${formatCount(cut)} characters cut …\n${chars.slice(-tail).join("")}`;
}

/** Every line as a Markdown blockquote line. */
export const quote = (text: string) =>
  text
    .split("\n")
    .map((line) => `> ${line}`.trimEnd())
    .join("\n");

/** Text shown literally inside a Markdown paragraph (a file name, say). */
export const escapeInline = (text: string) => text.replace(/[\\`*_{}[\]()<>#+!|~-]/g, "\\$&");

export function formatSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 ** 2) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 ** 2).toFixed(1)} MB`;
}
