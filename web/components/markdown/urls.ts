/** Which URLs the model's Markdown may use. Pure, so it is unit-tested. */
import { svgTooCostly } from "../../lib/svg-cost";

/** A link's target if it may be followed (http, https, mailto), else null. */
export function linkTarget(href: string): string | null {
  try {
    const url = new URL(href);
    return ["http:", "https:", "mailto:"].includes(url.protocol) ? url.href : null;
  } catch {
    return null;
  }
}

export type ImageSource =
  | { kind: "inline"; url: string }
  /** Anywhere else: named, never loaded; `url` where a browser may open it (http, https). */
  | { kind: "remote"; host: string; url: string | null }
  /** An inline SVG that would take the page down drawing it (a `<use>` bomb). */
  | { kind: "too-costly" };

/** Only images that carry their bytes (data:image/…, blob:) are shown; anything else names its host. */
export function imageSource(src: string): ImageSource {
  if (/^data:image\/svg\+xml/i.test(src)) {
    const svg = dataURLText(src);
    return svg === null || svgTooCostly(svg) ? { kind: "too-costly" } : { kind: "inline", url: src };
  }
  if (/^data:image\//i.test(src) || /^blob:/i.test(src)) return { kind: "inline", url: src };
  const url = /^https?:/i.test(src) ? withoutCredentials(linkTarget(src)) : null;
  try {
    return { kind: "remote", host: new URL(src, "https://invalid.invalid/").host || "an unknown place", url };
  } catch {
    return { kind: "remote", host: "an unknown place", url };
  }
}

/** An address without the user name and password a model may have put in it (never followed with them). */
function withoutCredentials(href: string | null): string | null {
  if (!href) return null;
  const url = new URL(href);
  url.username = "";
  url.password = "";
  return url.href;
}

/** A data: URL's text (base64 or percent-encoded), or null where it cannot be read. */
function dataURLText(url: string): string | null {
  const comma = url.indexOf(",");
  if (comma < 0) return null;
  const body = url.slice(comma + 1);
  try {
    if (!/;base64$/i.test(url.slice(0, comma))) return decodeURIComponent(body);
    const bytes = Uint8Array.from(atob(body.replace(/\s/g, "")), (c) => c.charCodeAt(0));
    return new TextDecoder().decode(bytes);
  } catch {
    return null;
  }
}
