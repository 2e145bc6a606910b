import { describe, expect, it } from "vitest";
import { appendOutput } from "./terminal-text";

/** The text after appending each piece in turn, as a cell's output grows. */
const shown = (...pieces: string[]) => pieces.reduce(appendOutput, "");

describe("appendOutput", () => {
  it.each([
    ["plain text is appended as it is", ["a", "b\n", "c"], "ab\nc"],
    [
      "a progress bar redraws its line",
      ["\rprogress 0%", "\rprogress 50%", "\rprogress 100%", "\ndone\n"],
      "progress 100%\ndone\n",
    ],
    ["tqdm's way: the return ends each piece", ["10%|█   |\r", "20%|██  |\r", "100%|████|\r", "\n"], "100%|████|\n"],
    ["a shorter piece writes over the start only", ["abcdef\rxy"], "xycdef"],
    ["Windows line ends are line ends", ["one\r\ntwo\r\n"], "one\ntwo\n"],
    ["lines before the last are left alone", ["keep\rme\n", "x\ry"], "meep\ny"],
  ])("%s", (_, pieces, expected) => {
    expect(shown(...pieces).replace(/\r$/, "")).toBe(expected);
  });
});
