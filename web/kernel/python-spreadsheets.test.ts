/**
 * pandas reads spreadsheets with python-calamine once it is loaded (see python.testkit.ts and
 * `_kernel/spreadsheets.py`). pandas and the readers cannot be downloaded here, so stand-ins
 * keep pandas' options the way pandas does; the real packages are what users get.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { bootKernelPython } from "./python.testkit";

const py = bootKernelPython();
const STUBS = "/tmp/stubs";
const FORMATS = ["xls", "xlsx", "xlsm", "xlsb", "ods"];

/** A package installed, as Pyodide installs one: its files written, the import caches told. */
async function stub(name: string, code = ""): Promise<void> {
  py.pyodide.FS.mkdirTree(`${STUBS}/${name}`);
  py.pyodide.FS.writeFile(`${STUBS}/${name}/__init__.py`, code);
  await py.run("import importlib\nimportlib.invalidate_caches()");
}

const readers = async () =>
  (await py.value(`import pandas\n[pandas.get_option(f"io.excel.{f}.reader") for f in ${JSON.stringify(FORMATS)}]`))?.[
    "text/plain"
  ];

beforeAll(async () => {
  await stub(
    "pandas",
    `_options = {f"io.excel.{f}.reader": "auto" for f in ${JSON.stringify(FORMATS)}}\n` +
      "get_option = _options.__getitem__\n" +
      "def set_option(key, value):\n    _options[key] = value\n",
  );
  await py.run(`import sys\nsys.path.insert(0, ${JSON.stringify(STUBS)})`);
});

describe("spreadsheets", () => {
  it("with no reader loaded, pandas is left as it is", async () => {
    py.useCalamine();
    expect(await readers()).toBe(`['auto', 'auto', 'auto', 'auto', 'auto']`);
  });

  it("with python-calamine loaded, it reads every spreadsheet format, except one the user chose a reader for", async () => {
    await stub("python_calamine");
    await py.run(`import pandas\npandas.set_option("io.excel.xls.reader", "xlrd")`);
    py.useCalamine();
    expect(await readers()).toBe(`['xlrd', 'calamine', 'calamine', 'calamine', 'calamine']`);
  });

  it("with openpyxl there, pandas keeps its own choice", async () => {
    await stub("openpyxl");
    await py.run(
      `import pandas\nfor f in ${JSON.stringify(FORMATS)}: pandas.set_option(f"io.excel.{f}.reader", "auto")`,
    );
    py.useCalamine();
    expect(await readers()).toBe(`['auto', 'auto', 'auto', 'auto', 'auto']`);
  });
});
