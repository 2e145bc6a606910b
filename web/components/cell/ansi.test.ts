import { describe, expect, it } from "vitest";
import { parseAnsi } from "./ansi";

describe("ANSI colours in output", () => {
  it("turns SGR codes into styled runs of plain text", () => {
    expect(parseAnsi("plain \x1b[31mred\x1b[0m \x1b[1;92mbold green\x1b[0m")).toEqual([
      { text: "plain ", classes: [] },
      { text: "red", classes: ["ansi-fg-1"] },
      { text: " ", classes: [] },
      { text: "bold green", classes: ["ansi-fg-10", "ansi-bold"] },
    ]);
  });

  it("drops other escape sequences and keeps markup as text", () => {
    const runs = parseAnsi("\x1b]0;title\x07<img src=x onerror=alert(1)>\x1b[2K\x1b[?25l done");
    expect(runs.map((r) => r.text).join("")).toBe("<img src=x onerror=alert(1)> done");
  });

  it("draws 256-colour and truecolour codes as the nearest of the 16 base colours", () => {
    expect(
      parseAnsi("\x1b[38;5;3my\x1b[38;5;196mr\x1b[48;5;21mb\x1b[38;2;0;200;0mg\x1b[38;5;244;48;2;255;255;255mw"),
    ).toEqual([
      { text: "y", classes: ["ansi-fg-3"] },
      { text: "r", classes: ["ansi-fg-9"] },
      { text: "b", classes: ["ansi-fg-9", "ansi-bg-4"] },
      { text: "g", classes: ["ansi-fg-2", "ansi-bg-4"] },
      { text: "w", classes: ["ansi-fg-8", "ansi-bg-15"] },
    ]);
  });

  it("continues in the colours the text before it left set", () => {
    expect(parseAnsi("b\x1b[0mc", "\x1b[32ma\n")).toEqual([
      { text: "b", classes: ["ansi-fg-2"] },
      { text: "c", classes: [] },
    ]);
    expect(parseAnsi("b", "\x1b[32ma\x1b[0m")).toEqual([{ text: "b", classes: [] }]);
  });
});
