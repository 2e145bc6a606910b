/**
 * The HTTP headers the app needs, in one place: the dev server, `vite preview` and the header
 * files shipped for static hosts all take them from here (../shared/SECURITY.md, "Required design").
 */

/**
 * Where the model endpoint may be; the one loose directive, since the user picks the endpoint:
 * any https server, and plain http for servers on this machine or the local network (an Ollama
 * on another computer at home; CSP cannot name private address ranges). The browser's own rules
 * still apply: no http from an https page, and Chrome asks before a page reaches the local network.
 */
const MODEL_ENDPOINTS = "https: http:";

export interface AppPolicy {
  /** Origins allowed to frame the app (CSP frame-ancestors sources; see ./embed.ts). */
  frameAncestors: string[];
  /**
   * Dev only: the nonce Vite puts on what it injects (React refresh's inline preamble, and the
   * <style> elements of imported CSS), so the dev page needs no 'unsafe-inline' either.
   */
  devNonce?: string;
}

const join = (directives: Record<string, string>) =>
  Object.entries(directives)
    .map(([name, value]) => `${name} ${value}`.trim())
    .join("; ");

/**
 * The app page. Cross-origin isolation (COOP/COEP) makes interrupts possible; see issue 3. The
 * dev server sends the same policy, with Vite's nonce added (its HMR websocket is 'self').
 */
export function appHeaders(policy: AppPolicy): Record<string, string> {
  return {
    "Content-Security-Policy": appCsp(policy),
    "Cross-Origin-Opener-Policy": "same-origin",
    "Cross-Origin-Embedder-Policy": "require-corp",
    "Referrer-Policy": "no-referrer",
    "X-Content-Type-Options": "nosniff",
  };
}

/**
 * The same policy for the page's `<meta>` element, for hosts that send no headers (GitHub Pages):
 * a meta policy cannot say frame-ancestors (Chromium ignores it there), the rest applies as sent.
 * Where the header is sent too, both apply, and they agree.
 */
export function appMetaCsp(): string {
  return appCsp({ frameAncestors: [] }, { meta: true });
}

function appCsp({ frameAncestors, devNonce }: AppPolicy, { meta = false } = {}): string {
  const own = devNonce ? `'self' 'nonce-${devNonce}'` : "'self'";
  return join({
    "default-src": "'self'",
    "script-src": own,
    "style-src": own,
    "img-src": "'self' data: blob:",
    "font-src": "'self'",
    "connect-src": `'self' ${MODEL_ENDPOINTS}`,
    "frame-src": "'self'",
    // The service worker (web/offline/sw.ts) is the page's only worker; the kernel's live in its frame.
    "worker-src": "'self'",
    "object-src": "'none'",
    "base-uri": "'none'",
    "form-action": "'none'",
    ...(!meta && { "frame-ancestors": frameAncestors.length ? frameAncestors.join(" ") : "'none'" }),
    "require-trusted-types-for": "'script'",
    "trusted-types": "output-html service-worker",
  });
}

/**
 * The kernel frame's page: scripts only by hash (its inline script) and blob: (the worker and
 * the bundles it imports), WebAssembly allowed, and no connect-src: no network at all.
 */
export function kernelCsp(frameScriptHash: string): string {
  return join({
    "default-src": "'none'",
    "script-src": `'${frameScriptHash}' blob: 'wasm-unsafe-eval'`,
    "worker-src": "blob:",
    "base-uri": "'none'",
    "form-action": "'none'",
  });
}

/**
 * The kernel page's headers. It is framed by the app only (same-origin, web/kernel/frame.ts), so
 * by the same ancestors as the app: frame-ancestors checks every ancestor, an embedding parent too.
 */
export function kernelHeaders(frameScriptHash: string, frameAncestors: string[] = ["'self'"]): Record<string, string> {
  return {
    "Content-Security-Policy": `${kernelCsp(frameScriptHash)}; frame-ancestors ${frameAncestors.join(" ") || "'none'"}`,
    "Cross-Origin-Embedder-Policy": "require-corp",
    "Cross-Origin-Resource-Policy": "cross-origin",
    "Access-Control-Allow-Origin": "*",
    "Referrer-Policy": "no-referrer",
    "X-Content-Type-Options": "nosniff",
  };
}

/** Kernel scripts and Pyodide's files: readable from any origin, including the opaque kernel frame. */
export const assetHeaders: Record<string, string> = {
  "Cross-Origin-Resource-Policy": "cross-origin",
  "Access-Control-Allow-Origin": "*",
  "X-Content-Type-Options": "nosniff",
};

/** Which headers a path gets, for servers that can decide per request. */
export function headersFor(path: string, app: Record<string, string>, kernel: Record<string, string>) {
  const file = path.split("?")[0];
  if (file.endsWith("/kernel.html")) return kernel;
  if (file.includes("/kernel/") || file.includes("/pyodide/")) return assetHeaders;
  return file.endsWith("/") || file.endsWith(".html") ? app : { "X-Content-Type-Options": "nosniff" };
}

/** A Netlify / Cloudflare Pages `_headers` file. */
export function headersFile(app: Record<string, string>, kernel: Record<string, string>): string {
  const block = (path: string, headers: Record<string, string>) =>
    [path, ...Object.entries(headers).map(([k, v]) => `  ${k}: ${v}`)].join("\n");
  return (
    [
      block("/", app),
      block("/index.html", app),
      block("/kernel.html", kernel),
      block("/kernel/*", assetHeaders),
      block("/pyodide/*", assetHeaders),
    ].join("\n\n") + "\n"
  );
}
