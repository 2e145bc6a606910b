import { describe, expect, it } from "vitest";
import { imageSource, linkTarget } from "./urls";

describe("URLs in the model's Markdown", () => {
  it("follows only http, https and mailto links", () => {
    expect(linkTarget("https://example.org/a?b=1")).toBe("https://example.org/a?b=1");
    expect(linkTarget("mailto:a@example.org")).toBe("mailto:a@example.org");
    expect(linkTarget("javascript:alert(1)")).toBeNull();
    expect(linkTarget("JaVaScRiPt:alert(1)")).toBeNull();
    expect(linkTarget("data:text/html,<script>alert(1)</script>")).toBeNull();
    expect(linkTarget("vbscript:x")).toBeNull();
    expect(linkTarget("/relative")).toBeNull();
  });

  it("shows only images that carry their own bytes, and names the host of any other", () => {
    expect(imageSource("data:image/png;base64,iVBOR")).toEqual({ kind: "inline", url: "data:image/png;base64,iVBOR" });
    expect(imageSource("https://evil.example/pixel.png?secret=42")).toEqual({
      kind: "remote",
      host: "evil.example",
      url: "https://evil.example/pixel.png?secret=42",
    });
    expect(imageSource("//evil.example/x.png")).toEqual({ kind: "remote", host: "evil.example", url: null });
    expect(imageSource("https://user:pass@evil.example/c.png")).toMatchObject({ url: "https://evil.example/c.png" });
    expect(imageSource("data:text/html,hi").kind).toBe("remote");
  });

  it("shows an inline SVG only where drawing it cannot take the page down", () => {
    const small = `data:image/svg+xml;base64,${btoa('<svg><rect width="1" height="1"/></svg>')}`;
    expect(imageSource(small)).toEqual({ kind: "inline", url: small });
    let bomb = '<svg><rect id="l0"/>';
    for (let i = 1; i <= 7; i++) bomb += `<g id="l${i}">${`<use href="#l${i - 1}"/>`.repeat(10)}</g>`;
    expect(imageSource(`data:image/svg+xml;base64,${btoa(`${bomb}</svg>`)}`)).toEqual({ kind: "too-costly" });
    expect(imageSource(`data:image/svg+xml,${encodeURIComponent(`${bomb}</svg>`)}`)).toEqual({ kind: "too-costly" });
  });
});
