import { describe, expect, it } from "vitest";
import type { Cell } from "../../kernel/cells";
import { cell, KILLED_NOTICE, source } from "./conversation.testkit";
import { toMarkdown } from "./markdown";
import type { ExportSource } from "./source";
import { fence, truncate } from "./text";

const markdown = toMarkdown(source);
const only = (cells: Cell[], extra: Partial<ExportSource> = {}) =>
  toMarkdown({ title: "", turns: [], files: [], cells, ...extra });

describe("toMarkdown", () => {
  it("reads as a transcript in timeline order", () => {
    const headings = markdown.split("\n").filter((line) => /^(#|\*[A-Z]|> |\*\*Answer)/.test(line));
    expect(headings).toEqual([
      "# Sales — Q1 / Nord",
      "*You ran:*",
      "## Question",
      "> Which region sold most? 📈",
      "*Load the sales*",
      `> ${KILLED_NOTICE}`,
      '> This code did not run: The arguments were not valid JSON: missing "code".',
      "**Answer**",
      "*Imported, not run:*",
      "## Question",
      "> And by month?",
      "> Please use ``` fences.",
      "> Stopped by user.",
      "## Files",
    ]);
    expect(markdown.endsWith("\n")).toBe(true);
    expect(markdown).not.toMatch(/\n{3}/);
  });

  it("puts code in python fences and text output in text fences", () => {
    expect(markdown).toContain(
      "```python\nimport csv\nrows = list(csv.reader(open(\"sales.csv\")))\nprint(len(rows))\nrows[1][0]\n```\n\n```text\n3\n```\n\n```text\n'north'\n```",
    );
    expect(markdown).toContain('```python\nprint("héllo wörld ✓")\nn = 0\n```\n\n```text\nhéllo wörld ✓\n```');
  });

  it("shows a traceback without its ANSI colours", () => {
    expect(markdown).toContain("```text\nTraceback (most recent call last):");
    expect(markdown).toContain("\nZeroDivisionError: division by zero\n```");
    expect(markdown).not.toContain("\x1b");
  });

  it("notes images, charts and HTML instead of embedding them, keeping HTML's text form", () => {
    expect(markdown).toContain("*[HTML output]*\n\n```text\n   region  total\n0  north     12\n```");
    expect(markdown).toContain("*[Image: PNG, 70 B]*");
    expect(markdown).toContain("*[Chart: Vega-Lite]*");
    expect(markdown).not.toContain("iVBOR");
    expect(markdown).not.toContain("<Figure");
    expect(markdown).not.toContain("<table>");
  });

  it("leaves out the reasoning, progress lines, usage and cells no turn shows", () => {
    for (const absent of ["REASONING", "Loading pandas", "orphan", "1280"]) expect(markdown).not.toContain(absent);
  });

  it("ends with the files, names shown literally", () => {
    expect(markdown.slice(markdown.indexOf("## Files"))).toBe(
      "## Files\n\n- out/summary.csv (22 B)\n- plot.png (70 B)\n",
    );
    const odd = only([], { files: [{ name: "*bold* [x](y).csv", data: new Blob([new Uint8Array(2048)]) }] });
    expect(odd).toBe("## Files\n\n- \\*bold\\* \\[x\\]\\(y\\).csv (2.0 KB)\n");
  });

  it("cannot be broken out of by backticks in code or output", () => {
    const tricky = only([
      cell("t", 1, 'print("```")\n"````"', {
        origin: "user",
        outputs: [{ type: "stream", name: "stdout", text: "```\n# not a heading\n" }],
      }),
    ]);
    expect(tricky).toBe(
      '*You ran:*\n\n`````python\nprint("```")\n"````"\n`````\n\n````text\n```\n# not a heading\n````\n',
    );
  });

  it("cuts long output to its head and tail and says how much", () => {
    const lines = Array.from({ length: 1000 }, (_, i) => `line ${i + 1}`).join("\n");
    const long = only([
      cell("l", 1, "for i in range(1000): print(i)", {
        origin: "user",
        outputs: [{ type: "stream", name: "stdout", text: lines }],
      }),
    ]);
    expect(long).toContain("```text\nline 1\n");
    expect(long).toContain("\nline 40\n… 940 lines cut …\nline 981\n");
    expect(long).toContain("\nline 1000\n```");
    expect(long).not.toContain("line 41\n");
  });

  it("says a JSON display is JSON and shows an SVG as a note", () => {
    const json = only([
      cell("j", 1, "x", {
        origin: "user",
        outputs: [
          { type: "display", data: { "application/json": '{"a": 1}' } },
          { type: "display", data: { "image/svg+xml": "<svg>ü</svg>", "text/plain": "<svg>" } },
        ],
      }),
    ]);
    expect(json).toContain('```json\n{"a": 1}\n```\n\n*[Image: SVG, 13 B]*');
  });
});

describe("text helpers", () => {
  it("truncate leaves short text alone and cuts long lines by characters, never inside an emoji", () => {
    expect(truncate("a\nb\n")).toBe("a\nb");
    const cut = truncate("😀".repeat(10_000));
    expect(cut).toMatch(/^(😀){4000}\n… 4,000 characters cut …\n(😀){2000}$/u);
  });

  it("fence strips one trailing newline and grows past any backtick run", () => {
    expect(fence("a\n", "text")).toBe("```text\na\n```");
    expect(fence("``````")).toBe("```````\n``````\n```````");
  });
});
