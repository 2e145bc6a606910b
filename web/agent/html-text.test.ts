import { describe, expect, it } from "vitest";
import { htmlText, isDefaultRepr } from "./html-text";

const STYLER = `<style type="text/css">#T_1 td { color: red }</style>
<table id="T_1"><thead><tr><th>&nbsp;</th><th>region</th><th>total</th></tr></thead>
<tbody><tr><th>0</th><td>north &amp; east</td><td>98765</td></tr></tbody></table>`;

describe("an HTML display as text", () => {
  it("gives a table's rows, cells joined, entities decoded, styles left out", () => {
    expect(htmlText(STYLER)).toBe("| region | total\n0 | north & east | 98765"); // the index column has no name
  });

  it("knows Python's default repr", () => {
    expect(isDefaultRepr("<pandas.io.formats.style.Styler object at 0x10ab2c0>")).toBe(true);
    expect(isDefaultRepr("   region  total\n0  north  98765")).toBe(false);
  });
});
