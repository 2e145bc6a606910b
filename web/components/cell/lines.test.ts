import { describe, expect, it } from "vitest";
import { LineIndex } from "./lines";

describe("LineIndex", () => {
  it("counts lines, a final unterminated one included", () => {
    expect(new LineIndex().update("").count).toBe(1);
    expect(new LineIndex().update("a").count).toBe(1);
    expect(new LineIndex().update("a\n").count).toBe(1);
    expect(new LineIndex().update("a\nb").count).toBe(2);
    expect(new LineIndex().update("a\n\nb\n").count).toBe(3);
  });

  it("slices lines by number, without their newlines", () => {
    const index = new LineIndex().update("zero\none\ntwo\nthree\n");
    expect(index.slice(1, 3)).toBe("one\ntwo");
    expect(index.slice(0, 99)).toBe("zero\none\ntwo\nthree");
    expect(index.slice(-5, 1)).toBe("zero");
    expect(index.slice(4, 9)).toBe("");
  });

  it("splits the text into blocks of lines that join back into it", () => {
    const index = new LineIndex().update("zero\none\ntwo\nthree\n");
    expect(index.blocks(2)).toEqual(["zero\none", "two\nthree\n"]);
    expect(index.blocks(3)).toEqual(["zero\none\ntwo", "three\n"]);
    expect(index.blocks(4)).toEqual(["zero\none\ntwo\nthree\n"]);
    expect(new LineIndex().update("").blocks(10)).toEqual([""]);
    for (const text of ["x", "x\n", "\n\n\n", "a\nb\nc\nd\ne", "a\n\nb\n\n\nc\n"]) {
      for (const size of [1, 2, 3]) expect(new LineIndex().update(text).blocks(size).join("\n")).toBe(text);
    }
  });

  it("ends no block but the last on an empty line (it would not be drawn)", () => {
    const index = new LineIndex().update("a\n\nb\n\n\nc\nd\n\n");
    expect(index.blocks(1)).toEqual(["a", "\nb", "\n\nc", "d", "\n"]);
    expect(index.blocks(2)).toEqual(["a\n\nb", "\n\nc", "d\n\n"]);
  });

  it("follows text that grows by appending, as a running cell's output does", () => {
    const index = new LineIndex();
    let text = "";
    for (let i = 0; i < 1000; i++) {
      text += `line ${i}\n`.slice(0, 3);
      index.update(text);
      text += `line ${i}\n`.slice(3);
      index.update(text);
    }
    expect(index.count).toBe(1000);
    expect(index.slice(998, 1000)).toBe("line 998\nline 999");
    expect(index.slice(0, 1)).toBe("line 0");
  });

  it("starts over when the text is replaced (the cell ran again)", () => {
    const index = new LineIndex().update("a\nb\nc\nd\n");
    expect(index.update("x\ny").count).toBe(2);
    expect(index.slice(0, 2)).toBe("x\ny");
  });

  it("cuts a very long line for drawing, marking the cut", () => {
    const index = new LineIndex().update(`short\n${"x".repeat(50)}\nend`);
    expect(index.slice(0, 3, 10)).toBe(`short\n${"x".repeat(10)}…\nend`);
  });
});
