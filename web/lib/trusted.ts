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

const trusted = (html: string): unknown => (policy ? policy.createHTML(html) : html);

/**
 * Elements that open another document. Chromium connects to a nested frame's URL (TCP, and DNS
 * for its host) before the frame's CSP refuses the load: a beacon, or data in a host name
 * (e2e/security-outputs.spec.ts). A document with one is not shown. It is checked as the frame
 * will parse it: the same string, with scripting off in both (no mutation between the parses).
 */
const EMBEDS = "iframe, frame, object, embed";
const REFUSED =
  '<!doctype html><meta charset="utf-8"><p>Not shown: this HTML embeds another page, and showing it would contact that page\'s server.</p>';

/** Sets a sandboxed frame's document. The caller is responsible for the frame's sandbox. */
export function setFrameDocument(frame: HTMLIFrameElement, html: string): void {
  const parsed = new DOMParser().parseFromString(trusted(html) as string, "text/html");
  (frame as { srcdoc: unknown }).srcdoc = trusted(parsed.querySelector(EMBEDS) ? REFUSED : html);
}
