/**
 * Safe names for uploads (../shared/SECURITY.md, "Files"): a basename in NFC with no control,
 * bidi-override or path characters, at most 255 UTF-8 bytes, never silently replacing a
 * different file already there ("data.csv" becomes "data (1).csv"); and names shown safely.
 */
// eslint-disable-next-line no-control-regex -- control characters are exactly what must go
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069/\\:*?"<>|]/g;
const MAX_BYTES = 255;
export function safeFileName(name: string, taken: ReadonlySet<string> = new Set()): string {
  const base = name.normalize("NFC").split(/[/\\]/).pop() ?? "";
  let clean = base
    .replace(UNSAFE, "_")
    .replace(/^[.\s]+/, "")
    .trim();
  if (!clean) clean = "file";
  clean = truncateBytes(clean);
  if (!taken.has(clean)) return clean;
  const dot = clean.lastIndexOf(".");
  const [stem, ext] = dot > 0 ? [clean.slice(0, dot), clean.slice(dot)] : [clean, ""];
  for (let i = 1; ; i++) {
    const candidate = truncateBytes(stem, MAX_BYTES - byteLength(` (${i})${ext}`)) + ` (${i})${ext}`;
    if (!taken.has(candidate)) return candidate;
  }
}

const byteLength = (s: string) => new TextEncoder().encode(s).length;

function truncateBytes(s: string, max = MAX_BYTES): string {
  if (byteLength(s) <= max) return s;
  const dot = s.lastIndexOf(".");
  const ext = dot > 0 && s.length - dot <= 16 ? s.slice(dot) : "";
  let stem = s.slice(0, s.length - ext.length);
  while (byteLength(stem + ext) > max) stem = Array.from(stem).slice(0, -1).join("");
  return stem + ext;
}

// eslint-disable-next-line no-control-regex -- the characters that can hide or reorder text around them
const INVISIBLE = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

/**
 * A name as it is shown. Python can create any name in /mnt/data, and a bidi override in
 * "evil\u202Etxt.exe" would display as "evilexe.txt": such characters are shown as "�".
 */
export function shownName(name: string): string {
  return name.replace(INVISIBLE, "\uFFFD");
}
