import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { MAX_STRING } from "../validate";
import { FLUSH_INTERVAL_MS, OutputBuffer, type StreamName } from "./output";

const utf8 = (s: string) => new TextEncoder().encode(s);
const wellFormed = (s: string) => new TextDecoder().decode(utf8(s)) === s; // no lone surrogate

let sends: [StreamName, string][];
let buffer: OutputBuffer;
let clock: number;

beforeEach(() => {
  // performance.now() reads `clock`, so time can pass without any timer firing, as while Python
  // holds the worker's thread; timers fire only when a test advances them.
  clock = 10_000;
  vi.spyOn(performance, "now").mockImplementation(() => clock);
  vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout"] });
  sends = [];
  buffer = new OutputBuffer((name, text) => sends.push([name, text]));
  buffer.flush(); // start each test just after a flush
});

afterEach(() => {
  vi.useRealTimers();
  vi.restoreAllMocks();
});

const text = () => sends.map(([, t]) => t).join("");

describe("OutputBuffer", () => {
  it("returns the number of bytes written", () => {
    expect(buffer.write("stdout", utf8("héllo"))).toBe(6);
  });

  it("decodes a multi-byte character split across writes", () => {
    const bytes = utf8("h€😀é");
    for (const byte of bytes) buffer.write("stdout", new Uint8Array([byte]));
    buffer.flush();
    expect(text()).toBe("h€😀é");
    expect(text()).not.toContain("\uFFFD");
  });

  it("decodes a split character even when a flush falls between its bytes", () => {
    const euro = utf8("€"); // 3 bytes
    buffer.write("stdout", euro.slice(0, 1));
    clock += FLUSH_INTERVAL_MS;
    vi.advanceTimersByTime(FLUSH_INTERVAL_MS); // the timer flushes with only a partial character
    buffer.write("stdout", euro.slice(1));
    buffer.flush();
    expect(sends).toEqual([["stdout", "€"]]);
  });

  it("keeps each stream's partial character apart", () => {
    const e = utf8("é");
    buffer.write("stdout", e.slice(0, 1));
    buffer.write("stderr", utf8("err"));
    buffer.write("stdout", e.slice(1));
    buffer.flush();
    expect(sends).toEqual([
      ["stderr", "err"],
      ["stdout", "é"],
    ]);
  });

  it("sends stdout and stderr in order, as separate sends", () => {
    buffer.write("stdout", utf8("one\n"));
    buffer.write("stderr", utf8("two\n"));
    buffer.write("stdout", utf8("three\n"));
    buffer.flush();
    expect(sends).toEqual([
      ["stdout", "one\n"],
      ["stderr", "two\n"],
      ["stdout", "three\n"],
    ]);
  });

  it("batches many small writes within the interval into one send", () => {
    for (let i = 0; i < 500; i++) buffer.write("stdout", utf8(`line ${i}\n`));
    expect(sends).toEqual([]);
    buffer.flush();
    expect(sends).toHaveLength(1);
    expect(text()).toBe(Array.from({ length: 500 }, (_, i) => `line ${i}\n`).join(""));
  });

  it("sends during a long run once the interval has passed (timers cannot fire while Python runs)", () => {
    for (let ms = 1; ms <= 100; ms++) {
      clock += 1;
      buffer.write("stdout", utf8("x"));
    }
    // 100 ms of one write per ms, no timer fired: a send each time FLUSH_INTERVAL_MS passed.
    expect(sends).toHaveLength(Math.floor(100 / FLUSH_INTERVAL_MS));
    buffer.flush();
    expect(text()).toBe("x".repeat(100));
  });

  it("flushes on a timer when Python goes idle", () => {
    buffer.write("stdout", utf8("waiting...\n"));
    expect(sends).toEqual([]);
    vi.advanceTimersByTime(FLUSH_INTERVAL_MS - 1);
    expect(sends).toEqual([]);
    vi.advanceTimersByTime(1);
    expect(sends).toEqual([["stdout", "waiting...\n"]]);
  });

  it("flush() sends the rest, and only once", () => {
    buffer.write("stderr", utf8("tail"));
    buffer.flush();
    buffer.flush();
    vi.advanceTimersByTime(FLUSH_INTERVAL_MS * 3);
    expect(sends).toEqual([["stderr", "tail"]]);
  });

  it("sends nothing for empty text", () => {
    buffer.flush();
    buffer.write("stdout", new Uint8Array());
    buffer.write("stderr", new Uint8Array());
    buffer.flush();
    buffer.write("stdout", utf8("😀").slice(0, 2)); // only part of a character: nothing to show yet
    buffer.flush();
    vi.advanceTimersByTime(FLUSH_INTERVAL_MS * 3);
    expect(sends).toEqual([]);
  });

  it("splits one huge write into sends the app accepts, without breaking surrogate pairs", () => {
    const big = "a" + "😀".repeat(3_000_000); // 6M+1 UTF-16 units in one write, like print(big)
    buffer.write("stdout", utf8(big));
    buffer.flush();
    expect(sends.length).toBeGreaterThan(1);
    for (const [name, chunk] of sends) {
      expect(name).toBe("stdout");
      expect(chunk.length).toBeLessThanOrEqual(MAX_STRING);
      expect(chunk.length).toBeGreaterThan(0);
      expect(wellFormed(chunk)).toBe(true);
    }
    expect(text() === big).toBe(true);
  });
});
