/**
 * The kernel's only "network": the files the app handed over, and package wheels the app
 * fetches on request. Pyodide loads everything through `fetch`, so `fetch` is wrapped to answer
 * from memory. Any other URL goes to the browser's real fetch, where the kernel frame's CSP
 * (no connect-src) refuses it: the wrapper is a convenience, the CSP is the control.
 */
import type { PackageFetcher } from "../protocol";

export function installFetch(
  files: Map<string, ArrayBuffer>,
  packageBaseURL: string,
  fetchPackage: PackageFetcher,
): void {
  const realFetch = globalThis.fetch.bind(globalThis);
  globalThis.fetch = async (input: RequestInfo | URL, init?: RequestInit) => {
    const url = input instanceof Request ? input.url : new URL(input, location.href).href;
    const file = files.get(url);
    if (file) {
      const type = url.endsWith(".wasm") ? "application/wasm" : "application/octet-stream";
      return new Response(file, { headers: { "Content-Type": type } });
    }
    if (url.startsWith(packageBaseURL)) {
      return new Response(await fetchPackage(url.slice(packageBaseURL.length)));
    }
    return realFetch(input, init);
  };
}
