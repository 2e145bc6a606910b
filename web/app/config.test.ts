import { describe, expect, it, vi } from "vitest";
import { parseConfig } from "./config";

// packages.ts pulls in the kernel's build-time assets; only its default URL matters here.
vi.mock("../kernel/packages", () => ({ DEFAULT_PACKAGE_BASE: "https://cdn.example/pyodide/full/" }));

const PAGE = "https://app.example.org/tools/index.html";
const parse = (raw: unknown) => parseConfig(raw, PAGE);

describe("config.json", () => {
  it("gives the defaults for an empty object", () => {
    expect(parse({})).toEqual({
      packageSource: { baseURL: "https://cdn.example/pyodide/full/" },
      limits: {},
      modelSettings: null,
      embedOrigins: [],
      problems: [],
    });
  });

  it("reads every field of the README's example", () => {
    const config = parse({
      endpoint: "custom",
      baseURL: "/llm/v1",
      model: "qwen3-coder",
      apiKey: "site-proxy-token",
      embedOrigins: ["https://blog.example.org", "http://localhost:8000"],
      packageBaseURL: "https://example.org/pyodide-packages/",
      limits: { timeoutSeconds: 30, memoryMiB: 1024, outputCharacters: 1000, displays: 5, imageMiB: 8 },
    });
    expect(config.problems).toEqual([]);
    expect(config.modelSettings).toEqual({
      presetId: "custom",
      baseURL: "https://app.example.org/llm/v1",
      model: "qwen3-coder",
      apiKey: "site-proxy-token",
    });
    expect(config.embedOrigins).toEqual(["https://blog.example.org", "http://localhost:8000"]);
    expect(config.packageSource).toEqual({ baseURL: "https://example.org/pyodide-packages/" });
    expect(config.limits).toEqual({
      timeoutMs: 30_000,
      memoryBytes: 1024 ** 3,
      outputChars: 1000,
      displays: 5,
      imageBytes: 8 * 1024 ** 2,
    });
  });

  it("rejects what is not an object", () => {
    for (const raw of [null, [], "x", 3]) expect(parse(raw).problems).toEqual(["config.json must hold a JSON object."]);
  });

  it("names unknown fields", () => {
    expect(parse({ apikey: "x" }).problems).toEqual([
      'config.json: unknown field "apikey" (known: endpoint, baseURL, model, apiKey, embedOrigins, packageBaseURL, limits).',
    ]);
  });
});

describe("config.json: the model", () => {
  it("takes a preset's base URL when only the endpoint is given", () => {
    const config = parse({ endpoint: "openrouter", model: "openai/gpt-4o" });
    expect(config.modelSettings).toEqual({
      presetId: "openrouter",
      baseURL: "https://openrouter.ai/api/v1",
      model: "openai/gpt-4o",
      apiKey: "",
    });
    expect(config.problems).toEqual([]);
  });

  it("counts a base URL without an endpoint as a custom endpoint", () => {
    expect(parse({ baseURL: "https://llm.example.org/v1" }).modelSettings).toEqual({
      presetId: "custom",
      baseURL: "https://llm.example.org/v1",
      model: "",
      apiKey: "",
    });
  });

  it("reports an unknown endpoint, a bad base URL and a bad model, one sentence each", () => {
    const { problems, modelSettings } = parse({ endpoint: "gpt", baseURL: "ftp://x/v1", model: " " });
    expect(modelSettings).toBeNull();
    expect(problems).toEqual([
      expect.stringMatching(/^config\.json: endpoint must be one of openai, openrouter, .*, custom\.$/),
      'config.json: baseURL must be an http(s) URL, like "https://llm.example.org/v1" or "/llm/v1".',
      "config.json: model must be the model's name at the endpoint, a non-empty string.",
    ]);
  });

  it("says when nothing says where the model is", () => {
    expect(parse({ model: "m", apiKey: "k" }).problems).toEqual([
      "config.json: no baseURL says where the model is, so model and apiKey went unused.",
    ]);
    expect(parse({ endpoint: "custom" }).problems).toEqual([
      'config.json: no baseURL says where the model is, so endpoint "custom" went unused.',
    ]);
  });

  it("accepts a key for this site's own origin (a proxy) and for local servers", () => {
    const cases = [
      { baseURL: "/proxy/v1" },
      { baseURL: "https://app.example.org/proxy/v1" },
      { endpoint: "ollama" },
      { baseURL: "http://127.0.0.1:8080/v1" },
      { baseURL: "http://[::1]:8080/v1" },
      { baseURL: "http://llm.localhost/v1" },
    ];
    for (const fields of cases) {
      const config = parse({ ...fields, apiKey: "local-token" });
      expect(config.problems).toEqual([]);
      expect(config.modelSettings?.apiKey).toBe("local-token");
    }
  });

  it("refuses a key for any other host, and says why", () => {
    for (const fields of [
      { endpoint: "openai" },
      { baseURL: "https://llm.example.org/v1" },
      { baseURL: "https://app.example.org:8443/v1" }, // another port is another origin
      { baseURL: "http://app.example.org/v1" }, // and so is another scheme
    ]) {
      const config = parse({ ...fields, model: "m", apiKey: "sk-real" });
      expect(config.modelSettings?.apiKey).toBe("");
      expect(config.modelSettings?.model).toBe("m"); // the rest still applies
      expect(config.problems).toHaveLength(1);
      expect(config.problems[0]).toMatch(
        /^config\.json: apiKey was ignored because .+ is neither this site's own origin nor a local server; config\.json is public/,
      );
    }
    expect(parse({ endpoint: "openai", apiKey: "sk-real" }).problems[0]).toContain("api.openai.com");
  });

  it("rejects a key that is not a string", () => {
    expect(parse({ baseURL: "/v1", apiKey: 42 }).problems).toEqual(["config.json: apiKey must be a non-empty string."]);
  });
});

describe("config.json: embedOrigins", () => {
  const problemsFor = (origins: unknown) => parse({ embedOrigins: origins }).problems;

  it("must be a list", () => {
    expect(problemsFor("https://example.com")).toEqual([
      'config.json: embedOrigins must be a list of origins, like ["https://example.com"].',
    ]);
  });

  it("keeps exact origins once each", () => {
    const config = parse({ embedOrigins: ["https://a.example", "https://a.example", "http://localhost:3000"] });
    expect(config.embedOrigins).toEqual(["https://a.example", "http://localhost:3000"]);
    expect(config.problems).toEqual([]);
  });

  it("rejects wildcards, paths, other schemes and non-origins, naming the entry", () => {
    const config = parse({
      embedOrigins: [
        "https://ok.example",
        "*",
        "https://*.example.com",
        "https://example.com/blog",
        "https://example.com/",
        "https://Example.com",
        "https://example.com:443",
        "ftp://example.com",
        "example.com",
        "null",
        7,
      ],
    });
    expect(config.embedOrigins).toEqual(["https://ok.example"]);
    expect(config.problems).toEqual([
      'config.json: embedOrigins[1] "*" has a wildcard; list each origin exactly, like "https://example.com".',
      'config.json: embedOrigins[2] "https://*.example.com" has a wildcard; list each origin exactly, like "https://example.com".',
      'config.json: embedOrigins[3] "https://example.com/blog" must be an origin alone, with no path, query or trailing slash (did you mean "https://example.com"?).',
      'config.json: embedOrigins[4] "https://example.com/" must be an origin alone, with no path, query or trailing slash (did you mean "https://example.com"?).',
      'config.json: embedOrigins[5] "https://Example.com" must be an origin alone, with no path, query or trailing slash (did you mean "https://example.com"?).',
      'config.json: embedOrigins[6] "https://example.com:443" must be an origin alone, with no path, query or trailing slash (did you mean "https://example.com"?).',
      'config.json: embedOrigins[7] "ftp://example.com" must start with https:// or http://.',
      'config.json: embedOrigins[8] "example.com" is not an origin; write its scheme and host, like "https://example.com".',
      'config.json: embedOrigins[9] "null" is not an origin; write its scheme and host, like "https://example.com".',
      'config.json: embedOrigins[10] must be a string, like "https://example.com".',
    ]);
  });
});

describe("config.json: packages and limits", () => {
  it("resolves a relative package source against the page and wants a folder", () => {
    expect(parse({ packageBaseURL: "wheels/" }).packageSource).toEqual({
      baseURL: "https://app.example.org/tools/wheels/",
    });
    expect(parse({ packageBaseURL: "https://example.org/wheels" }).problems).toEqual([
      "config.json: packageBaseURL must be an http(s) URL ending in /.",
    ]);
  });

  it("reports unknown and non-positive limits and keeps the valid ones", () => {
    const config = parse({ limits: { timeoutSeconds: 0, memoryMiB: 512, cpu: 2 } });
    expect(config.limits).toEqual({ memoryBytes: 512 * 1024 ** 2 });
    expect(config.problems).toEqual([
      "config.json: limits.timeoutSeconds must be a positive number.",
      'config.json: unknown limit "cpu" (known: timeoutSeconds, memoryMiB, outputCharacters, displays, imageMiB).',
    ]);
    expect(parse({ limits: [] }).problems).toEqual(["config.json: limits must be an object."]);
  });
});
