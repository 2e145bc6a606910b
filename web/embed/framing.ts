/**
 * Is the app in another page's frame, and may it act there? `frame-ancestors` refuses unlisted
 * framers where the host sends headers; where it cannot (a static host without header support),
 * this check is what stops the app: framed by a page whose origin is neither the app's own nor
 * in `embedOrigins`, it shows a refusal and does nothing else.
 */

/** Who frames the app: nobody, or these origins (nearest first), or unknown ones. */
export type Framing = { kind: "top" } | { kind: "framed"; ancestors: string[] | null };

/** What the app does about it. "pending": framed cross-origin and config.json not read yet. */
export type Embedding =
  | { kind: "top" }
  | { kind: "pending" }
  /** Framed by its own origin, or by an allowed page whose parent is same-origin: no API, no refusal. */
  | { kind: "same-origin" }
  /** Framed by an allowed parent: the postMessage API talks to `parent`. */
  | { kind: "allowed"; parent: string }
  /** `origin`: the first ancestor that may not embed the app (null: unknown). */
  | { kind: "refused"; origin: string | null };

interface Where {
  parent: unknown;
  self: unknown;
  location: { ancestorOrigins?: ArrayLike<string> };
  document: { referrer: string };
}

export function readFraming(win: Where): Framing {
  if (win.parent === win.self) return { kind: "top" };
  // Chromium and WebKit list every ancestor's origin; elsewhere the referrer names the parent
  // (absent when the parent sends none: the parent is then unknown, and the app refuses).
  const ancestors = win.location.ancestorOrigins;
  if (ancestors) return { kind: "framed", ancestors: Array.from(ancestors) };
  const referrer = win.document.referrer;
  try {
    return { kind: "framed", ancestors: referrer ? [new URL(referrer).origin] : null };
  } catch {
    return { kind: "framed", ancestors: null };
  }
}

/**
 * Like `frame-ancestors`, every ancestor must be the app's origin or allowed. `allowed` is
 * undefined while config.json loads; a same-origin frame needs no config to be let through.
 */
export function embeddingOf(framing: Framing, self: string, allowed: readonly string[] | undefined): Embedding {
  if (framing.kind === "top") return { kind: "top" };
  const { ancestors } = framing;
  const parent = ancestors?.[0] ?? null;
  if (ancestors?.length && ancestors.every((origin) => origin === self)) return { kind: "same-origin" };
  if (!allowed) return { kind: "pending" };
  const ok = (origin: string) => origin === self || allowed.includes(origin);
  if (!ancestors?.length) return { kind: "refused", origin: null };
  const culprit = ancestors.find((origin) => !ok(origin));
  if (culprit !== undefined) return { kind: "refused", origin: culprit };
  return parent === self ? { kind: "same-origin" } : { kind: "allowed", parent: parent! };
}

/** Framed, or opened with `?embed`: the compact layout (one column, conversations folded away). */
export function isCompact(win: Where & { location: { search: string } }): boolean {
  return readFraming(win).kind === "framed" || new URLSearchParams(win.location.search).has("embed");
}

/** This page's embedding, given config.json's `embedOrigins` (undefined while it loads). */
export const pageEmbedding = (allowed: readonly string[] | undefined): Embedding =>
  embeddingOf(readFraming(window), window.location.origin, allowed);
