import { describe, expect, it } from "vitest";
import { appHeaders, appMetaCsp, headersFile, headersFor, kernelCsp, kernelHeaders } from "./headers";

/** A CSP as directive → value. */
const directives = (csp: string) =>
  Object.fromEntries(
    csp.split(";").map(
      (d) =>
        d
          .trim()
          .split(/\s+(.*)/s)
          .slice(0, 2) as [string, string],
    ),
  );

describe("the app page's CSP", () => {
  const csp = directives(
    appHeaders({ frameAncestors: ["'self'", "https://blog.example.org"] })["Content-Security-Policy"],
  );

  it("has the controls of SECURITY.md", () => {
    expect(Object.values(csp).join(" ")).not.toMatch(/unsafe-inline|unsafe-eval|(^|\s)\*(\s|$)/);
    expect(csp["object-src"]).toBe("'none'");
    expect(csp["base-uri"]).toBe("'none'");
    expect(csp["img-src"]).toBe("'self' data: blob:");
    expect(csp["script-src"]).toBe("'self'");
    expect(csp["require-trusted-types-for"]).toBe("'script'");
  });

  it("lets only the allowed origins frame the app", () => {
    expect(csp["frame-ancestors"]).toBe("'self' https://blog.example.org");
    const none = directives(appHeaders({ frameAncestors: [] })["Content-Security-Policy"]);
    expect(none["frame-ancestors"]).toBe("'none'");
  });

  it("in dev, allows Vite's nonce rather than inline code", () => {
    const dev = directives(appHeaders({ frameAncestors: ["'self'"], devNonce: "abc" })["Content-Security-Policy"]);
    expect(dev["script-src"]).toBe("'self' 'nonce-abc'");
    expect(dev["style-src"]).toBe("'self' 'nonce-abc'");
    expect(Object.values(dev).join(" ")).not.toMatch(/unsafe-inline|unsafe-eval/);
  });

  it("is in the page too, for hosts without headers: the same, but frame-ancestors (meta cannot say it)", () => {
    const meta = directives(appMetaCsp());
    expect(meta).toEqual(Object.fromEntries(Object.entries(csp).filter(([name]) => name !== "frame-ancestors")));
  });

  it("is isolated (COOP/COEP)", () => {
    const headers = appHeaders({ frameAncestors: ["'self'"] });
    expect(headers["Cross-Origin-Opener-Policy"]).toBe("same-origin");
    expect(headers["Cross-Origin-Embedder-Policy"]).toBe("require-corp");
  });
});

describe("the kernel frame's CSP", () => {
  it("has no connect-src, and scripts only by hash, blob: and wasm", () => {
    const csp = directives(kernelCsp("sha256-abc"));
    expect(csp["default-src"]).toBe("'none'");
    expect(csp["connect-src"]).toBeUndefined();
    expect(csp["script-src"]).toBe("'sha256-abc' blob: 'wasm-unsafe-eval'");
  });
});

describe("headers per path, and the _headers file", () => {
  const app = appHeaders({ frameAncestors: ["'self'", "https://blog.example.org"] });
  const kernel = kernelHeaders("sha256-abc");

  it("gives each path its policy", () => {
    expect(headersFor("/", app, kernel)).toBe(app);
    expect(headersFor("/index.html?x", app, kernel)).toBe(app);
    expect(headersFor("/kernel.html?v=1", app, kernel)).toBe(kernel);
    expect(headersFor("/pyodide/pyodide.asm.wasm", app, kernel)["Cross-Origin-Resource-Policy"]).toBe("cross-origin");
  });

  it("lets the kernel page be framed by the app's own ancestors only", () => {
    expect(kernel["Content-Security-Policy"]).toContain("frame-ancestors 'self'");
    const embedded = kernelHeaders("sha256-abc", ["'self'", "https://blog.example.org"]);
    expect(embedded["Content-Security-Policy"]).toMatch(/; frame-ancestors 'self' https:\/\/blog\.example\.org$/);
  });

  it("writes the same policies for static hosts", () => {
    const file = headersFile(app, kernel);
    expect(file).toContain("/index.html\n  Content-Security-Policy: default-src 'self';");
    expect(file).toContain("frame-ancestors 'self' https://blog.example.org");
    expect(file).toContain("/kernel.html\n  Content-Security-Policy: default-src 'none';");
  });
});
