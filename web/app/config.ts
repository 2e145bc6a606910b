/**
 * Site defaults from `config.json` next to index.html, so a site owner can configure the app
 * without rebuilding. A missing file means defaults; an invalid one is reported and ignored.
 */
import { DEFAULT_PACKAGE_BASE, type PackageSource } from "../kernel/packages";

export interface AppConfig {
  packageSource: PackageSource;
  /** Problems found in config.json, to show the site owner. */
  problems: string[];
}

export async function loadConfig(): Promise<AppConfig> {
  const config: AppConfig = { packageSource: { baseURL: DEFAULT_PACKAGE_BASE }, problems: [] };
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
  const { packageBaseURL } = raw as Record<string, unknown>;
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
