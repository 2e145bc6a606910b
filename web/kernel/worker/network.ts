/**
 * The kernel's only "network": Pyodide's core files and package wheels, which the app fetches
 * and hands over on request (the kernel never learns where packages really come from). Pyodide loads everything through `fetch`, so `fetch` is wrapped to answer
 * from memory. Any other URL goes to the browser's real fetch, where the kernel frame's CSP
 * (no connect-src) refuses it: the wrapper is a convenience, the CSP is the control.
 */
import type { PackageFetcher } from "../protocol";

/** Where the kernel believes packages live; the app maps it to the configured package source. */
export const PACKAGE_BASE = "https://packages.invalid/";

export function installFetch(files: Map<string, Promise<ArrayBuffer | Blob>>, fetchPackage: PackageFetcher): void {
  const realFetch = globalThis.fetch.bind(globalThis);
  globalThis.fetch = async (input: RequestInfo | URL, init?: RequestInit) => {
    const url = input instanceof Request ? input.url : new URL(input, location.href).href;
    const file = files.get(url);
    if (file) {
      const type = url.endsWith(".wasm") ? "application/wasm" : "application/octet-stream";
      return new Response(await file, { headers: { "Content-Type": type } });
    }
    if (url.startsWith(PACKAGE_BASE)) return new Response(await fetchPackage(url.slice(PACKAGE_BASE.length)));
    return realFetch(input, init);
  };
}
