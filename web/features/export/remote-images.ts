/**
 * The model's Markdown as it is exported: images that would load from a server become text
 * naming it, as in the app. A notebook or Markdown file opened in Jupyter, VS Code or on GitHub
 * loads them, and an image URL carrying data is the classic exfiltration of a prompt injection.
 */

const INLINE = /!\[([^\]]*)\]\(\s*(?:<([^>]*)>|([^)\s]*))(?:\s+(?:"[^"]*"|'[^']*'))?\s*\)/g;
const REFERENCE = /!\[([^\]]*)\]\[([^\]]*)\]/g;

export function withoutRemoteImages(markdown: string): string {
  return markdown
    .replace(INLINE, (image, alt: string, bracketed: string | undefined, bare: string | undefined) => {
      const url = bracketed ?? bare ?? "";
      return /^(data:image\/|blob:)/i.test(url)
        ? image
        : `[image from ${host(url)} not loaded${alt ? `: ${alt}` : ""}]`;
    })
    .replace(REFERENCE, (_, alt: string) => `[image not loaded${alt ? `: ${alt}` : ""}]`);
}

function host(url: string): string {
  try {
    return new URL(url, "https://invalid.invalid/").host || "an unknown place";
  } catch {
    return "an unknown place";
  }
}
