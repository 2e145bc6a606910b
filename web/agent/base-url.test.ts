import { describe, expect, it } from "vitest";
import { baseURLProblem, normalizeBaseURL } from "./base-url";

describe("a typed base URL", () => {
  it("gets http:// for this machine and the local network, https:// elsewhere", () => {
    expect(normalizeBaseURL("localhost:11434/v1")).toBe("http://localhost:11434/v1");
    expect(normalizeBaseURL("127.0.0.1:1234/v1")).toBe("http://127.0.0.1:1234/v1");
    expect(normalizeBaseURL("192.168.1.20:8080/v1")).toBe("http://192.168.1.20:8080/v1");
    expect(normalizeBaseURL("gpu-box.local:8000/v1")).toBe("http://gpu-box.local:8000/v1");
    expect(normalizeBaseURL("api.openai.com/v1")).toBe("https://api.openai.com/v1");
    expect(normalizeBaseURL(" http://localhost:8080/v1 ")).toBe("http://localhost:8080/v1");
    expect(normalizeBaseURL("http//localhost:1234/v1")).toBe("http://localhost:1234/v1");
  });

  it("loses the /chat/completions the SDK adds itself", () => {
    expect(normalizeBaseURL("https://api.groq.com/openai/v1/chat/completions")).toBe("https://api.groq.com/openai/v1");
    expect(normalizeBaseURL("http://localhost:8000/v1/chat/completions/")).toBe("http://localhost:8000/v1");
  });

  it("is refused when it is no http(s) URL", () => {
    expect(baseURLProblem("https://api.openai.com/v1")).toBeNull();
    expect(baseURLProblem("")).toBeNull();
    expect(baseURLProblem("ftp://example.com/v1")).toMatch(/http:\/\/ or https:\/\//);
    expect(baseURLProblem(normalizeBaseURL("not a url"))).toMatch(/not a URL/);
  });
});
