/**
 * A realistic session for the export tests, built from the app's real types: the user's own cells,
 * a finished turn whose model ran five calls (a value, an error, rich displays, a cell that was
 * killed, a call that never ran), an imported cell never run, and a stopped turn. Unicode
 * throughout, ANSI in a traceback, files in a subfolder.
 */
import type { Step, ToolResult, Turn } from "../../agent/record";
import type { Cell } from "../../kernel/cells";
import type { ExportSource } from "./source";

/** A 1×1 PNG, base64, as the kernel hands images over. */
export const PNG = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==";
export const VEGA_LITE = {
  $schema: "https://vega.github.io/schema/vega-lite/v5.json",
  data: { values: [{ region: "north", total: 12 }] },
  mark: "bar",
  encoding: { x: { field: "region" }, y: { field: "total", type: "quantitative" } },
};
export const TRACEBACK =
  'Traceback (most recent call last):\n  File "<cell>", line 2, in <module>\n    1 / n\n\x1b[0;31mZeroDivisionError\x1b[0m: division by zero\n';
export const KILLED_NOTICE =
  "Timed out after 60 s. The kernel was restarted. 1 file in /mnt/data restored; state restored by re-running 2 earlier cells. This cell did not finish.";

export function cell(id: string, createdAt: number, code: string, rest: Partial<Cell> = {}): Cell {
  const ranBy = rest.origin ?? "agent";
  return {
    id,
    code,
    origin: "agent",
    createdAt,
    ranAt: createdAt,
    ranBy,
    status: "done",
    outputs: [],
    changedFiles: [],
    ...rest,
  };
}

function result(callId: string, code: string, rest: Partial<ToolResult> = {}): ToolResult {
  return { callId, code, status: "ok", output: "", message: "", images: [], ...rest };
}

function step(content: string, results: ToolResult[], reasoning = ""): Step {
  return {
    assistant: {
      content,
      reasoning,
      toolCalls: results.map((r) => ({
        id: r.callId,
        name: "run_python",
        arguments: JSON.stringify({ code: r.code }),
      })),
      echo: {},
    },
    results,
  };
}

export const cells: Cell[] = [
  cell("user-1", 1_000, 'print("héllo wörld ✓")\nn = 0', {
    origin: "user",
    outputs: [{ type: "stream", name: "stdout", text: "héllo wörld ✓\n" }],
  }),
  cell("load", 2_100, 'import csv\nrows = list(csv.reader(open("sales.csv")))\nprint(len(rows))\nrows[1][0]', {
    title: "Load the sales",
    outputs: [
      { type: "progress", message: "Loading pandas" },
      { type: "stream", name: "stdout", text: "3\n" },
      { type: "result", data: { "text/plain": "'north'" } },
    ],
  }),
  cell("fail", 2_200, "def f(n):\n    1 / n\nf(n)", {
    status: "error",
    outputs: [
      { type: "error", error: { name: "ZeroDivisionError", message: "division by zero", traceback: TRACEBACK } },
    ],
  }),
  cell("rich", 2_300, "display(table)\nplt.show()\nchart", {
    outputs: [
      {
        type: "display",
        data: {
          "text/html": "<table>\n<tr><td>north</td><td>12</td></tr>\n</table>",
          "text/plain": "   region  total\n0  north     12",
        },
      },
      { type: "display", data: { "image/png": PNG, "text/plain": "<Figure size 640x480 with 1 Axes>" } },
      {
        type: "result",
        data: { "application/vnd.vegalite.v5+json": JSON.stringify(VEGA_LITE), "text/plain": "<Chart>" },
      },
    ],
  }),
  cell("slow", 2_400, "while True:\n    pass", {
    status: "killed",
    outputs: [
      { type: "stream", name: "stdout", text: "working…\n" },
      { type: "notice", message: KILLED_NOTICE },
    ],
  }),
  // Never shown in the timeline: no turn names it.
  cell("orphan", 2_500, 'print("orphan")'),
  cell("imported", 3_000, "import math\nmath.tau", { origin: "user", status: "idle" }),
];

export const turns: Turn[] = [
  {
    id: "turn-1",
    createdAt: 2_000,
    question: "Which region sold most? 📈",
    userCells: [{ code: cells[0].code, output: "héllo wörld ✓\n" }],
    steps: [
      step("Let me load the data.", [result("call_load", cells[1].code, { cellId: "load" })], "SECRET REASONING"),
      step("", [
        result("call_fail", cells[2].code, { cellId: "fail", status: "error" }),
        result("call_rich", cells[3].code, { cellId: "rich" }),
        result("call_slow", cells[4].code, { cellId: "slow", status: "killed" }),
        result("call_bad", "", { status: "invalid", message: 'The arguments were not valid JSON: missing "code".' }),
      ]),
    ],
    answer: {
      content: "The **north** region sold most: 12 units.",
      reasoning: "MORE REASONING",
      toolCalls: [],
      echo: {},
    },
    status: "done",
    usage: { promptTokens: 1200, completionTokens: 80, totalTokens: 1280 },
  },
  {
    id: "turn-2",
    createdAt: 4_000,
    question: "And by month?\nPlease use ``` fences.",
    userCells: [],
    steps: [],
    answer: null,
    status: "stopped",
    notice: "Stopped by user.",
    usage: {},
  },
];

export const files: ExportSource["files"] = [
  { name: "out/summary.csv", data: new Blob(["region,total\nnorth,12\n"]) },
  { name: "plot.png", data: new Blob([Uint8Array.from(atob(PNG), (c) => c.charCodeAt(0))]) },
];

export const source: ExportSource = { title: "Sales — Q1 / Nord", turns, cells, files };
