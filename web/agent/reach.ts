/**
 * Why the browser could not reach an endpoint, in words a person can act on (PROVIDERS.md,
 * "From the browser"). A failed fetch tells a page nothing — refused connection, CORS and
 * blocked mixed content all look alike — so the sentence names the likely causes for this kind
 * of endpoint: local servers must run and allow this page's origin; Chrome asks before a public
 * page reaches a local address; Safari blocks http://localhost from an https page; some
 * providers' OpenAI-compatible endpoints don't allow browser calls at all.
 */

export function hostOf(baseURL: string): string {
  try {
    return new URL(baseURL).host || baseURL;
  } catch {
    return baseURL || "the endpoint";
  }
}

/** Loopback or private-network addresses: what the browser treats as "local". */
export function isLocal(url: string): boolean {
  let hostname: string;
  try {
    hostname = new URL(url).hostname.replace(/^\[|\]$/g, "");
  } catch {
    return false;
  }
  return (
    hostname === "localhost" ||
    hostname.endsWith(".localhost") ||
    hostname.endsWith(".local") ||
    hostname === "::1" ||
    hostname === "0.0.0.0" ||
    /^(?:127|10)\.\d+\.\d+\.\d+$/.test(hostname) ||
    /^192\.168\.\d+\.\d+$/.test(hostname) ||
    /^172\.(?:1[6-9]|2\d|3[01])\.\d+\.\d+$/.test(hostname)
  );
}

/** Hosts known to refuse or complicate direct browser calls. */
const REMOTE_HINTS: [RegExp, string][] = [
  [
    /(^|\.)generativelanguage\.googleapis\.com$/,
    "Gemini's OpenAI-compatible endpoint often refuses calls from a browser page; reach Gemini through OpenRouter instead.",
  ],
  [
    /\.(?:openai\.azure\.com|cognitiveservices\.azure\.com|services\.ai\.azure\.com)$/,
    "Azure OpenAI often refuses calls from a browser page; use a proxy that allows them.",
  ],
];

export interface ReachContext {
  baseURL: string;
  /** This page's origin (defaults to location.origin). */
  pageOrigin?: string;
  timedOut: boolean;
}

export function unreachableMessage({ baseURL, pageOrigin, timedOut }: ReachContext): string {
  const host = hostOf(baseURL);
  const origin = pageOrigin ?? (typeof location === "undefined" ? undefined : location.origin);
  const endpointHttp = /^http:/i.test(baseURL);
  const pageHttps = origin === undefined || /^https:/i.test(origin);
  const sentences: string[] = [];

  if (!isLocal(baseURL)) {
    if (typeof navigator !== "undefined" && navigator.onLine === false) {
      return `This computer is offline, so ${host} cannot be reached. Python and your files still work here; ask again once you are back online, or use a model on this computer (Ollama, LM Studio).`;
    }
    if (endpointHttp && pageHttps) {
      return `This page is served over https, so the browser blocks requests to http://${host}. Use an https address for the endpoint.`;
    }
    sentences.push(
      timedOut
        ? `${host} did not answer in time. Check your connection and try again.`
        : `Could not reach ${host}, or it refused requests from this page (CORS). Check the base URL and your connection.`,
    );
    const hostname = safeHostname(baseURL);
    for (const [pattern, hint] of REMOTE_HINTS) if (pattern.test(hostname)) sentences.push(hint);
    return sentences.join(" ");
  }

  if (timedOut) {
    return `${host} did not answer in time. A local server may still be loading the model; wait a moment and try again.`;
  }
  const allowed = origin ?? "this page's origin";
  const port = safePort(baseURL);
  const cors =
    port === "11434"
      ? `For Ollama, start it with OLLAMA_ORIGINS=${allowed}.`
      : port === "1234"
        ? "For LM Studio, enable CORS in its server settings (or run `lms server start --cors`)."
        : `For Ollama, start it with OLLAMA_ORIGINS=${allowed}; for LM Studio, enable CORS (\`lms server start --cors\`).`;
  sentences.push(
    `Could not reach ${host}. Check that the server is running and accepts requests from ${allowed}.`,
    cors,
  );
  if (origin === undefined || !isLocal(origin)) {
    sentences.push("Chrome may ask whether this page may reach devices on your network: allow it.");
  }
  if (endpointHttp && pageHttps) {
    sentences.push("Safari blocks http://localhost from an https page; use Chrome or Firefox.");
  }
  return sentences.join(" ");
}

function safeHostname(url: string): string {
  try {
    return new URL(url).hostname;
  } catch {
    return "";
  }
}

function safePort(url: string): string {
  try {
    return new URL(url).port;
  } catch {
    return "";
  }
}
