import { describe, expect, it } from "vitest";
import { markdownBlocks } from "./blocks";

describe("markdownBlocks", () => {
  it("splits at blank lines", () => {
    expect(markdownBlocks("# Title\n\nA paragraph\nstill it.\n\n\n- a\n- b\n")).toEqual([
      "# Title",
      "A paragraph\nstill it.",
      "- a\n- b",
    ]);
  });

  it("keeps fenced code whole, blank lines and all, and a fence still open at the end", () => {
    const code = "```python\nx = 1\n\ny = 2\n```";
    expect(markdownBlocks(`Before\n\n${code}\n\nAfter`)).toEqual(["Before", code, "After"]);
    expect(markdownBlocks("~~~~\na\n\n~~~\nb")).toEqual(["~~~~\na\n\n~~~\nb"]);
  });

  it("keeps a list item's indented next paragraph with its list", () => {
    expect(markdownBlocks("1. First\n\n    more of it\n\n2. Second\n\nAfter")).toEqual([
      "1. First\n\n    more of it",
      "2. Second",
      "After",
    ]);
  });

  it("gives the text back whole, blank lines aside", () => {
    const text = "One\n\n```\n\n```\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\nTwo";
    expect(markdownBlocks(text).join("\n\n")).toBe(text);
  });
});
