/** /mnt/data from Python in a real Pyodide (see python.testkit.ts): the working directory, and what a run reports it changed. */
import { describe, expect, it } from "vitest";
import { DATA, bootKernelPython } from "./python.testkit";

const py = bootKernelPython();
const { run, value, error, readText } = py;

describe("/mnt/data", () => {
  it("is the working directory", async () => {
    expect(await value("import os\nos.getcwd()")).toEqual({ "text/plain": "'/mnt/data'" });
    const result = await run("with open('a.txt', 'w') as f:\n    f.write('written by a cell')");
    expect(readText(`${DATA}/a.txt`)).toBe("written by a cell");
    expect(result.changedFiles).toEqual(["a.txt"]);
  });

  it("an upload is readable by its bare name", async () => {
    py.pyodide.FS.writeFile(`${DATA}/sales.csv`, "region,total\nnorth,3\n");
    expect(await value("open('sales.csv').read().splitlines()[1]")).toEqual({ "text/plain": "'north,3'" });
  });

  it("changedFiles lists new, modified and nested files, and not untouched ones", async () => {
    py.pyodide.FS.writeFile(`${DATA}/keep.txt`, "untouched");
    py.pyodide.FS.writeFile(`${DATA}/edit.txt`, "old");
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

  it("names at most 10,000 changed files, and counts the rest", async () => {
    const result = await run(
      "import os\nos.makedirs('many', exist_ok=True)\nfor i in range(10_005):\n    open(f'many/{i:05}.txt', 'w').close()",
    );
    expect(result.changedFiles).toHaveLength(10_000);
    expect(result.unreportedFiles).toBe(5);
    await run("import shutil\nshutil.rmtree('many')");
  });

  it("changedFiles is empty when a run only reads", async () => {
    py.pyodide.FS.writeFile(`${DATA}/read-only.txt`, "data");
    expect((await run("open('read-only.txt').read()")).changedFiles).toEqual([]);
  });

  it("removedFiles lists files deleted or renamed away, nested ones too, and nothing else", async () => {
    for (const name of ["gone.csv", "draft.txt", "keep.txt"]) py.pyodide.FS.writeFile(`${DATA}/${name}`, name);
    py.pyodide.FS.mkdirTree(`${DATA}/tmp`);
    py.pyodide.FS.writeFile(`${DATA}/tmp/part.bin`, "part");
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
    py.pyodide.FS.writeFile(`${DATA}/json.py`, hijack);
    py.pyodide.FS.writeFile(`${DATA}/statistics.py`, hijack);
    py.pyodide.FS.writeFile(`${DATA}/uploaded_helper.py`, "VALUE = 1\n");
    expect(await value("import json\njson.dumps({'a': 1})")).toEqual({ "text/plain": `'{"a": 1}'` });
    // statistics is not imported yet, so this import really searches sys.path.
    expect(await value("import sys\n'statistics' in sys.modules")).toEqual({ "text/plain": "False" });
    expect(await value("import statistics\nstatistics.mean([1, 2, 3])")).toEqual({ "text/plain": "2" });
    expect(await value("statistics.__file__.startswith('/mnt/data')")).toEqual({ "text/plain": "False" });
    expect((await error("import uploaded_helper")).name).toBe("ModuleNotFoundError");
  });
});
