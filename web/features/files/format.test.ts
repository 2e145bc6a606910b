import { describe, expect, it } from "vitest";
import { formatSize } from "./format";

describe("formatSize", () => {
  it("counts bytes below a kilobyte", () => {
    expect(formatSize(0)).toBe("0 B");
    expect(formatSize(1023)).toBe("1023 B");
  });

  it("shows one decimal for small values, none for round or three-digit ones", () => {
    expect(formatSize(1024)).toBe("1 KB");
    expect(formatSize(48_219)).toBe("47.1 KB");
    expect(formatSize(1.25 * 1024 ** 2)).toBe("1.3 MB");
    expect(formatSize(100 * 1024 ** 2)).toBe("100 MB");
    expect(formatSize(101 * 1024 ** 2 + 5)).toBe("101 MB");
    expect(formatSize(3 * 1024 ** 3)).toBe("3 GB");
  });

  it("moves to the next unit rather than showing 1024 of one", () => {
    expect(formatSize(1024 ** 2 - 1)).toBe("1.0 MB");
    expect(formatSize(1023 * 1024)).toBe("1023 KB");
    expect(formatSize(1024 ** 2)).toBe("1 MB");
  });
});
