import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { fileNameOf, lockedSha256, sha256Hex } from "./wheel-integrity";

const wheel = new TextEncoder().encode("a wheel's bytes");
const sha = createHash("sha256").update(wheel).digest("hex");
const lock = (sha256: string) =>
  JSON.stringify({ packages: { "ci-answer": { file_name: "ci_answer-1.0.0-py3-none-any.whl", sha256 } } });

describe("wheel integrity", () => {
  it("finds a file's sha256 in a lock file, case-insensitively, and nothing for other files", () => {
    expect(lockedSha256(lock(sha.toUpperCase()), "ci_answer-1.0.0-py3-none-any.whl")).toBe(sha);
    expect(lockedSha256(lock(sha), "other-1.0-py3-none-any.whl")).toBeNull();
    expect(lockedSha256("not json", "ci_answer-1.0.0-py3-none-any.whl")).toBeNull();
    expect(lockedSha256("{}", "ci_answer-1.0.0-py3-none-any.whl")).toBeNull();
  });

  it("takes the file name from a URL's last segment", () => {
    expect(fileNameOf("https://cdn.example/pyodide/v1/full/pandas-3.0.2-cp314.whl?x=1")).toBe("pandas-3.0.2-cp314.whl");
    expect(fileNameOf("http://127.0.0.1:9/a%20b.whl")).toBe("a b.whl");
  });

  it("hashes bytes as lock files write it", async () => {
    expect(await sha256Hex(wheel.buffer)).toBe(sha);
  });
});
