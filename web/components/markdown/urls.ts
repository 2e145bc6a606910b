/** Which URLs the model's Markdown may use. Pure, so it is unit-tested. */

/** A link's target if it may be followed (http, https, mailto), else null. */
export function linkTarget(href: string): string | null {
  try {
    const url = new URL(href);
    return ["http:", "https:", "mailto:"].includes(url.protocol) ? url.href : null;
  } catch {
    return null;
  }
}

export type ImageSource = { kind: "inline"; url: string } | { kind: "remote"; host: string };

/** Only images that carry their bytes (data:image/…, blob:) are shown; anything else names its host. */
export function imageSource(src: string): ImageSource {
  if (/^data:image\//i.test(src) || /^blob:/i.test(src)) return { kind: "inline", url: src };
  try {
    return { kind: "remote", host: new URL(src, "https://invalid.invalid/").host || "an unknown place" };
  } catch {
    return { kind: "remote", host: "an unknown place" };
  }
}
