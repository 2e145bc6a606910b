/**
 * Which origins may frame the app: config.json's `embedOrigins`, exact origins such as
 * "https://blog.example.org" (the app reads the same list at run time for its embedding API,
 * web/app/config.ts, with the same rules). `frame-ancestors` works only as an HTTP header, so the
 * servers the project runs read the config.json they serve, and the build writes the list into
 * `_headers`. Hosts that cannot set headers (GitHub Pages) cannot enforce it at all.
 */
import { existsSync, readFileSync } from "node:fs";
import { messageOf } from "../lib/message-of";

/** The origin `value` names exactly (scheme, host, optional port), or null if it is anything else. */
export function exactOrigin(value: unknown): string | null {
  if (typeof value !== "string" || value.includes("*")) return null;
  try {
    const url = new URL(value);
    return /^https?:$/.test(url.protocol) && url.origin === value ? value : null;
  } catch {
    return null;
  }
}

/**
 * `embedOrigins` from a config.json file; a missing file or field means none. Entries that are not
 * exact origins are left out and reported through `warn` (the page reports them to the site owner).
 */
export function readEmbedOrigins(configFile: string, warn: (message: string) => void = () => {}): string[] {
  if (!existsSync(configFile)) return [];
  let origins: unknown;
  try {
    origins = (JSON.parse(readFileSync(configFile, "utf8")) as { embedOrigins?: unknown }).embedOrigins;
  } catch (error) {
    warn(`${configFile}: ${messageOf(error)}; no embedOrigins read`);
    return [];
  }
  if (origins === undefined) return [];
  if (!Array.isArray(origins)) {
    warn(`${configFile}: embedOrigins must be a list of origins; none allowed to frame the app`);
    return [];
  }
  const valid = origins.map(exactOrigin);
  valid.forEach((origin, i) => origin || warn(`${configFile}: embedOrigins[${i}] is not an exact origin; left out`));
  return [...new Set(valid.filter((origin): origin is string => origin !== null))];
}

/** The `frame-ancestors` sources: the app's own origin, and the origins allowed to embed it. */
export const frameAncestors = (embedOrigins: string[]): string[] => ["'self'", ...embedOrigins];
