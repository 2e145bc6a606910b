/**
 * Names for what an export writes to the user's disk: one path segment with no control,
 * bidi-override, path or Windows-reserved characters, no leading dot, at most `maxBytes` of UTF-8.
 * (The same rules as uploads in ../files/fileNames.ts, which a feature may not import.)
 */
// eslint-disable-next-line no-control-regex -- control characters are exactly what must go
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069/\\:*?"<>|]/g;

export function safeSegment(name: string, maxBytes = 255): string {
  const clean = name
    .normalize("NFC")
    // Tabs and line breaks read as spaces; other controls cannot be read at all.
    .replace(/\s+/g, " ")
    .replace(UNSAFE, "_")
    // No hidden files and no "..": a leading dot goes; Windows drops trailing dots and spaces itself.
    .replace(/^[.\s]+|[.\s]+$/g, "");
  return truncateBytes(clean, maxBytes);
}

const byteLength = (s: string) => new TextEncoder().encode(s).length;

/** Cuts whole code points off the stem until it fits, keeping a short extension. */
export function truncateBytes(s: string, max: number): string {
  if (byteLength(s) <= max) return s;
  const dot = s.lastIndexOf(".");
  const ext = dot > 0 && s.length - dot <= 16 && byteLength(s.slice(dot)) < max ? s.slice(dot) : "";
  const stem = Array.from(s.slice(0, s.length - ext.length));
  while (stem.length && byteLength(stem.join("") + ext) > max) stem.pop();
  return stem.join("").trimEnd() + ext;
}
