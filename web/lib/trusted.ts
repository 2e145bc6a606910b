/**
 * The app's only Trusted Types policy. The page CSP requires Trusted Types, so HTML reaches the
 * DOM only through here: parsed to be checked (`inertHtml`), or as the `srcdoc` of a script-less
 * sandboxed frame (`HtmlFrame`).
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

/** `html` as the policy's TrustedHTML (a plain string where the browser has no Trusted Types). */
export const trustedHTML = (html: string): string => (policy ? policy.createHTML(html) : html) as string;
