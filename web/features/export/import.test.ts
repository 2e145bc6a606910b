import { describe, expect, it } from "vitest";
import { fromNotebook, MAX_NOTEBOOK_CELLS } from "./import";

const v4 = (cells: unknown[]) => JSON.stringify({ nbformat: 4, nbformat_minor: 5, metadata: {}, cells });
const code = (source: string | string[]) => ({
  id: "c",
  cell_type: "code",
  metadata: {},
  source,
  outputs: [],
  execution_count: null,
});

describe("fromNotebook", () => {
  it("reads nbformat 4 code cells, joining lines and skipping markdown, raw and empty cells", () => {
    const text = v4([
      { id: "m", cell_type: "markdown", metadata: {}, source: ["# Title\n", "text"] },
      code(["x = 1\n", "print(x)"]),
      code("   \n"),
      { id: "r", cell_type: "raw", metadata: {}, source: "raw" },
      code("y = 'ünïcode ✓'\r\nprint(y)\r\n"),
      code([]),
    ]);
    expect(fromNotebook(text)).toEqual(["x = 1\nprint(x)", "y = 'ünïcode ✓'\nprint(y)\n"]);
  });

  it("keeps IPython's magics and shell escapes as comments, so the rest of the cell runs", () => {
    const text = v4([
      code([
        "%matplotlib inline\n",
        "!pip install seaborn\n",
        "x = (10\n",
        "     % 3\n",
        "     != 2)\n",
        "  %time f()",
      ]),
    ]);
    expect(fromNotebook(text)).toEqual([
      "# %matplotlib inline  # IPython only: not run here\n" +
        "# !pip install seaborn  # IPython only: not run here\n" +
        "x = (10\n     % 3\n     != 2)\n" +
        "  # %time f()  # IPython only: not run here",
    ]);
  });

  it("reads nbformat 3 worksheets, whose code is in `input`", () => {
    const text = JSON.stringify({
      nbformat: 3,
      nbformat_minor: 0,
      metadata: { name: "old" },
      worksheets: [
        {
          cells: [
            { cell_type: "heading", level: 1, source: "Old" },
            { cell_type: "code", language: "python", input: ["a = 1\n", "a"], outputs: [] },
          ],
        },
        { cells: [{ cell_type: "code", input: "b = 2", outputs: [] }] },
      ],
    });
    expect(fromNotebook(text)).toEqual(["a = 1\na", "b = 2"]);
  });

  it("refuses what is not a notebook, saying so", () => {
    const notNotebook = /^This file is not a Jupyter notebook: /;
    expect(() => fromNotebook("name,total\nnorth,12")).toThrow(
      /^This file is not a Jupyter notebook: it is not JSON\.$/,
    );
    expect(() => fromNotebook("[1, 2]")).toThrow(/it has no "nbformat" version/);
    expect(() => fromNotebook('{"cells": []}')).toThrow(/it has no "nbformat" version/);
    expect(() => fromNotebook('{"nbformat": 4}')).toThrow(/it has no list of cells/);
    expect(() => fromNotebook('{"nbformat": 3, "worksheets": [{}]}')).toThrow(/no list of worksheets with cells/);
    expect(() => fromNotebook(v4([null]))).toThrow(/cell 1 is not an object/);
    expect(() => fromNotebook(v4([code("ok"), { cell_type: "code", source: 42 }]))).toThrow(
      /code cell 2 has no "source" text/,
    );
    expect(() => fromNotebook(v4([code(["a", 1] as unknown as string[])]))).toThrow(notNotebook);
    expect(() => fromNotebook('{"nbformat": 5, "cells": []}')).toThrow(
      "Notebook format 5 is not supported: only formats 3 and 4 can be imported.",
    );
  });

  it("refuses absurd notebooks: over 20 MB or over 2000 cells", () => {
    const huge = v4([code("x".repeat(21 * 1024 * 1024))]);
    expect(() => fromNotebook(huge)).toThrow(
      /^This notebook is too large to import \(21\.0 MB; the limit is 20 MB\)\.$/,
    );
    const many = v4(Array.from({ length: MAX_NOTEBOOK_CELLS + 1 }, () => code("pass")));
    expect(() => fromNotebook(many)).toThrow("This notebook has 2001 cells; at most 2000 can be imported.");
    expect(fromNotebook(v4(Array.from({ length: MAX_NOTEBOOK_CELLS }, () => code("pass"))))).toHaveLength(2000);
  });

  it("returns nothing for a notebook without code", () => {
    expect(fromNotebook(v4([]))).toEqual([]);
  });
});
