/**
 * The app page fetches everything the kernel needs and hands it in: the opaque kernel frame gets
 * no HTTP-cache reuse and has no network at all (../shared/SECURITY.md). Fetched here, from the
 * app's own origin, the files are cached across visits — Pyodide's core in Cache Storage too, as
 * the HTTP cache may not keep its 9.6 MB wasm (a memory-backed cache, as in private windows, did
 * not: every visit downloaded it again). The core goes to kernels as Blobs: a handle crosses to
 * the kernel's process, where an ArrayBuffer's 13 MB would be copied on this thread per kernel.
 * Progress is told per file (see fetchBlob).
 */
import { version as pyodideVersion } from "pyodide/package.json";
import { workerPath } from "virtual:kernel-assets";
import { CORE_FILES } from "./core-files";
import { messageOf } from "../lib/message-of";
import { Settled } from "../lib/settled";

export type Progress = (loaded: number, total: number) => void;

/** Fetches a URL; on failure throws a short reason ("HTTP 404 Not Found"). */
async function fetchResponse(url: string): Promise<Response> {
  let response: Response;
  try {
    response = await fetch(url);
  } catch (error) {
    throw new Error(`unreachable: ${messageOf(error)}`);
  }
  if (!response.ok) throw new Error(`HTTP ${response.status} ${response.statusText}`.trim());
  return response;
}

/** Fetches a URL's bytes; `onProgress` is told their number once they are all here. */
export async function fetchBytes(url: string, onProgress?: (bytes: number) => void): Promise<ArrayBuffer> {
  const bytes = await (await fetchResponse(url)).arrayBuffer();
  onProgress?.(bytes.byteLength);
  return bytes;
}

/**
 * Fetches a URL as a Blob, from Cache Storage when an earlier visit kept it there; progress is
 * told per file. Counting each chunk on this thread (a tee of the body) made Pyodide's files
 * reach the first kernel ~0.3 s later on a first visit, while the UI was rendering.
 */
async function fetchBlob(url: string, onProgress: (bytes: number) => void, cache: Cache | null): Promise<Blob> {
  const cached = await cache?.match(url).catch(() => undefined);
  const blob = cached ? await cached.blob() : await download(url);
  onProgress(blob.size);
  // Kept for the next visit once this one's kernels have started, not while they start.
  if (cache && !cached) setTimeout(() => void keep(cache, url, blob), KEEP_DELAY_MS);
  return blob;
}

/**
 * Stores a core file for the next visit, unless it is there by now: the service worker, which
 * installs after the first kernel has started, fills the same cache with the server's response
 * (headers and all); writing the 13 MB again would only replace that with a copy.
 */
async function keep(cache: Cache, url: string, blob: Blob): Promise<void> {
  try {
    if (!(await cache.match(url))) await cache.put(url, new Response(blob));
  } catch {
    // storage full or unavailable: the next visit downloads it again
  }
}

/**
 * A file's bytes with its type: the copy kept in Cache Storage is what the service worker serves
 * to this site's pages, and a module script or `instantiateStreaming` refuses one without. Not
 * `response.blob()`, though it would skip a copy on this thread: with a profile on disk the
 * kernel never read that Blob and Python did not start (Chromium 156).
 */
async function download(url: string): Promise<Blob> {
  const response = await fetchResponse(url);
  return new Blob([await response.arrayBuffer()], { type: response.headers.get("Content-Type") ?? "" });
}

/** How long after its download a core file is written to Cache Storage. */
const KEEP_DELAY_MS = 10_000;

/**
 * Downloads of Pyodide's core (~13 MB) and the kernel worker bundle, started once per page and
 * kept for every kernel booted after (restarts never download again). Each file is its own
 * promise, so a booting kernel can start on the first while the rest arrive.
 */
export class KernelAssets {
  readonly indexURL = new URL("pyodide/", document.baseURI).href;
  readonly worker: Promise<ArrayBuffer>;
  readonly #core: ReadonlyMap<string, Settled<Blob>>;
  /** Settles when every download has; rejects with the first failure. */
  readonly all: Promise<unknown>;

  constructor(onProgress: Progress) {
    const expected = 13_500_000; // roughly Pyodide's core; only used to draw the bar
    let loaded = 0;
    const count = (bytes: number) => onProgress((loaded += bytes), Math.max(expected, loaded));
    const failed = (url: string) => (error: Error) => {
      throw new Error(`Could not download the Python kernel from ${url} (${error.message})`);
    };
    const workerURL = new URL(workerPath, document.baseURI).href;
    this.worker = fetchBytes(workerURL, count).catch(failed(workerURL));
    const cache = openCoreCache();
    this.#core = new Map(
      CORE_FILES.map((name) => {
        const url = this.indexURL + name;
        return [name, new Settled(cache.then((c) => fetchBlob(url, count, c)).catch(failed(url)))];
      }),
    );
    this.all = Promise.all([this.worker, ...[...this.#core.values()].map((file) => file.promise)]);
    this.all.catch(() => {}); // surfaced by whoever awaits it
  }

  /** One core file, for a kernel (a Blob is immutable: every kernel gets the same one). */
  async coreFile(name: string): Promise<Blob> {
    const file = this.#core.get(name);
    if (!file) throw new Error(`${name} is not one of Pyodide's core files`);
    return file.promise;
  }

  /**
   * The core files here by now, handed to a kernel as it boots so it need not ask for them: on a
   * repeat visit they all are, and a kernel's asks waited ~50 ms behind the page drawing its UI.
   */
  coreFilesHere(): Record<string, Blob> {
    return Object.fromEntries([...this.#core].flatMap(([name, file]) => (file.now ? [[name, file.now.value]] : [])));
  }
}

/** This Pyodide version's cache (older versions' are dropped); null where Cache Storage is unavailable. */
async function openCoreCache(): Promise<Cache | null> {
  const name = `pyodide-${pyodideVersion}`;
  try {
    for (const old of await caches.keys()) if (old.startsWith("pyodide-") && old !== name) void caches.delete(old);
    return await caches.open(name);
  } catch {
    return null; // not a secure context, or storage blocked
  }
}
