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
    expect(imageSource("https://evil.example/pixel.png?secret=42")).toEqual({ kind: "remote", host: "evil.example" });
    expect(imageSource("//evil.example/x.png")).toEqual({ kind: "remote", host: "evil.example" });
    expect(imageSource("data:text/html,hi").kind).toBe("remote");
  });
});
