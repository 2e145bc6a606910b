/**
 * The app's only Trusted Types policy. The page CSP requires Trusted Types, so HTML can reach
 * the DOM only through here — and only as the `srcdoc` of a script-less sandboxed frame.
 */
interface TrustedTypePolicy {
  createHTML(input: string): unknown;
}
declare global {
  interface Window {
    trustedTypes?: { createPolicy(name: string, rules: { createHTML(s: string): string }): TrustedTypePolicy };
  }
}

const policy = window.trustedTypes?.createPolicy("output-html", { createHTML: (s) => s });

/** Sets a sandboxed frame's document. The caller is responsible for the frame's sandbox. */
export function setFrameDocument(frame: HTMLIFrameElement, html: string): void {
  (frame as { srcdoc: unknown }).srcdoc = policy ? policy.createHTML(html) : html;
}
