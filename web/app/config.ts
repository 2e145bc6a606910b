/**
 * Site defaults from `config.json` next to index.html, so a site owner can configure the app
 * without rebuilding. A missing file means defaults; every invalid field is reported (one sentence
 * naming it, shown on the page) and ignored, and the rest still applies. The user's own settings
 * override these (storage/settings.ts).
 */
import { PRESETS, presetById } from "../agent/presets";
import type { Limits } from "../kernel/limits";
import { DEFAULT_PACKAGE_BASE } from "../kernel/packages";
import type { SiteDefaults, SiteModelSettings } from "../storage/settings";
import { messageOf } from "../lib/message-of";

export interface AppConfig extends SiteDefaults {
  /** Origins allowed to embed and drive the app (exact origins such as "https://example.com"). */
  embedOrigins: string[];
  /** Problems found in config.json, to show the site owner. */
  problems: string[];
}

const FIELDS = ["endpoint", "baseURL", "model", "apiKey", "embedOrigins", "packageBaseURL", "limits"];

export async function loadConfig(): Promise<AppConfig> {
  let text: string;
  try {
    const response = await fetch(new URL("config.json", document.baseURI), { cache: "no-cache" });
    if (response.status === 404) return parseConfig({}, document.baseURI);
    if (!response.ok) return withProblem(`config.json could not be read (HTTP ${response.status}).`);
    text = await response.text();
  } catch (error) {
    return withProblem(`config.json could not be read: ${messageOf(error)}`);
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    return withProblem(`config.json is not valid JSON: ${messageOf(error)}`);
  }
  return parseConfig(raw, document.baseURI);
}

const withProblem = (problem: string): AppConfig => ({ ...parseConfig({}, document.baseURI), problems: [problem] });

/** Parses config.json's content; relative URLs in it are resolved against the page's URL. */
export function parseConfig(raw: unknown, pageURL: string): AppConfig {
  const config: AppConfig = {
    packageSource: { baseURL: DEFAULT_PACKAGE_BASE },
    limits: {},
    modelSettings: null,
    embedOrigins: [],
    problems: [],
  };
  const problems = config.problems;
  if (typeof raw !== "object" || raw === null || Array.isArray(raw)) {
    problems.push("config.json must hold a JSON object.");
    return config;
  }
  const fields = raw as Record<string, unknown>;
  for (const key of Object.keys(fields)) {
    if (!FIELDS.includes(key)) problems.push(`config.json: unknown field "${key}" (known: ${FIELDS.join(", ")}).`);
  }
  const page = new URL(pageURL);
  config.modelSettings = parseModelSettings(fields, page, problems);
  if (fields.embedOrigins !== undefined) config.embedOrigins = parseEmbedOrigins(fields.embedOrigins, problems);
  if (fields.limits !== undefined) config.limits = parseLimits(fields.limits, problems);
  if (fields.packageBaseURL !== undefined) {
    const url = typeof fields.packageBaseURL === "string" ? httpURL(fields.packageBaseURL, page) : null;
    if (url?.pathname.endsWith("/")) config.packageSource = { baseURL: url.href };
    else problems.push("config.json: packageBaseURL must be an http(s) URL ending in /.");
  }
  return config;
}

function httpURL(value: string, page: URL): URL | null {
  try {
    const url = new URL(value, page);
    return /^https?:$/.test(url.protocol) ? url : null;
  } catch {
    return null;
  }
}

/** endpoint, baseURL, model and apiKey: the model the app uses until the user sets their own. */
function parseModelSettings(fields: Record<string, unknown>, page: URL, problems: string[]): SiteModelSettings | null {
  const { endpoint, baseURL, model, apiKey } = fields;
  if ([endpoint, baseURL, model, apiKey].every((value) => value === undefined)) return null;
  let presetId: string | undefined;
  if (endpoint !== undefined) {
    if (typeof endpoint === "string" && PRESETS.some((p) => p.id === endpoint)) presetId = endpoint;
    else problems.push(`config.json: endpoint must be one of ${PRESETS.map((p) => p.id).join(", ")}.`);
  }
  let url: URL | null = null;
  if (baseURL !== undefined) {
    url = typeof baseURL === "string" ? httpURL(baseURL, page) : null;
    if (!url)
      problems.push('config.json: baseURL must be an http(s) URL, like "https://llm.example.org/v1" or "/llm/v1".');
  }
  const base = url?.href ?? (presetId ? presetById(presetId).baseURL : "");
  let name = "";
  if (model !== undefined) {
    if (typeof model === "string" && model.trim()) name = model.trim();
    else problems.push("config.json: model must be the model's name at the endpoint, a non-empty string.");
  }
  if (!base) {
    const unused = [presetId === "custom" && 'endpoint "custom"', name && "model", apiKey !== undefined && "apiKey"];
    const list = unused.filter(Boolean);
    if (list.length)
      problems.push(`config.json: no baseURL says where the model is, so ${list.join(" and ")} went unused.`);
    return null;
  }
  let key = "";
  if (apiKey !== undefined) {
    if (typeof apiKey !== "string" || !apiKey) problems.push("config.json: apiKey must be a non-empty string.");
    else if (!proxyOrLocal(new URL(base), page))
      problems.push(
        `config.json: apiKey was ignored because ${new URL(base).host} is neither this site's own origin nor a local server; config.json is public, so a provider's key there would be given to every visitor (keep it in a proxy on this site instead).`,
      );
    else key = apiKey;
  }
  return { presetId: presetId ?? "custom", baseURL: base, model: name, apiKey: key };
}

/**
 * A key in config.json is public. It is accepted only where it cannot be a provider's secret: for
 * the site's own origin (a proxy that holds the real key server-side) or a server on the
 * visitor's own machine.
 */
function proxyOrLocal(url: URL, page: URL): boolean {
  const host = url.hostname;
  const loopback = host === "localhost" || host.endsWith(".localhost") || host === "[::1]";
  return url.origin === page.origin || loopback || /^127\.\d+\.\d+\.\d+$/.test(host);
}

function parseEmbedOrigins(raw: unknown, problems: string[]): string[] {
  if (!Array.isArray(raw)) {
    problems.push('config.json: embedOrigins must be a list of origins, like ["https://example.com"].');
    return [];
  }
  const origins: string[] = [];
  raw.forEach((value: unknown, i) => {
    const problem = originProblem(value);
    if (problem) problems.push(`config.json: embedOrigins[${i}] ${problem}`);
    else if (!origins.includes(value as string)) origins.push(value as string);
  });
  return origins;
}

/** Why a value is not an exact origin (scheme, host, optional port), or null when it is one. */
function originProblem(value: unknown): string | null {
  if (typeof value !== "string") return 'must be a string, like "https://example.com".';
  const quoted = JSON.stringify(value);
  if (value.includes("*")) return `${quoted} has a wildcard; list each origin exactly, like "https://example.com".`;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return `${quoted} is not an origin; write its scheme and host, like "https://example.com".`;
  }
  if (!/^https?:$/.test(url.protocol)) return `${quoted} must start with https:// or http://.`;
  if (url.origin !== value)
    return `${quoted} must be an origin alone, with no path, query or trailing slash (did you mean "${url.origin}"?).`;
  return null;
}

/** config.json's "limits", in units a site owner thinks in. */
const LIMIT_FIELDS: Record<string, [keyof Limits, number]> = {
  timeoutSeconds: ["timeoutMs", 1000],
  memoryMiB: ["memoryBytes", 1024 ** 2],
  outputCharacters: ["outputChars", 1],
  displays: ["displays", 1],
  imageMiB: ["imageBytes", 1024 ** 2],
};

function parseLimits(raw: unknown, problems: string[]): Partial<Limits> {
  const limits: Partial<Limits> = {};
  if (typeof raw !== "object" || raw === null || Array.isArray(raw)) {
    problems.push("config.json: limits must be an object.");
    return limits;
  }
  for (const [key, value] of Object.entries(raw)) {
    const field = LIMIT_FIELDS[key];
    if (!field) problems.push(`config.json: unknown limit "${key}" (known: ${Object.keys(LIMIT_FIELDS).join(", ")}).`);
    else if (typeof value !== "number" || !(value > 0))
      problems.push(`config.json: limits.${key} must be a positive number.`);
    else limits[field[0]] = value * field[1];
  }
  return limits;
}
