import { describe, expect, it } from "vitest";
import type { Cell } from "../kernel/cells";
import { budget, summarizeCell, TOOL_RESULT_BUDGET } from "./tool-result";

const cell = (patch: Partial<Cell>): Cell => ({
  id: "c1",
  code: "x",
  origin: "agent",
  createdAt: 0,
  ranAt: 0,
  ranBy: "agent",
  status: "done",
  outputs: [],
  changedFiles: [],
  ...patch,
});

/** A pandas Styler's table, trimmed. */
const STYLER = `<style>td { color: red }</style><table><tr><th>0</th><td>north &amp; east</td><td>98765</td></tr></table>`;

/** A cell that displayed one bundle. */
const display = (data: Record<string, string>) => cell({ outputs: [{ type: "display", data }] });

describe("what the model is told about a run", () => {
  it("keeps the head and the tail of long output and says how much was cut", () => {
    const lines = Array.from({ length: 5000 }, (_, i) => `row ${i}`).join("\n");
    const text = budget(lines);
    expect(text.length).toBeLessThan(TOOL_RESULT_BUDGET + 100);
    expect(text.startsWith("row 0\nrow 1\n")).toBe(true);
    expect(text.endsWith("row 4999")).toBe(true);
    const cut = Number(/\[… ([\d,]+) characters cut …\]/.exec(text)![1].replace(/,/g, ""));
    expect(cut).toBe(lines.length - (text.length - text.match(/\n\[… [\d,]+ characters cut …\]\n/)![0].length));
  });

  it("carries stdout, the value, the full traceback, changed files and kernel notices; images apart", () => {
    const summary = summarizeCell(
      cell({
        status: "killed",
        changedFiles: ["out.csv"],
        outputs: [
          { type: "stream", name: "stdout", text: "loaded 10 rows\n" },
          { type: "display", data: { "image/png": "iVBOR", "text/plain": "<Figure>" } },
          { type: "result", data: { "text/plain": "42" } },
          { type: "notice", message: "Timed out after 60 s. The kernel was restarted." },
        ],
      }),
    );
    expect(summary.message).toContain("loaded 10 rows");
    expect(summary.message).toContain("Value: 42");
    expect(summary.message).toContain("Timed out after 60 s. The kernel was restarted.");
    expect(summary.message).toContain("out.csv");
    expect(summary.message).not.toContain("iVBOR"); // never inside the tool message
    expect(summary.images).toEqual(["iVBOR"]);
  });

  it("reaches the model where the plain text is only the default repr", () => {
    const styler = summarizeCell(
      display({ "text/plain": "<pandas.io.formats.style.Styler object at 0x1>", "text/html": STYLER }),
    );
    expect(styler.output).toContain("north & east | 98765");
    const frame = summarizeCell(display({ "text/plain": "   total\n0  98765", "text/html": STYLER }));
    expect(frame.output).toContain("   total\n0  98765");
    expect(frame.output).not.toContain("|");
  });

  it("says a chart was shown, not the spec the model wrote back at it", () => {
    const spec = JSON.stringify({ mark: "bar", data: { values: [{ a: 1 }] } });
    const summary = summarizeCell(
      cell({ outputs: [{ type: "display", data: { "application/vnd.vegalite.v5+json": spec, "text/plain": spec } }] }),
    );
    expect(summary.output).toBe("[interactive chart shown to the user]\n");
  });

  it("gives the traceback verbatim so the model can fix its code", () => {
    const traceback =
      "Traceback (most recent call last):\n  File \"<cell-3>\", line 1, in <module>\nNameError: name 'df' is not defined\n";
    const summary = summarizeCell(
      cell({ status: "error", outputs: [{ type: "error", error: { name: "NameError", message: "", traceback } }] }),
    );
    expect(summary.message).toContain(traceback);
    expect(summary.message).toMatch(/raised an error/);
  });

  it("says a run that was stopped or timed out was interrupted, not that the code is wrong", () => {
    const traceback = 'Traceback (most recent call last):\n  File "<cell-4>", line 1, in <module>\nKeyboardInterrupt\n';
    const summary = summarizeCell(
      cell({
        status: "error",
        outputs: [
          { type: "error", error: { name: "KeyboardInterrupt", message: "", traceback } },
          { type: "notice", message: "Stopped by user. The run was interrupted; the kernel kept its state." },
        ],
      }),
    );
    expect(summary.message).toMatch(/^The run was interrupted before it finished/);
    expect(summary.message).not.toMatch(/Fix the code/);
    expect(summary.message).toContain("Stopped by user");
  });
});
