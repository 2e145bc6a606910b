/**
 * The kernel's Python side (_kernel/*.py) in a real Pyodide, booted once for the file. Every
 * result and display bundle is also put through the app's validators: a value they refuse gets
 * the kernel killed in the browser, so "Python returned something" is not enough.
 */
import type { PyodideAPI } from "pyodide";
import { beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { MimeBundle, PythonError } from "./protocol";
import { installKernelPython, type KernelPython } from "./python";
import { parseRunEvent, parseRunResult } from "./validate";

type CellResult = { changedFiles: string[]; removedFiles: string[] } & (
  { status: "ok"; value: MimeBundle | null } | { status: "error"; error: PythonError }
);

const DATA = "/mnt/data";
const VEGA_LITE = "application/vnd.vegalite.v5+json";
const stamp = { nonce: "test-nonce", runId: "test-run" };

let pyodide: PyodideAPI;
let kernel: KernelPython;
let cells = 0;
let displays: MimeBundle[] = [];
let stdout = "";
let stderr = "";

beforeAll(async () => {
  const { loadPyodide } = await import("pyodide");
  pyodide = await loadPyodide();
  const out = new TextDecoder();
  const err = new TextDecoder();
  pyodide.setStdout({ write: (bytes) => ((stdout += out.decode(bytes, { stream: true })), bytes.length) });
  pyodide.setStderr({ write: (bytes) => ((stderr += err.decode(bytes, { stream: true })), bytes.length) });
  kernel = installKernelPython(pyodide, (json) => {
    const event = parseRunEvent({ kind: "display", ...stamp, data: JSON.parse(json) }, stamp);
    if (event?.kind !== "display") throw new Error(`the app would refuse this display bundle: ${json.slice(0, 200)}`);
    displays.push(event.data);
  });
});

beforeEach(() => {
  displays = [];
  stdout = "";
  stderr = "";
});

/** Runs one cell as the worker does (a fresh `<cell-N>` name each time). */
async function run(code: string): Promise<CellResult> {
  const json = await kernel.run(code, `<cell-${++cells}>`);
  const result = JSON.parse(json) as CellResult;
  // The app checks every result; one it refuses kills the kernel.
  expect(parseRunResult({ ...result, ...stamp }, stamp), `the app would refuse: ${json.slice(0, 300)}`).not.toBeNull();
  return result;
}

async function value(code: string): Promise<MimeBundle | null> {
  const result = await run(code);
  if (result.status !== "ok") throw new Error(`cell failed: ${result.error.traceback}`);
  return result.value;
}

async function error(code: string): Promise<PythonError> {
  const result = await run(code);
  if (result.status !== "error") throw new Error(`cell did not fail: ${JSON.stringify(result)}`);
  return result.error;
}

const readText = (path: string) => pyodide.FS.readFile(path, { encoding: "utf8" }) as string;

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
    expect(stdout).toBe("hello 42\n");
    expect(stderr).toBe("oops\n");
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
    expect(displays).toEqual([{ "text/html": "<table><tr><td>1</td></tr></table>", "text/plain": "Table()" }]);
  });

  it("shows a Vega-Lite spec as a chart", async () => {
    await value(
      "spec = {'$schema': 'https://vega.github.io/schema/vega-lite/v5.json', 'mark': 'bar',\n" +
        "        'data': {'values': [{'a': 1}, {'a': 2}]}}\n" +
        "display(spec)",
    );
    expect(displays).toHaveLength(1);
    expect(JSON.parse(displays[0]![VEGA_LITE]!)).toEqual({
      $schema: "https://vega.github.io/schema/vega-lite/v5.json",
      mark: "bar",
      data: { values: [{ a: 1 }, { a: 2 }] },
    });
    expect(displays[0]!["text/plain"]).toContain("'mark': 'bar'");
  });

  it("does not treat an ordinary dict as a chart", async () => {
    await value("display({'a': 1})");
    expect(displays).toEqual([{ "text/plain": "{'a': 1}" }]);
  });

  it("shows several objects in order", async () => {
    await value("display(1, 'two')");
    expect(displays).toEqual([{ "text/plain": "1" }, { "text/plain": "'two'" }]);
  });

  it("with raw=True sends the bundle as given, bytes images as base64", async () => {
    await value(
      "display({'text/markdown': '# Title', 'text/plain': 'Title',\n" +
        "         'image/png': b'\\x89PNG\\r\\n\\x1a\\n'}, raw=True)",
    );
    expect(displays).toEqual([{ "text/markdown": "# Title", "text/plain": "Title", "image/png": "iVBORw0KGgo=" }]);
  });

  it("with raw=True drops MIME types the app does not show instead of getting the kernel killed", async () => {
    await value("display({'application/x-unknown': 'x', 'text/plain': 'shown'}, raw=True)");
    await value("display({'application/x-unknown': 'x'}, raw=True)");
    await value("display({}, raw=True)");
    expect(displays).toEqual([{ "text/plain": "shown" }]);
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
    expect(displays).toEqual([{ "text/plain": "Huge()" }]);
  });
});

describe("errors", () => {
  it("come back with name, message and a traceback that starts at the user's cell", async () => {
    const e = await error("a = 1\nb = a / 0\n");
    expect(e.name).toBe("ZeroDivisionError");
    expect(e.message).toBe("division by zero");
    expect(e.traceback).toMatch(/^Traceback \(most recent call last\):\n {2}File "<cell-\d+>", line 2, in <module>\n/);
    expect(e.traceback).toContain("b = a / 0");
    expect(e.traceback.trimEnd().endsWith("ZeroDivisionError: division by zero")).toBe(true);
  });

  it("in the trailing expression point at its line", async () => {
    const e = await error("a = 1\n\n{}['missing']");
    expect(e.name).toBe("KeyError");
    expect(e.traceback).toMatch(/File "<cell-\d+>", line 3, in <module>\n/);
    expect(e.traceback).toContain("{}['missing']");
  });

  it("show none of the kernel's or Pyodide's frames", async () => {
    const e = await error("raise ValueError('bad value')");
    expect(e.traceback).not.toMatch(/_kernel|_pyodide|_base\.py|runner\.py|eval_code/);
    expect(e.traceback.match(/File "/g)).toHaveLength(1);
  });

  it("show every user frame of a nested call, with its source line", async () => {
    const e = await error(
      "def outer():\n" + "    return inner() + 1\n" + "def inner():\n" + "    return {}['missing']\n" + "outer()",
    );
    expect(e.name).toBe("KeyError");
    expect(e.traceback).toMatch(/line 5, in <module>\n\s+outer\(\)/);
    expect(e.traceback).toMatch(/line 2, in outer\n\s+return inner\(\) \+ 1/);
    expect(e.traceback).toMatch(/line 4, in inner\n\s+return \{\}\['missing'\]/);
    expect(e.traceback).not.toMatch(/_kernel|_pyodide/);
  });

  it("show frames of a function defined in an earlier cell", async () => {
    const first = cells + 1;
    await value("def parse(text):\n    return int(text)");
    const e = await error("parse('abc')");
    expect(e.name).toBe("ValueError");
    expect(e.traceback).toContain(`File "<cell-${first + 1}>", line 1, in <module>`);
    expect(e.traceback).toContain(`File "<cell-${first}>", line 2, in parse\n    return int(text)`);
  });

  it("include library frames below the user's code", async () => {
    const e = await error("import json\njson.loads('{')");
    expect(e.name).toBe("JSONDecodeError");
    expect(e.traceback).toMatch(/^Traceback[^\n]*\n {2}File "<cell-\d+>"/);
    expect(e.traceback).toContain("json/decoder.py");
    expect(e.traceback).not.toMatch(/_kernel|_pyodide/);
  });

  it("for a SyntaxError are a clean message without internal frames", async () => {
    const e = await error("x = (1 +\n");
    expect(e.name).toBe("SyntaxError");
    expect(e.message).toMatch(/never closed|invalid syntax/);
    expect(e.traceback).not.toContain("Traceback (most recent call last)");
    expect(e.traceback).not.toMatch(/_kernel|_pyodide|_base\.py/);
    expect(e.traceback).toMatch(/File "<cell-\d+>", line 1\n\s+x = \(1 \+/);
    expect(e.traceback).toMatch(/SyntaxError: /);
  });

  it("SystemExit and KeyboardInterrupt are errors, and the kernel keeps working", async () => {
    expect((await error("raise SystemExit(3)")).name).toBe("SystemExit");
    expect((await error("import sys\nsys.exit()")).name).toBe("SystemExit");
    expect((await error("raise KeyboardInterrupt")).name).toBe("KeyboardInterrupt");
    expect(await value("1 + 1")).toEqual({ "text/plain": "2" });
  });

  it("keep the cause of a chained exception", async () => {
    const e = await error("try:\n    1/0\nexcept ZeroDivisionError as z:\n    raise ValueError('wrapped') from z");
    expect(e.traceback).toContain("ZeroDivisionError: division by zero");
    expect(e.traceback).toContain("direct cause");
    expect(e.traceback.trimEnd().endsWith("ValueError: wrapped")).toBe(true);
  });

  it("whose str() raises still come back as an error", async () => {
    const e = await error(
      "class Weird(Exception):\n    def __str__(self):\n        raise RuntimeError('no')\nraise Weird()",
    );
    expect(e.name).toBe("Weird");
    expect(e.traceback).toContain("raise Weird()");
    expect(await value("2 + 2")).toEqual({ "text/plain": "4" });
  });

  it("with an enormous message are cut short, not refused", async () => {
    const e = await error("raise ValueError('x' * 10_000_000)");
    expect(e.name).toBe("ValueError");
    expect(e.message.length).toBeLessThan(10_000_000);
    expect(e.traceback.length).toBeLessThan(10_000_000);
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

describe("/mnt/data", () => {
  it("is the working directory", async () => {
    expect(await value("import os\nos.getcwd()")).toEqual({ "text/plain": "'/mnt/data'" });
    const result = await run("with open('a.txt', 'w') as f:\n    f.write('written by a cell')");
    expect(readText(`${DATA}/a.txt`)).toBe("written by a cell");
    expect(result.changedFiles).toEqual(["a.txt"]);
  });

  it("an upload is readable by its bare name", async () => {
    pyodide.FS.writeFile(`${DATA}/sales.csv`, "region,total\nnorth,3\n");
    expect(await value("open('sales.csv').read().splitlines()[1]")).toEqual({ "text/plain": "'north,3'" });
  });

  it("changedFiles lists new, modified and nested files, and not untouched ones", async () => {
    pyodide.FS.writeFile(`${DATA}/keep.txt`, "untouched");
    pyodide.FS.writeFile(`${DATA}/edit.txt`, "old");
    const result = await run(
      "import os\n" +
        "open('new.txt', 'w').write('new')\n" +
        "open('edit.txt', 'a').write(' and more')\n" +
        "os.makedirs('out', exist_ok=True)\n" +
        "open('out/x.txt', 'w').write('nested')\n" +
        "open('keep.txt').read()",
    );
    expect(result.changedFiles).toEqual(["edit.txt", "new.txt", "out/x.txt"]);
    expect(readText(`${DATA}/out/x.txt`)).toBe("nested");
  });

  it("changedFiles is empty when a run only reads", async () => {
    pyodide.FS.writeFile(`${DATA}/read-only.txt`, "data");
    expect((await run("open('read-only.txt').read()")).changedFiles).toEqual([]);
  });

  it("removedFiles lists files deleted or renamed away, nested ones too, and nothing else", async () => {
    for (const name of ["gone.csv", "draft.txt", "keep.txt"]) pyodide.FS.writeFile(`${DATA}/${name}`, name);
    pyodide.FS.mkdirTree(`${DATA}/tmp`);
    pyodide.FS.writeFile(`${DATA}/tmp/part.bin`, "part");
    const result = await run(
      "import os, shutil\n" +
        "os.remove('gone.csv')\n" +
        "os.rename('draft.txt', 'final.txt')\n" +
        "shutil.rmtree('tmp')",
    );
    expect(result.removedFiles).toEqual(["draft.txt", "gone.csv", "tmp/part.bin"]);
    expect(result.changedFiles).toEqual(["final.txt"]);
    expect((await run("open('keep.txt').read()")).removedFiles).toEqual([]);
  });

  it("changedFiles is reported for a failed run too", async () => {
    const result = await run("open('partial.txt', 'w').write('half')\nraise RuntimeError('later')");
    expect(result.status).toBe("error");
    expect(result.changedFiles).toEqual(["partial.txt"]);
  });

  it("is not on sys.path", async () => {
    const path = await value("import sys\nsys.path");
    const entries = path!["text/plain"]!;
    expect(entries).not.toContain("'/mnt/data'");
    expect(entries).not.toMatch(/(\[|, )''(,|\])/);
    expect(entries).not.toMatch(/(\[|, )'\.'(,|\])/);
  });

  it("a module-named upload cannot shadow a library module", async () => {
    const hijack = "raise ImportError('imported from /mnt/data')\n";
    pyodide.FS.writeFile(`${DATA}/json.py`, hijack);
    pyodide.FS.writeFile(`${DATA}/statistics.py`, hijack);
    pyodide.FS.writeFile(`${DATA}/uploaded_helper.py`, "VALUE = 1\n");
    expect(await value("import json\njson.dumps({'a': 1})")).toEqual({ "text/plain": `'{"a": 1}'` });
    // statistics is not imported yet, so this import really searches sys.path.
    expect(await value("import sys\n'statistics' in sys.modules")).toEqual({ "text/plain": "False" });
    expect(await value("import statistics\nstatistics.mean([1, 2, 3])")).toEqual({ "text/plain": "2" });
    expect(await value("statistics.__file__.startswith('/mnt/data')")).toEqual({ "text/plain": "False" });
    expect((await error("import uploaded_helper")).name).toBe("ModuleNotFoundError");
  });
});
