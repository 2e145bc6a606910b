/**
 * Site defaults from `config.json` next to index.html, so a site owner can configure the app
 * without rebuilding. A missing file means defaults; an invalid one is reported and ignored.
 */
import type { Limits } from "../kernel/limits";
import { DEFAULT_PACKAGE_BASE, type PackageSource } from "../kernel/packages";

export interface AppConfig {
  packageSource: PackageSource;
  limits: Partial<Limits>;
  /** Problems found in config.json, to show the site owner. */
  problems: string[];
}

export async function loadConfig(): Promise<AppConfig> {
  const config: AppConfig = { packageSource: { baseURL: DEFAULT_PACKAGE_BASE }, limits: {}, problems: [] };
  let raw: unknown;
  try {
    const response = await fetch(new URL("config.json", document.baseURI), { cache: "no-cache" });
    if (response.status === 404) return config;
    raw = await response.json();
  } catch (error) {
    config.problems.push(`config.json could not be read: ${(error as Error).message}`);
    return config;
  }
  if (typeof raw !== "object" || raw === null || Array.isArray(raw)) {
    config.problems.push("config.json must hold a JSON object.");
    return config;
  }
  const { packageBaseURL, limits } = raw as Record<string, unknown>;
  if (limits !== undefined) config.limits = parseLimits(limits, config.problems);
  if (packageBaseURL !== undefined) {
    const url = typeof packageBaseURL === "string" ? parseBase(packageBaseURL) : null;
    if (url) config.packageSource = { baseURL: url };
    else config.problems.push("config.json: packageBaseURL must be an http(s) URL ending in /.");
  }
  return config;
}

function parseBase(value: string): string | null {
  try {
    const url = new URL(value, document.baseURI);
    return /^https?:$/.test(url.protocol) && url.pathname.endsWith("/") ? url.href : null;
  } catch {
    return null;
  }
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
