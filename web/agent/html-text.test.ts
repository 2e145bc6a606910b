import { describe, expect, it } from "vitest";
import type { Cell } from "../kernel/cells";
import { htmlText, isDefaultRepr } from "./html-text";
import { summarizeCell } from "./tool-result";

const STYLER = `<style type="text/css">#T_1 td { color: red }</style>
<table id="T_1"><thead><tr><th>&nbsp;</th><th>region</th><th>total</th></tr></thead>
<tbody><tr><th>0</th><td>north &amp; east</td><td>98765</td></tr></tbody></table>`;

const cell = (data: Record<string, string>): Cell => ({
  id: "c",
  code: "x",
  origin: "agent",
  createdAt: 0,
  ranAt: 0,
  ranBy: "agent",
  status: "done",
  outputs: [{ type: "display", data }],
  changedFiles: [],
});

describe("an HTML display as text", () => {
  it("gives a table's rows, cells joined, entities decoded, styles left out", () => {
    expect(htmlText(STYLER)).toBe("| region | total\n0 | north & east | 98765"); // the index column has no name
  });

  it("knows Python's default repr", () => {
    expect(isDefaultRepr("<pandas.io.formats.style.Styler object at 0x10ab2c0>")).toBe(true);
    expect(isDefaultRepr("   region  total\n0  north  98765")).toBe(false);
  });

  it("reaches the model where the plain text is only the default repr", () => {
    const styler = summarizeCell(
      cell({ "text/plain": "<pandas.io.formats.style.Styler object at 0x1>", "text/html": STYLER }),
    );
    expect(styler.output).toContain("north & east | 98765");
    const frame = summarizeCell(cell({ "text/plain": "   total\n0  98765", "text/html": STYLER }));
    expect(frame.output).toContain("   total\n0  98765");
    expect(frame.output).not.toContain("|");
  });
});
