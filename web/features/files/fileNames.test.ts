import { describe, expect, it } from "vitest";
import { safeFileName, shownName } from "./fileNames";

const bytes = (s: string) => new TextEncoder().encode(s).length;

describe("safeFileName", () => {
  it("keeps an ordinary name as it is", () => {
    expect(safeFileName("sales 2024.csv")).toBe("sales 2024.csv");
    expect(safeFileName("résumé.pdf")).toBe("résumé.pdf");
  });

  it("keeps only the last path segment (no traversal)", () => {
    expect(safeFileName("../../etc/passwd")).toBe("passwd");
    expect(safeFileName("/abs/path/data.csv")).toBe("data.csv");
    expect(safeFileName("C:\\x\\y.csv")).toBe("y.csv");
    expect(safeFileName("..\\..\\boot.ini")).toBe("boot.ini");
  });

  it("replaces NUL and control characters", () => {
    const name = safeFileName("a\u0000b\u0007c\nd\te\u007f\u009b.txt");
    expect([...name].some((c) => c.charCodeAt(0) < 0x20 || (c.charCodeAt(0) >= 0x7f && c.charCodeAt(0) <= 0x9f))).toBe(
      false,
    );
    expect(name).toBe("a_b_c_d_e__.txt");
  });

  it("replaces bidi override and isolate characters", () => {
    const name = safeFileName("evil\u202Etxt.exe");
    expect(name).toBe("evil_txt.exe");
    for (const c of [
      "\u202A",
      "\u202B",
      "\u202D",
      "\u2066",
      "\u2067",
      "\u2068",
      "\u2069",
      "\u200E",
      "\u200F",
      "\u061C",
    ]) {
      expect(safeFileName(`a${c}b.txt`)).toBe("a_b.txt");
    }
  });

  it("replaces characters Windows or a shell treat specially", () => {
    expect(safeFileName('a:b*c?d"e|f.txt')).toBe("a_b_c_d_e_f.txt");
  });

  it("leaves no HTML markup in the name", () => {
    const name = safeFileName("<img src=x onerror=alert(1)>.csv");
    expect(name).not.toMatch(/[<>]/);
    expect(name.endsWith(".csv")).toBe(true);
  });

  it("does not create hidden files: leading dots and spaces are stripped", () => {
    expect(safeFileName(".bashrc")).toBe("bashrc");
    expect(safeFileName("...env")).toBe("env");
    expect(safeFileName("  . hidden.txt")).toBe("hidden.txt");
  });

  it("trims surrounding whitespace", () => {
    expect(safeFileName("  report.csv  ")).toBe("report.csv");
  });

  it("normalises to NFC", () => {
    const decomposed = "cafe\u0301.csv";
    const name = safeFileName(decomposed);
    expect(name).toBe("caf\u00e9.csv");
    expect(name.length).toBe(8);
  });

  it("falls back to 'file' for an empty or dots-only name", () => {
    expect(safeFileName("")).toBe("file");
    expect(safeFileName(".")).toBe("file");
    expect(safeFileName("..")).toBe("file");
    expect(safeFileName("...")).toBe("file");
    expect(safeFileName("   ")).toBe("file");
    expect(safeFileName("dir/")).toBe("file");
  });

  it("truncates to 255 UTF-8 bytes keeping the extension", () => {
    const name = safeFileName("a".repeat(400) + ".csv");
    expect(bytes(name)).toBe(255);
    expect(name).toBe("a".repeat(251) + ".csv");
  });

  it("never splits a multi-byte character when truncating", () => {
    for (const unit of ["é", "€", "😀"]) {
      const name = safeFileName(unit.repeat(200) + ".parquet");
      expect(bytes(name)).toBeLessThanOrEqual(255);
      expect(name.endsWith(".parquet")).toBe(true);
      expect(name.slice(0, -".parquet".length)).toBe(unit.repeat(Array.from(name).length - ".parquet".length));
      expect(name).not.toContain("\uFFFD");
      expect(new TextDecoder().decode(new TextEncoder().encode(name))).toBe(name); // no lone surrogate
    }
  });

  it("truncates a long name without an extension", () => {
    const name = safeFileName("é".repeat(300));
    expect(bytes(name)).toBeLessThanOrEqual(255);
    expect(name).toBe("é".repeat(127));
  });

  it("does not replace a file already there: (1), then (2), before the extension", () => {
    const taken = new Set(["data.csv"]);
    expect(safeFileName("data.csv", taken)).toBe("data (1).csv");
    taken.add("data (1).csv");
    expect(safeFileName("data.csv", taken)).toBe("data (2).csv");
    expect(safeFileName("other.csv", taken)).toBe("other.csv");
  });

  it("numbers a taken name without an extension at the end", () => {
    expect(safeFileName("README", new Set(["README"]))).toBe("README (1)");
  });

  it("compares the cleaned name with the taken ones", () => {
    expect(safeFileName("../data.csv", new Set(["data.csv"]))).toBe("data (1).csv");
  });

  it("keeps a numbered long name within 255 bytes", () => {
    const long = "b".repeat(300) + ".csv";
    const first = safeFileName(long);
    const second = safeFileName(long, new Set([first]));
    expect(second).not.toBe(first);
    expect(second.endsWith(" (1).csv")).toBe(true);
    expect(bytes(second)).toBeLessThanOrEqual(255);
  });
});

describe("shownName", () => {
  it("leaves ordinary names and path separators alone", () => {
    expect(shownName("out/report (1).csv")).toBe("out/report (1).csv");
  });

  it("makes bidi and control characters visible instead of letting them act", () => {
    expect(shownName("evil\u202Etxt.exe")).toBe("evil\uFFFDtxt.exe");
    expect(shownName("a\nb\u2066c")).toBe("a\uFFFDb\uFFFDc");
  });
});
