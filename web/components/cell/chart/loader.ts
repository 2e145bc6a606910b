/**
 * The Vega loader for model-written specs: it refuses every URL. A spec's `data.url`, image marks
 * and `href` channels would otherwise make the app page fetch or open attacker-chosen URLs (an
 * exfiltration channel, SECURITY.md "Outputs"); data must be inline (`data.values`).
 */
import type { Loader } from "vega";

/** Longest URL quoted back to the user; the rest is elided. */
const MAX_URL = 200;

/** What the user is told about a refused URL; `context` is Vega's ("dataflow", "image", "href"). */
export function refusalMessage(url: string, context: string | undefined): string {
  const shown = url.length > MAX_URL ? `${url.slice(0, MAX_URL)}…` : url;
  if (context === "image") return `Chart images from URLs are not loaded: ${shown}`;
  if (context === "href") return `Chart links are not followed: ${shown}`;
  return `Chart data from URLs is not loaded: ${shown}`;
}

/** A loader whose every load and sanitize is refused; each refusal is reported once through `onRefused`. */
export function refusingLoader(onRefused: (message: string) => void): Loader {
  const refuse = (uri: string, options?: object): Promise<never> => {
    const context = options && "context" in options ? String(options.context) : undefined;
    const message = refusalMessage(String(uri), context);
    onRefused(message);
    return Promise.reject(new Error(message));
  };
  return { load: refuse, sanitize: refuse, http: refuse, file: refuse };
}
