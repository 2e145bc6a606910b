/**
 * The generated files as one zip. Paths keep their folders under /mnt/data, but every segment is
 * made safe and "..", "." and absolute prefixes are dropped, so unpacking writes only inside the
 * folder it is unpacked into. Names equal on a case-insensitive disk get " (1)", " (2)"…
 */
import { zipSync, type Zippable } from "fflate";
import { safeSegment } from "./names";

export function filesZip(files: { name: string; data: ArrayBuffer }[]): Uint8Array<ArrayBuffer> {
  const entries: Zippable = {};
  const taken = new Set<string>();
  for (const file of files) {
    const path = uniquePath(zipPath(file.name), taken);
    // Stored, not deflated, when compressing would not pay: images and archives are compressed already.
    entries[path] = [new Uint8Array(file.data), { level: isCompressed(path) ? 0 : 6 }];
  }
  return zipSync(entries);
}

/** A relative path of safe segments; "file" when nothing is left. */
export function zipPath(name: string): string {
  const segments = name
    .split(/[/\\]/)
    .filter((s) => s !== "" && s !== "." && s !== "..")
    .map((s) => safeSegment(s))
    .filter(Boolean);
  return segments.join("/") || "file";
}

function uniquePath(path: string, taken: Set<string>): string {
  const slash = path.lastIndexOf("/") + 1;
  const [folder, base] = [path.slice(0, slash), path.slice(slash)];
  const dot = base.lastIndexOf(".");
  const [stem, ext] = dot > 0 ? [base.slice(0, dot), base.slice(dot)] : [base, ""];
  let candidate = path;
  for (let i = 1; taken.has(candidate.toLowerCase()); i++) candidate = `${folder}${stem} (${i})${ext}`;
  taken.add(candidate.toLowerCase());
  return candidate;
}

const isCompressed = (path: string) => /\.(png|jpe?g|gif|webp|zip|gz|bz2|xz|7z|parquet|mp4|mp3|pdf)$/i.test(path);
