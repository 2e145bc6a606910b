/**
 * Saving an export to the user's disk: a blob: URL on an `<a download>`, clicked, then revoked.
 * Exports are never opened as pages (a blob: page would run in the app's origin).
 */
import { safeSegment } from "./names";

/** Long enough to tell conversations apart, short enough for every file system and dialog. */
const MAX_STEM_BYTES = 100;

/** "Sales by region" + "ipynb" → "Sales by region.ipynb"; an unusable title gives "conversation.ipynb". */
export function exportFileName(title: string, extension: string): string {
  const stem = safeSegment(title, MAX_STEM_BYTES) || "conversation";
  return `${stem}.${extension}`;
}

export function saveBlob(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement("a");
  a.href = url;
  a.download = fileName;
  // Attached while clicked: Firefox ignores clicks on a detached link.
  a.hidden = true;
  document.body.append(a);
  a.click();
  a.remove();
  // Not at once: the browser may still be reading the blob when click() returns.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
