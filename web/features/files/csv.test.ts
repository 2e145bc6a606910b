import { describe, expect, it } from "vitest";
import { parseDelimited, sniffDelimiter } from "./csv";

describe("parseDelimited", () => {
  it("splits plain rows and fields", () => {
    expect(parseDelimited("a,b\n1,2\n3,4\n", ",", 10, true)).toEqual({
      rows: [
        ["a", "b"],
        ["1", "2"],
        ["3", "4"],
      ],
      more: false,
    });
  });

  it("reads quoted fields with delimiters, doubled quotes and line breaks", () => {
    const { rows } = parseDelimited('name,note\n"Smith, J.","said ""hi""\nthen left"\n', ",", 10, true);
    expect(rows).toEqual([
      ["name", "note"],
      ["Smith, J.", 'said "hi"\nthen left'],
    ]);
  });

  it("handles CRLF, a last line without a newline, and empty fields", () => {
    expect(parseDelimited('a,b,c\r\n1,,""\r\n2,x,y', ",", 10, true).rows).toEqual([
      ["a", "b", "c"],
      ["1", "", ""],
      ["2", "x", "y"],
    ]);
  });

  it("keeps a quote inside an unquoted field as it is", () => {
    expect(parseDelimited('5" disk,ok\n', ",", 10, true).rows).toEqual([['5" disk', "ok"]]);
  });

  it("skips blank lines", () => {
    expect(parseDelimited("a\n\n1\n\n", ",", 10, true).rows).toEqual([["a"], ["1"]]);
  });

  it("stops at maxRows and says more follows", () => {
    const text = ["h", ...Array.from({ length: 50 }, (_, i) => String(i))].join("\n") + "\n";
    const result = parseDelimited(text, ",", 21, true);
    expect(result.rows).toHaveLength(21);
    expect(result.rows[20]).toEqual(["19"]);
    expect(result.more).toBe(true);
  });

  it("does not claim more when the last row ends the file", () => {
    expect(parseDelimited("a\n1\n", ",", 2, true).more).toBe(false);
  });

  it("drops a row cut off at the end of a partial read", () => {
    const result = parseDelimited('a,b\n1,2\n3,"long\nquoted', ",", 10, false);
    expect(result.rows).toEqual([
      ["a", "b"],
      ["1", "2"],
    ]);
    expect(result.more).toBe(true);
  });

  it("uses tabs for TSV", () => {
    expect(parseDelimited("id\trate\n1001\t.097\n", "\t", 10, true).rows).toEqual([
      ["id", "rate"],
      ["1001", ".097"],
    ]);
  });
});

describe("sniffDelimiter", () => {
  it("finds comma, semicolon or tab on the first line", () => {
    expect(sniffDelimiter("a,b,c\n1;2")).toBe(",");
    expect(sniffDelimiter("a;b;c\n1,5;2,5")).toBe(";");
    expect(sniffDelimiter("a\tb\n")).toBe("\t");
  });

  it("ignores delimiters inside quotes and defaults to comma", () => {
    expect(sniffDelimiter('"a;b;c",d\n')).toBe(",");
    expect(sniffDelimiter("single\n")).toBe(",");
  });
});
