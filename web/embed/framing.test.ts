import { describe, expect, it } from "vitest";
import { embeddingOf, isCompact, readFraming } from "./framing";

const APP = "https://app.example.org";
const BLOG = "https://blog.example.org";
const EVIL = "https://evil.example.net";

function frameWindow(options: { ancestors?: string[]; referrer?: string; search?: string; top?: boolean }) {
  const self = {};
  return {
    self,
    parent: options.top ? self : {},
    location: { ancestorOrigins: options.ancestors, search: options.search ?? "" },
    document: { referrer: options.referrer ?? "" },
  };
}

describe("readFraming", () => {
  it("is top-level when the window is its own parent", () => {
    expect(readFraming(frameWindow({ top: true, ancestors: [] }))).toEqual({ kind: "top" });
  });

  it("takes every ancestor from ancestorOrigins, else the parent from the referrer", () => {
    expect(readFraming(frameWindow({ ancestors: [BLOG, EVIL] }))).toEqual({ kind: "framed", ancestors: [BLOG, EVIL] });
    expect(readFraming(frameWindow({ referrer: `${BLOG}/post/1?x` }))).toEqual({ kind: "framed", ancestors: [BLOG] });
    expect(readFraming(frameWindow({}))).toEqual({ kind: "framed", ancestors: null });
    expect(readFraming(frameWindow({ referrer: "not a url" }))).toEqual({ kind: "framed", ancestors: null });
  });
});

describe("embeddingOf", () => {
  const framed = (ancestors: string[] | null) => ({ kind: "framed" as const, ancestors });

  it("lets an allowed parent drive the app", () => {
    expect(embeddingOf(framed([BLOG]), APP, [BLOG])).toEqual({ kind: "allowed", parent: BLOG });
    expect(embeddingOf(framed([BLOG, APP]), APP, [BLOG])).toEqual({ kind: "allowed", parent: BLOG });
  });

  it("refuses a parent, or any ancestor, that is not allowed, and an unknown parent", () => {
    expect(embeddingOf(framed([EVIL]), APP, [BLOG])).toEqual({ kind: "refused", origin: EVIL });
    expect(embeddingOf(framed([BLOG, EVIL]), APP, [BLOG])).toEqual({ kind: "refused", origin: EVIL }); // the top framing the blog
    expect(embeddingOf(framed(["null"]), APP, [BLOG])).toEqual({ kind: "refused", origin: "null" });
    expect(embeddingOf(framed(null), APP, [BLOG])).toEqual({ kind: "refused", origin: null });
    expect(embeddingOf(framed([BLOG]), APP, [])).toEqual({ kind: "refused", origin: BLOG });
    // Allowing an origin is exact: scheme, host and port.
    expect(embeddingOf(framed(["http://blog.example.org"]), APP, [BLOG]).kind).toBe("refused");
    expect(embeddingOf(framed([`${BLOG}:8443`]), APP, [BLOG]).kind).toBe("refused");
  });

  it("waits for config.json when framed cross-origin, but not when framed by itself", () => {
    expect(embeddingOf(framed([BLOG]), APP, undefined)).toEqual({ kind: "pending" });
    expect(embeddingOf(framed([APP]), APP, undefined)).toEqual({ kind: "same-origin" });
    expect(embeddingOf(framed([APP, BLOG]), APP, [BLOG])).toEqual({ kind: "same-origin" });
    expect(embeddingOf({ kind: "top" }, APP, undefined)).toEqual({ kind: "top" });
  });
});

describe("isCompact", () => {
  it("is on when framed, or asked for with ?embed", () => {
    expect(isCompact(frameWindow({ top: true, search: "" }))).toBe(false);
    expect(isCompact(frameWindow({ top: true, search: "?embed" }))).toBe(true);
    expect(isCompact(frameWindow({ ancestors: [BLOG] }))).toBe(true);
  });
});
