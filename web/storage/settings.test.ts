import { describe, expect, it } from "vitest";
import { presetById } from "../agent/presets";
import { MemoryStorage } from "./memory-storage";
import { SettingsStore, isConnected, type ModelSettings, type SiteDefaults, type SiteModelSettings } from "./settings";

const storages = () => ({ local: new MemoryStorage(), session: new MemoryStorage() });

const site = (modelSettings: SiteModelSettings | null): SiteDefaults => ({
  packageSource: { baseURL: "https://cdn.example/full/" },
  limits: {},
  modelSettings,
});
const PROXY: SiteModelSettings = {
  presetId: "custom",
  baseURL: "https://app.example.org/llm/v1",
  model: "site-model",
  apiKey: "proxy-token",
};

const mine = (over: Partial<ModelSettings> = {}): ModelSettings => ({
  presetId: "openai",
  baseURL: "https://api.openai.com/v1",
  model: "gpt-4o",
  apiKey: "sk-mine",
  rememberKey: true,
  options: presetById("openai"),
  ...over,
});

describe("model settings: the user's over the site's", () => {
  it("has nothing to connect with until someone sets a model", () => {
    const store = new SettingsStore(storages());
    expect(store.get()).toBeNull();
    store.setSite(site(null));
    expect(isConnected(store.get())).toBe(false);
  });

  it("uses the site's endpoint, model and key while the user has saved none", () => {
    const store = new SettingsStore(storages());
    let heard = 0;
    store.subscribe(() => heard++);
    store.setSite(site(PROXY));
    expect(heard).toBe(1);
    expect(store.get()).toMatchObject({ ...PROXY, options: presetById("custom") });
    expect(isConnected(store.get())).toBe(true);
    // The dialog starts from the site's settings but never holds the site's key.
    expect(store.draft().model).toMatchObject({ baseURL: PROXY.baseURL, model: "site-model", apiKey: "" });
    expect(store.siteKeyFor(PROXY.baseURL)).toBe("proxy-token");
  });

  it("lets the user's saved settings win, and sends the site's key nowhere else", () => {
    const s = storages();
    const store = new SettingsStore(s);
    store.setSite(site(PROXY));
    store.save({ model: mine({ apiKey: "" }), kernel: {} });
    expect(store.get()).toMatchObject({ baseURL: "https://api.openai.com/v1", model: "gpt-4o", apiKey: "" });
    store.save({ model: mine(), kernel: {} });
    expect(store.get()?.apiKey).toBe("sk-mine");
    // Saved settings outlive the page; the site's arrive again on the next visit.
    const next = new SettingsStore(s);
    next.setSite(site(PROXY));
    expect(next.get()).toMatchObject({ baseURL: "https://api.openai.com/v1", model: "gpt-4o", apiKey: "sk-mine" });
  });

  it("never stores the site's key, and keeps following the site when saved unchanged", () => {
    const s = storages();
    const store = new SettingsStore(s);
    store.setSite(site(PROXY));
    store.save({ ...store.draft(), kernel: { timeoutSeconds: 5 } });
    expect(s.local.getItem("code-interpreter.api-key")).toBeNull();
    expect(s.session.getItem("code-interpreter.api-key")).toBeNull();
    expect(JSON.stringify([s.local, s.session].map((x) => x.getItem("code-interpreter.settings")))).not.toContain(
      "proxy-token",
    );
    // A later config.json (a new model, say) still reaches this user.
    const next = new SettingsStore(s);
    next.setSite(site({ ...PROXY, model: "newer-model" }));
    expect(next.get()).toMatchObject({ model: "newer-model", apiKey: "proxy-token" });
  });

  it("uses the site's key for the site's base URL under the user's own endpoint choice", () => {
    const store = new SettingsStore(storages());
    store.setSite(site(PROXY));
    store.save({ model: { ...store.draft().model, model: "other-model" }, kernel: {} });
    expect(store.get()).toMatchObject({ baseURL: PROXY.baseURL, model: "other-model", apiKey: "proxy-token" });
  });
});

describe("the user's key", () => {
  it("is kept in localStorage, or in sessionStorage for this session only", () => {
    const s = storages();
    const store = new SettingsStore(s);
    store.save({ model: mine(), kernel: {} });
    expect(s.local.getItem("code-interpreter.api-key")).toBe("sk-mine");
    store.save({ model: mine({ rememberKey: false }), kernel: {} });
    expect(s.local.getItem("code-interpreter.api-key")).toBeNull();
    expect(s.session.getItem("code-interpreter.api-key")).toBe("sk-mine");
    expect(s.local.getItem("code-interpreter.settings")).not.toContain("sk-mine");
    expect(new SettingsStore(s).get()?.apiKey).toBe("sk-mine");
  });

  it("is gone from both after Forget key", () => {
    const s = storages();
    const store = new SettingsStore(s);
    store.save({ model: mine(), kernel: {} });
    store.forgetKey();
    expect(store.get()?.apiKey).toBe("");
    expect(s.local.getItem("code-interpreter.api-key")).toBeNull();
    expect(s.session.getItem("code-interpreter.api-key")).toBeNull();
    expect(new SettingsStore(s).get()?.apiKey).toBe("");
  });
});

describe("kernel settings", () => {
  it("are saved with the rest, and reported to the kernel only when they change", () => {
    const s = storages();
    const store = new SettingsStore(s);
    const heard: unknown[] = [];
    store.onKernelSettings((user) => heard.push(user));
    store.save({ model: mine(), kernel: { timeoutSeconds: 2 } });
    store.save({ model: mine({ model: "gpt-5" }), kernel: { timeoutSeconds: 2 } });
    expect(heard).toEqual([{ limits: { timeoutMs: 2000 } }]);
    expect(JSON.parse(s.local.getItem("code-interpreter.settings")!).kernel).toEqual({ timeoutSeconds: 2 });
    const next = new SettingsStore(s);
    expect(next.kernelSettings()).toEqual({ limits: { timeoutMs: 2000 } });
    expect(next.draft().kernel).toEqual({ timeoutSeconds: 2 });
  });

  it("ignores invalid stored values, and reads the older layout (model settings alone)", () => {
    const s = storages();
    s.local.setItem("code-interpreter.settings", JSON.stringify({ ...mine(), apiKey: undefined }));
    expect(new SettingsStore(s).get()).toMatchObject({ model: "gpt-4o", apiKey: "" });
    s.local.setItem("code-interpreter.settings", JSON.stringify({ kernel: { timeoutSeconds: -1, memoryMiB: 300 } }));
    expect(new SettingsStore(s).kernelSettings()).toEqual({ limits: { memoryBytes: 300 * 1024 ** 2 } });
    s.local.setItem("code-interpreter.settings", "{not json");
    expect(new SettingsStore(s).get()).toBeNull();
  });
});
