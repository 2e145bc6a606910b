/**
 * Which wheels the service worker may keep: only bytes whose sha256 is the one a lock file gives
 * for that file name. The app checks every wheel again when it loads it (kernel/packages.ts);
 * this keeps a bad download from being served from the cache on every later visit.
 */

interface LockFile {
  packages?: Record<string, { file_name?: unknown; sha256?: unknown }>;
}

/** The sha256 (lowercase hex) a lock file's text gives for a file name, or null if it names no such file. */
export function lockedSha256(lockText: string, fileName: string): string | null {
  let lock: LockFile;
  try {
    lock = JSON.parse(lockText) as LockFile;
  } catch {
    return null;
  }
  for (const entry of Object.values(lock.packages ?? {})) {
    if (entry.file_name === fileName && typeof entry.sha256 === "string") return entry.sha256.toLowerCase();
  }
  return null;
}

/** The last path segment of a URL: the file name a lock file lists. */
export const fileNameOf = (url: string): string => decodeURIComponent(new URL(url).pathname.split("/").pop() ?? "");

export async function sha256Hex(bytes: ArrayBuffer): Promise<string> {
  const digest = await crypto.subtle.digest("SHA-256", bytes);
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, "0")).join("");
}
