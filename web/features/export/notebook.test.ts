import { describe, expect, it } from "vitest";
import { KILLED_NOTICE, PNG, source, TRACEBACK, VEGA_LITE } from "./conversation.testkit";
import jupyterMade from "./fixtures/jupyter.ipynb?raw";
import { fromNotebook } from "./import";
import { joinLines, type NotebookCell } from "./nbformat";
import { validateNotebook } from "./nbformat-schema.testkit";
import { toNotebook } from "./notebook";

const notebook = toNotebook(source, { pythonVersion: "3.14.0" });
const codeCells = notebook.cells.filter((c) => c.cell_type === "code");
const byCode = (start: string) => {
  const found = codeCells.find((c) => joinLines(c.source).startsWith(start));
  if (!found) throw new Error(`no code cell starting ${start}`);
  return found;
};

describe("the nbformat 4.5 checks", () => {
  it("accept a notebook saved by Jupyter", () => {
    expect(validateNotebook(JSON.parse(jupyterMade))).toEqual([]);
  });

  it("catch what the schema forbids", () => {
    const broken = JSON.parse(jupyterMade);
    delete broken.cells[0].id;
    broken.cells[1].id = "not valid!";
    broken.cells[2].id = broken.cells[3].id;
    broken.cells[1].outputs[0].stream = "stdout";
    delete broken.cells[2].execution_count;
    broken.cells[2].outputs[0].data["text/html"] = { not: "text" };
    broken.cells[6].outputs[0].traceback = "one string";
    broken.nbformat_minor = 4;
    broken.extra = true;
    expect(validateNotebook(broken)).toEqual([
      'notebook: unexpected "extra"',
      "nbformat_minor: must be an integer ≥ 5",
      'cells[0]: missing "id"',
      "cells[0].id: must be 1–64 characters of [a-zA-Z0-9-_]",
      "cells[1].id: must be 1–64 characters of [a-zA-Z0-9-_]",
      'cells[1].outputs[0]: unexpected "stream"',
      'cells[2]: missing "execution_count"',
      "cells[2].execution_count: not null or an integer ≥ 0",
      'cells[2].outputs[0].data["text/html"]: not a string or an array of strings',
      'cells[3].id: "3ea1d6da" is not unique',
      "cells[6].outputs[0].traceback: not an array of strings",
    ]);
  });
});

describe("toNotebook", () => {
  it("writes a valid nbformat 4.5 notebook that survives JSON", () => {
    expect(notebook.nbformat).toBe(4);
    expect(notebook.nbformat_minor).toBe(5);
    expect(validateNotebook(JSON.parse(JSON.stringify(notebook)))).toEqual([]);
    expect(notebook.metadata).toMatchObject({
      title: "Sales — Q1 / Nord",
      kernelspec: { name: "python3", display_name: expect.any(String), language: "python" },
      language_info: { name: "python", version: "3.14.0", file_extension: ".py" },
    });
    expect(toNotebook(source).metadata.language_info).not.toHaveProperty("version");
  });

  it("follows the timeline: title, the user's cell, the turn, the imported cell, the next turn", () => {
    const outline = notebook.cells.map((c) => `${c.cell_type}: ${joinLines(c.source).split("\n")[0]}`);
    expect(outline).toEqual([
      "markdown: # Sales — Q1 / Nord",
      'code: print("héllo wörld ✓")',
      "markdown: ## Question",
      "markdown: Let me load the data.",
      "code: import csv",
      "code: def f(n):",
      "code: display(table)",
      "code: while True:",
      'markdown: > This code did not run: The arguments were not valid JSON: missing "code".',
      "markdown: The **north** region sold most: 12 units.",
      "code: import math",
      "markdown: ## Question",
      "markdown: > Stopped by user.",
    ]);
    expect(joinLines(notebook.cells[2].source)).toBe("## Question\n\nWhich region sold most? 📈");
    expect(joinLines(notebook.cells[11].source)).toBe("## Question\n\nAnd by month?\nPlease use ``` fences.");
  });

  it("leaves out the reasoning, progress lines and cells no turn shows", () => {
    const text = JSON.stringify(notebook);
    expect(text).not.toContain("REASONING");
    expect(text).not.toContain("Loading pandas");
    expect(text).not.toContain("orphan");
  });

  it("keeps code as lines, each with its newline but the last", () => {
    expect(byCode("import csv").source).toEqual([
      "import csv\n",
      'rows = list(csv.reader(open("sales.csv")))\n',
      "print(len(rows))\n",
      "rows[1][0]",
    ]);
  });

  it("numbers the cells that ran and gives execute_result the same count", () => {
    expect(codeCells.map((c) => c.execution_count)).toEqual([1, 2, 3, 4, 5, null]);
    expect(byCode("import csv").outputs).toEqual([
      { output_type: "stream", name: "stdout", text: ["3\n"] },
      { output_type: "execute_result", execution_count: 2, data: { "text/plain": ["'north'"] }, metadata: {} },
    ]);
  });

  it("maps a traceback to an error output, line by line, colours kept", () => {
    expect(byCode("def f(n)").outputs).toEqual([
      {
        output_type: "error",
        ename: "ZeroDivisionError",
        evalue: "division by zero",
        traceback: TRACEBACK.trimEnd().split("\n"),
      },
    ]);
    expect(byCode("def f(n)").metadata).toEqual({ code_interpreter: { origin: "agent", status: "error" } });
  });

  it("keeps HTML, the PNG as base64 and the Vega-Lite spec as JSON", () => {
    const [html, image, chart] = byCode("display(table)").outputs;
    expect(html).toEqual({
      output_type: "display_data",
      data: {
        "text/html": ["<table>\n", "<tr><td>north</td><td>12</td></tr>\n", "</table>"],
        "text/plain": ["   region  total\n", "0  north     12"],
      },
      metadata: {},
    });
    expect(image).toMatchObject({ output_type: "display_data", data: { "image/png": PNG } });
    expect(chart).toMatchObject({
      output_type: "execute_result",
      execution_count: 4,
      data: { "application/vnd.vegalite.v5+json": VEGA_LITE },
    });
  });

  it("shows why a killed cell stopped as stderr, and an imported cell as not run", () => {
    const killed = byCode("while True");
    expect(killed.outputs).toEqual([
      { output_type: "stream", name: "stdout", text: ["working…\n"] },
      { output_type: "stream", name: "stderr", text: [`${KILLED_NOTICE}\n`] },
    ]);
    expect(killed.metadata).toEqual({ code_interpreter: { origin: "agent", status: "killed" } });
    expect(byCode("import math")).toMatchObject({ execution_count: null, outputs: [] });
  });

  it("keeps JSON that does not parse as text, and HTML's other text forms", () => {
    const broken = toNotebook({
      ...source,
      turns: [],
      cells: [
        {
          ...source.cells[0],
          outputs: [{ type: "display", data: { "application/json": "{not json", "image/svg+xml": "<svg>\n</svg>" } }],
        },
      ],
    });
    expect(validateNotebook(broken)).toEqual([]);
    const [cell] = broken.cells.filter((c) => c.cell_type === "code") as Extract<NotebookCell, { cell_type: "code" }>[];
    expect(cell.outputs[0]).toMatchObject({
      data: { "application/json": "{not json", "image/svg+xml": ["<svg>\n", "</svg>"] },
    });
  });

  it("gives every cell a unique valid id, whatever the ids it starts from", () => {
    const clash = toNotebook({
      title: "",
      turns: [],
      files: [],
      cells: [
        { ...source.cells[0], id: "same", createdAt: 4 },
        { ...source.cells[0], id: "same", createdAt: 5 },
        { ...source.cells[0], id: "ü/../€".repeat(30), createdAt: 6 },
        { ...source.cells[0], id: "x".repeat(100), createdAt: 7 },
      ],
    });
    expect(validateNotebook(clash)).toEqual([]);
    expect(clash.cells.map((c) => c.id)).toEqual(["same", "same-1", "cell", "x".repeat(56)]);
    // No title, no heading.
    expect(clash.cells.every((c) => c.cell_type === "code")).toBe(true);
    expect(clash.metadata).not.toHaveProperty("title");
  });
});

describe("round trips", () => {
  it("imports the code of an exported notebook, in order, without the never-run call", () => {
    const codes = fromNotebook(JSON.stringify(notebook, null, 1));
    const shown = source.cells.filter((c) => c.id !== "orphan");
    const order = ["user-1", "load", "fail", "rich", "slow", "imported"];
    expect(codes).toEqual(order.map((id) => shown.find((c) => c.id === id)!.code));
  });

  it("imports the code of a notebook saved by Jupyter", () => {
    expect(fromNotebook(jupyterMade)).toEqual([
      'import csv\nrows = [("north", 12), ("south", 7)]\nprint("rows:", len(rows))',
      "total = sum(n for _, n in rows)\ntotal",
      'from IPython.display import Image\nprint("naïve café ✓")',
      "1 / 0",
    ]);
  });
});
