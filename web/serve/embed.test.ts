import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { exactOrigin, frameAncestors, readEmbedOrigins } from "./embed";

function config(content: string): string {
  const file = join(mkdtempSync(join(tmpdir(), "embed-")), "config.json");
  writeFileSync(file, content);
  return file;
}

describe("readEmbedOrigins", () => {
  it("reads exact origins, once each", () => {
    const file = config(
      JSON.stringify({
        embedOrigins: ["https://blog.example.org", "http://localhost:8000", "https://blog.example.org"],
      }),
    );
    expect(readEmbedOrigins(file)).toEqual(["https://blog.example.org", "http://localhost:8000"]);
  });

  it("means none when the file or the field is missing", () => {
    expect(readEmbedOrigins("/nonexistent/config.json")).toEqual([]);
    expect(readEmbedOrigins(config("{}"))).toEqual([]);
  });

  it("leaves out, and reports, anything that is not an exact http(s) origin", () => {
    const warnings: string[] = [];
    const bad = [
      "*",
      "https://*.example.org",
      "https://example.org/",
      "https://example.org/path",
      "ftp://example.org",
      "example.org",
      "'self'",
      42,
    ];
    const file = config(JSON.stringify({ embedOrigins: ["https://ok.example", ...bad] }));
    expect(readEmbedOrigins(file, (w) => warnings.push(w))).toEqual(["https://ok.example"]);
    expect(warnings).toHaveLength(bad.length);
  });

  it("reads nothing from a file that is not JSON or a field that is not a list", () => {
    const warnings: string[] = [];
    expect(readEmbedOrigins(config("{"), (w) => warnings.push(w))).toEqual([]);
    expect(readEmbedOrigins(config('{"embedOrigins": "https://a.example"}'), (w) => warnings.push(w))).toEqual([]);
    expect(warnings).toHaveLength(2);
  });
});

describe("exactOrigin and frameAncestors", () => {
  it("keeps the app's own origin first", () => {
    expect(frameAncestors([])).toEqual(["'self'"]);
    expect(frameAncestors(["https://a.example"])).toEqual(["'self'", "https://a.example"]);
  });

  it("accepts only an origin written as the browser writes it", () => {
    expect(exactOrigin("https://a.example:8443")).toBe("https://a.example:8443");
    expect(exactOrigin("https://A.example")).toBeNull();
    expect(exactOrigin("https://a.example:443")).toBeNull();
  });
});
