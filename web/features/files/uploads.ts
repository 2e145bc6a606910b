/**
 * What happens to picked or dropped files before any byte is read: each is checked against the
 * size cap and given a safe, unused name in /mnt/data. The sentences a person is shown live here too.
 */
import { safeFileName, shownName } from "./fileNames";
import { formatSize } from "./format";

/**
 * The upload cap per file (../shared/SECURITY.md, "Budgets"): /mnt/data lives in the kernel's
 * memory, and the page keeps a copy of each upload to give a replaced kernel back its files.
 */
export const MAX_UPLOAD_BYTES = 100 * 1024 ** 2;

interface Picked {
  name: string;
  size: number;
}

export interface UploadPlan<F extends Picked> {
  /** Files to write, each with the name it gets in /mnt/data. */
  accepted: { file: F; name: string }[];
  /** Files refused, each with a sentence saying why. */
  refused: { file: F; message: string }[];
}

export function planUploads<F extends Picked>(
  picked: readonly F[],
  taken: Iterable<string>,
  maxBytes = MAX_UPLOAD_BYTES,
): UploadPlan<F> {
  const names = new Set(taken);
  const plan: UploadPlan<F> = { accepted: [], refused: [] };
  for (const file of picked) {
    if (file.size > maxBytes) {
      plan.refused.push({ file, message: tooLargeMessage(file.name, maxBytes) });
      continue;
    }
    const name = safeFileName(file.name, names);
    names.add(name);
    plan.accepted.push({ file, name });
  }
  return plan;
}

export const tooLargeMessage = (name: string, maxBytes: number) =>
  `“${shownName(name)}” was not uploaded: it is over the ${formatSize(maxBytes)} limit per file.`;

/**
 * Said of a picked file whose bytes could not be read. A dropped folder is one (Chromium gives it
 * as a file whose read fails "not found"): say what to do instead of the browser's words.
 */
export function unreadableMessage(name: string, reason: string): string {
  const folder = !reason || /could not be found|NotFoundError|NotReadableError/i.test(reason);
  const why = folder ? "it is a folder, or could not be read. To upload a folder, drop the files inside it." : reason;
  return `“${shownName(name)}” could not be uploaded: ${why}`;
}

/** Said when a file was stored under another name than the one it came with; null when it was not. */
export const renamedMessage = (original: string, saved: string) =>
  original.normalize("NFC") === saved ? null : `“${shownName(original)}” was saved as “${saved}”.`;
