import { describe, expect, it } from "vitest";
import type { ChatMessage } from "./client";
import { sizeOf } from "./context-fit";

describe("sizeOf", () => {
  it("counts a figure by what it costs the model, not by its base64", () => {
    const text: ChatMessage = { role: "user", content: "x".repeat(1000) };
    const figure: ChatMessage = {
      role: "user",
      content: [{ type: "image_url", image_url: { url: `data:image/png;base64,${"A".repeat(90_000)}` } }],
    };
    expect(sizeOf([text, figure])).toBeLessThan(sizeOf([text]) + 5000);
    expect(sizeOf([text, figure])).toBeGreaterThan(sizeOf([text]) + 3000);
  });
});
