/**
 * Package wheels for the kernel. The kernel has no network, so the app fetches a wheel when the
 * kernel asks for it — but only a file its own copy of the source's lock file names, and only
 * when the bytes match the lock file's sha256. Python cannot use this to reach other URLs.
 */
import { version as pyodideVersion } from "pyodide/package.json";
import { fetchBytes } from "./assets";
import type { PackageFetcher } from "./protocol";
import { messageOf } from "../lib/message-of";

export interface PackageSource {
  /** Base URL of the wheels; its `pyodide-lock.json` is the lock file. */
  baseURL: string;
}

/** The official distribution of the pinned Pyodide version. */
export const DEFAULT_PACKAGE_BASE = `https://cdn.jsdelivr.net/pyodide/v${pyodideVersion}/full/`;

interface LockFile {
  packages: Record<string, { file_name: string; sha256: string }>;
}

/** The lock file's text. The default source's lock file ships with the app (same file, no CDN trip). */
export async function fetchLockFile(source: PackageSource): Promise<string> {
  const url =
    source.baseURL === DEFAULT_PACKAGE_BASE
      ? new URL("pyodide/pyodide-lock.json", document.baseURI).href
      : new URL("pyodide-lock.json", source.baseURL).href;
  try {
    return new TextDecoder().decode(await fetchBytes(url));
  } catch (error) {
    throw new Error(`Could not read the package list ${url} (${messageOf(error)})`);
  }
}

export function packageFetcher(source: PackageSource, lockFile: string): PackageFetcher {
  const lock = JSON.parse(lockFile) as LockFile;
  const sha256 = new Map(Object.values(lock.packages).map((p) => [p.file_name, p.sha256.toLowerCase()]));
  return async (fileName) => {
    const expected = sha256.get(fileName);
    if (!expected) throw new Error(`${fileName} is not in the package source's lock file`);
    const url = new URL(fileName, source.baseURL).href;
    let bytes: ArrayBuffer;
    try {
      bytes = await fetchBytes(url);
    } catch (error) {
      throw new Error(`Could not load package ${packageName(fileName)} from ${url} (${messageOf(error)})`);
    }
    const actual = toHex(await crypto.subtle.digest("SHA-256", bytes));
    if (actual !== expected) {
      throw new Error(`Package ${packageName(fileName)} from ${url} failed its integrity check (sha256)`);
    }
    return bytes;
  };
}

const packageName = (fileName: string) => fileName.split("-")[0];

const toHex = (buffer: ArrayBuffer) =>
  Array.from(new Uint8Array(buffer), (b) => b.toString(16).padStart(2, "0")).join("");

/** The lock file and a wheel fetcher for one source, shared by every kernel the page boots. */
export function packageAccess(source: Promise<PackageSource>): {
  lockFile: Promise<string>;
  fetchPackage: PackageFetcher;
} {
  const lockFile = source.then(fetchLockFile);
  const fetcher = Promise.all([source, lockFile]).then(([s, lock]) => packageFetcher(s, lock));
  fetcher.catch(() => {}); // surfaced through lockFile to the booting kernel
  return { lockFile, fetchPackage: async (fileName) => (await fetcher)(fileName) };
}
