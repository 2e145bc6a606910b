/**
 * An HTML display as plain text, for the model and for grounding: a table becomes rows of cells
 * joined by " | ". For displays whose text/plain is only Python's default repr (a pandas Styler,
 * an object with just `_repr_html_`): without it the model would see `<T object at 0x…>`.
 */

/** Python's default repr: says nothing of the object's content. */
const DEFAULT_REPR = /^<[\w.]+ object at 0x[0-9a-f]+>$/i;

/** Enough of a large HTML display for a tool result (which keeps ~8,000 characters). */
const MAX_HTML = 200_000;

const ENTITIES: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'", nbsp: " " };

export function isDefaultRepr(text: string): boolean {
  return DEFAULT_REPR.test(text.trim());
}

export function htmlText(html: string): string {
  return html
    .slice(0, MAX_HTML)
    .replace(/<(script|style)\b[\s\S]*?<\/\1\s*>/gi, "")
    .replace(/<\/t[dh]\s*>\s*(?=<t[dh]\b)/gi, " | ")
    .replace(/<br\s*\/?>|<\/(tr|p|div|li|h[1-6]|caption|table)\s*>/gi, "\n")
    .replace(/<[^>]*>/g, "")
    .replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (entity, name: string) => {
      if (name[0] !== "#") return ENTITIES[name.toLowerCase()] ?? entity;
      const code = name[1].toLowerCase() === "x" ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
      return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : entity;
    })
    .split("\n")
    .map((line) => line.replace(/[^\S\n]+/g, " ").trim())
    .filter(Boolean)
    .join("\n");
}
