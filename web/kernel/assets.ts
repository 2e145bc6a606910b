/**
 * The app page fetches everything the kernel needs and hands the bytes in: the opaque kernel
 * frame gets no HTTP-cache reuse and has no network at all (../shared/SECURITY.md). Fetched
 * here, from the app's own origin, the files are cached normally across visits.
 */
import { workerPath } from "virtual:kernel-assets";

export const CORE_FILES = ["pyodide.asm.mjs", "pyodide.asm.wasm", "python_stdlib.zip"] as const;

export interface KernelAssets {
  indexURL: string;
  worker: ArrayBuffer;
  files: Record<string, ArrayBuffer>;
}

export type Progress = (loaded: number, total: number) => void;

/** Fetches a URL's bytes, reporting progress; on failure throws a short reason ("HTTP 404 Not Found"). */
export async function fetchBytes(url: string, onProgress?: (bytes: number) => void): Promise<ArrayBuffer> {
  let response: Response;
  try {
    response = await fetch(url);
  } catch (error) {
    throw new Error(`unreachable: ${(error as Error).message}`);
  }
  if (!response.ok) throw new Error(`HTTP ${response.status} ${response.statusText}`.trim());
  if (!response.body || !onProgress) return response.arrayBuffer();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
    chunks.push(chunk);
    size += chunk.byteLength;
    onProgress(chunk.byteLength);
  }
  const bytes = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return bytes.buffer;
}

/** Pyodide's core (~13 MB) and the kernel worker bundle. `onProgress` sees bytes of all files. */
export async function fetchKernelAssets(onProgress: Progress): Promise<KernelAssets> {
  const indexURL = new URL("pyodide/", document.baseURI).href;
  const expected = 13_500_000; // roughly Pyodide's core; only used to draw the bar
  let loaded = 0;
  const count = (bytes: number) => onProgress((loaded += bytes), Math.max(expected, loaded));
  const get = (url: string) =>
    fetchBytes(url, count).catch((error: Error) => {
      throw new Error(`Could not download the Python kernel from ${url} (${error.message})`);
    });
  const [worker, ...core] = await Promise.all([
    get(new URL(workerPath, document.baseURI).href),
    ...CORE_FILES.map((name) => get(indexURL + name)),
  ]);
  return { indexURL, worker, files: Object.fromEntries(CORE_FILES.map((name, i) => [name, core[i]])) };
}
