import type { Element, Root, RootContent } from "hast";
import { describe, expect, it } from "vitest";
import { highlight, languageOf } from "./highlight";

const text = (nodes: RootContent[]): string =>
  nodes.map((n) => (n.type === "text" ? n.value : n.type === "element" ? text(n.children) : "")).join("");
const spans = (root: Root) =>
  root.children.filter((n): n is Element => n.type === "element").map((n) => [n.properties.className, text([n])]);

describe("syntax highlighting", () => {
  it("knows the registered languages and their aliases; anything else is plain text", () => {
    expect(languageOf("language-python")).toBe("python");
    expect(languageOf("language-py")).toBe("py");
    expect(languageOf("Shell")).toBe("shell");
    expect(languageOf("language-csv")).toBeNull();
    expect(languageOf(undefined)).toBeNull();
    expect(highlight("a,b\n1,2", null)).toBeNull();
  });

  it("turns code into spans of text: markup in the code stays text", () => {
    const code = 'def f(x):\n    return "<script>alert(1)</script>"  # done';
    const tree = highlight(code, "python")!;
    expect(text(tree.children)).toBe(code);
    expect(spans(tree)).toEqual([
      [["hljs-keyword"], "def"],
      [["hljs-title", "function_"], "f"],
      [["hljs-params"], "x"],
      [["hljs-keyword"], "return"],
      [["hljs-string"], '"<script>alert(1)</script>"'],
      [["hljs-comment"], "# done"],
    ]);
  });
});
