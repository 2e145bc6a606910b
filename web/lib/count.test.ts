import { describe, expect, it } from "vitest";
import { formatCount } from "./count";

describe("formatCount", () => {
  it("groups thousands as toLocaleString('en') does", () => {
    for (const n of [0, 7, 999, 1000, 12_345, 200_000, 1_234_567, 4_194_304, -1500, 1e15]) {
      expect(formatCount(n)).toBe(n.toLocaleString("en"));
    }
  });
});
