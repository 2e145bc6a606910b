/** The kernel's Python side in a real Pyodide (see python.testkit.ts): values, output, state, display() and await. */
import { describe, expect, it } from "vitest";
import { bootKernelPython } from "./python.testkit";

const VEGA_LITE = "application/vnd.vegalite.v5+json";
const py = bootKernelPython();
const { value, error } = py;

describe("the value of a cell", () => {
  it("is the trailing expression's repr as text/plain", async () => {
    expect(await value("1 + 1")).toEqual({ "text/plain": "2" });
    expect(await value("x = 'a'\nx * 3")).toEqual({ "text/plain": "'aaa'" });
  });

  it("is suppressed by a trailing semicolon", async () => {
    expect(await value("1 + 1;")).toBeNull();
    expect(await value("1 + 1;  # a comment")).toBeNull();
    expect(await value("1 + 1  # a comment;")).toEqual({ "text/plain": "2" });
  });

  it("comes from an indented cell too (code pasted from inside a function)", async () => {
    expect(await value("    z = 4\n    z * 2")).toEqual({ "text/plain": "8" });
  });

  it("is null when the cell ends in a statement", async () => {
    expect(await value("y = 1 + 1")).toBeNull();
    expect(await value("def f():\n    return 3")).toBeNull();
  });

  it("is null for an expression that evaluates to None", async () => {
    expect(await value("print('x')")).toBeNull();
  });

  it("uses the object's rich reprs", async () => {
    const bundle = await value(
      "class Png:\n" +
        "    def _repr_png_(self):\n" +
        "        return b'\\x89PNG\\r\\n\\x1a\\n'\n" +
        "    def __repr__(self):\n" +
        "        return '<Png>'\n" +
        "Png()",
    );
    expect(bundle).toEqual({ "image/png": "iVBORw0KGgo=", "text/plain": "<Png>" });
  });

  it("is cut short, not refused, when its repr is enormous", async () => {
    const bundle = await value("'x' * 10_000_000");
    const text = bundle!["text/plain"]!;
    expect(text.startsWith("'xxxx")).toBe(true);
    expect(text.length).toBeLessThan(10_000_000);
    expect(text).toContain("truncated");
  });
});

describe("output", () => {
  it("print goes to stdout and errors to stderr", async () => {
    await value("import sys\nprint('hello', 42)\nprint('oops', file=sys.stderr)");
    expect(py.stdout).toBe("hello 42\n");
    expect(py.stderr).toBe("oops\n");
  });

  it("what a cell printed without a final newline is out when the cell ends", async () => {
    await value("import sys\nprint('no newline', end='')\nsys.stderr.write('half')");
    expect(py.stdout).toBe("no newline");
    expect(py.stderr).toBe("half");
    await error("print('then', end='')\n1 / 0");
    expect(py.stdout).toBe("no newlinethen");
  });
});

describe("state", () => {
  it("persists across runs", async () => {
    await value("counter = 41\ndef bump(n):\n    return n + 1");
    expect(await value("bump(counter)")).toEqual({ "text/plain": "42" });
  });

  it("survives a failed run", async () => {
    await value("kept = 'still here'");
    await error("kept = 'changed'\n1/0");
    expect(await value("kept")).toEqual({ "text/plain": "'changed'" });
  });
});

describe("display()", () => {
  it("shows an object with _repr_html_ as text/html", async () => {
    const result = await value(
      "class Table:\n" +
        "    def _repr_html_(self):\n" +
        "        return '<table><tr><td>1</td></tr></table>'\n" +
        "    def __repr__(self):\n" +
        "        return 'Table()'\n" +
        "display(Table())",
    );
    expect(result).toBeNull(); // display() returns None
    expect(py.displays).toEqual([{ "text/html": "<table><tr><td>1</td></tr></table>", "text/plain": "Table()" }]);
  });

  it("shows a Vega-Lite spec as a chart", async () => {
    await value(
      "spec = {'$schema': 'https://vega.github.io/schema/vega-lite/v5.json', 'mark': 'bar',\n" +
        "        'data': {'values': [{'a': 1}, {'a': 2}]}}\n" +
        "display(spec)",
    );
    expect(py.displays).toHaveLength(1);
    expect(JSON.parse(py.displays[0]![VEGA_LITE]!)).toEqual({
      $schema: "https://vega.github.io/schema/vega-lite/v5.json",
      mark: "bar",
      data: { values: [{ a: 1 }, { a: 2 }] },
    });
    expect(py.displays[0]!["text/plain"]).toContain("'mark': 'bar'");
  });

  it("does not treat an ordinary dict as a chart", async () => {
    await value("display({'a': 1})");
    expect(py.displays).toEqual([{ "text/plain": "{'a': 1}" }]);
  });

  it("shows several objects in order", async () => {
    await value("display(1, 'two')");
    expect(py.displays).toEqual([{ "text/plain": "1" }, { "text/plain": "'two'" }]);
  });

  it("with raw=True sends the bundle as given, bytes images as base64", async () => {
    await value(
      "display({'text/markdown': '# Title', 'text/plain': 'Title',\n" +
        "         'image/png': b'\\x89PNG\\r\\n\\x1a\\n'}, raw=True)",
    );
    expect(py.displays).toEqual([{ "text/markdown": "# Title", "text/plain": "Title", "image/png": "iVBORw0KGgo=" }]);
  });

  it("with raw=True drops MIME types the app does not show instead of getting the kernel killed", async () => {
    await value("display({'application/x-unknown': 'x', 'text/plain': 'shown'}, raw=True)");
    await value("display({'application/x-unknown': 'x'}, raw=True)");
    await value("display({}, raw=True)");
    expect(py.displays).toEqual([{ "text/plain": "shown" }]);
  });

  it("leaves out an oversized rich entry but keeps the text", async () => {
    await value(
      "class Huge:\n" +
        "    def _repr_html_(self):\n" +
        "        return '<p>' + 'x' * 9_000_000\n" +
        "    def __repr__(self):\n" +
        "        return 'Huge()'\n" +
        "display(Huge())",
    );
    expect(py.displays).toEqual([{ "text/plain": "Huge()" }]);
  });
});

describe("async", () => {
  it("top-level await works", async () => {
    expect(await value("import asyncio\nawait asyncio.sleep(0)\n'awake'")).toEqual({ "text/plain": "'awake'" });
  });

  it("an error after an await is the cell's error, from the user's line", async () => {
    const e = await error("import asyncio\nawait asyncio.sleep(0)\n1 / 0");
    expect(e.name).toBe("ZeroDivisionError");
    expect(e.traceback).toMatch(/File "<cell-\d+>", line 3, in <module>\n/);
    expect(e.traceback).not.toMatch(/_kernel|_pyodide/);
  });

  it("an awaited coroutine's value is the cell's value", async () => {
    expect(await value("import asyncio\nasync def f():\n    await asyncio.sleep(0)\n    return 7\nawait f()")).toEqual({
      "text/plain": "7",
    });
  });
});
