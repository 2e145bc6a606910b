import { describe, expect, it } from "vitest";
import { refusalMessage, refusingLoader } from "./loader";

describe("the chart loader", () => {
  it("refuses every load and sanitize, and says which URL it refused", async () => {
    const refused: string[] = [];
    const loader = refusingLoader((message) => refused.push(message));
    await expect(loader.load("https://evil.example/data.csv?secret=42")).rejects.toThrow("not loaded");
    await expect(loader.sanitize("https://evil.example/pixel.png", { context: "image" })).rejects.toThrow();
    await expect(loader.sanitize("javascript:alert(1)", { context: "href" })).rejects.toThrow();
    await expect(loader.load("data/cars.json", { context: "dataflow", response: "json" })).rejects.toThrow();
    expect(refused).toEqual([
      "Chart data from URLs is not loaded: https://evil.example/data.csv?secret=42",
      "Chart images from URLs are not loaded: https://evil.example/pixel.png",
      "Chart links are not followed: javascript:alert(1)",
      "Chart data from URLs is not loaded: data/cars.json",
    ]);
  });

  it("elides very long URLs", () => {
    const message = refusalMessage(`https://evil.example/${"x".repeat(1000)}`, "dataflow");
    expect(message.length).toBeLessThan(260);
    expect(message.endsWith("…")).toBe(true);
  });
});
