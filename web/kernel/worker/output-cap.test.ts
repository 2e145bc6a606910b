import { describe, expect, it } from "vitest";
import { OutputBuffer } from "./output";

const encode = (text: string) => new TextEncoder().encode(text);

describe("OutputBuffer's per-run cap", () => {
  it("keeps the head and the tail, says exactly how much was cut, and sends the tail in one piece", () => {
    const sent: { name: string; text: string }[] = [];
    const buffer = new OutputBuffer((name, text) => sent.push({ name, text }));
    buffer.begin(100);
    let total = 0;
    for (let i = 0; i < 1000; i++) {
      const line = `line ${i}\n`;
      total += line.length;
      buffer.write("stdout", encode(line));
    }
    buffer.end();
    const all = sent.map((s) => s.text).join("");
    expect(all.startsWith("line 0\nline 1\n")).toBe(true);
    expect(all.endsWith("line 998\nline 999\n")).toBe(true);
    const cut = Number(/\[… ([\d,]+) characters of output cut/.exec(all)![1].replace(/,/g, ""));
    expect(cut).toBe(total - 100);
    expect(sent.length).toBeLessThan(6); // head, note, tail: never one event per write
  });

  it("sends everything, with no note, when the run stays under the cap", () => {
    const sent: string[] = [];
    const buffer = new OutputBuffer((_, text) => sent.push(text));
    buffer.begin(1000);
    buffer.write("stdout", encode("short\n"));
    buffer.end();
    expect(sent.join("")).toBe("short\n");
  });
});
