/** A cell's errors as the user and the model see them, from the kernel's Python in a real Pyodide (see python.testkit.ts). */
import { describe, expect, it } from "vitest";
import { bootKernelPython } from "./python.testkit";

const py = bootKernelPython();
const { value, error } = py;

describe("errors", () => {
  it("come back with name, message and a traceback that starts at the user's cell", async () => {
    const e = await error("a = 1\nb = a / 0\n");
    expect(e.name).toBe("ZeroDivisionError");
    expect(e.message).toBe("division by zero");
    expect(e.traceback).toMatch(/^Traceback \(most recent call last\):\n {2}File "<cell-\d+>", line 2, in <module>\n/);
    expect(e.traceback).toContain("b = a / 0");
    expect(e.traceback.trimEnd().endsWith("ZeroDivisionError: division by zero")).toBe(true);
  });

  it("keep their traceback after a cell replaced the traceback module's functions", async () => {
    await value(
      "import traceback\ntraceback.format_exception = lambda *a, **k: ['hidden']\ntraceback.format_exception_only = traceback.format_exception",
    );
    const e = await error("1 / 0");
    await value("import importlib\nimportlib.reload(traceback);"); // as it was, for the tests after
    expect(e.traceback).toContain("ZeroDivisionError: division by zero");
  });

  it("in the trailing expression point at its line", async () => {
    const e = await error("a = 1\n\n{}['missing']");
    expect(e.name).toBe("KeyError");
    expect(e.traceback).toMatch(/File "<cell-\d+>", line 3, in <module>\n/);
    expect(e.traceback).toContain("{}['missing']");
  });

  it("input() says there is no keyboard to read from, as an EOFError code can catch", async () => {
    const e = await error("name = input('Your name? ')");
    expect(e.name).toBe("EOFError");
    expect(e.message).toContain("put the value in the code instead");
    expect(await value("try:\n    input()\nexcept EOFError:\n    r = 'caught'\nr")).toEqual({
      "text/plain": "'caught'",
    });
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
    const first = py.cells + 1;
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
