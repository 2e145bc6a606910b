/**
 * A last guard on the way out: no message to the parent carries a secret (the API key), whatever
 * field it hides in. Nothing the bridge sends should hold one — the model and the kernel never see
 * the key, and model errors are sent as a kind only — so this only matters if that ever changes.
 */

/** Secrets shorter than this are not looked for: replacing them would mangle ordinary text. */
const MIN_SECRET = 8;

export const REDACTED = "[removed]";

export function redact<T>(value: T, secrets: readonly string[]): T {
  const found = secrets.filter((s) => s.length >= MIN_SECRET);
  return found.length ? (scrub(value, found) as T) : value;
}

function scrub(value: unknown, secrets: string[]): unknown {
  if (typeof value === "string") return secrets.reduce((text, secret) => text.replaceAll(secret, REDACTED), value);
  if (Array.isArray(value)) return value.map((item) => scrub(item, secrets));
  if (typeof value === "object" && value !== null)
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, scrub(item, secrets)]));
  return value;
}
