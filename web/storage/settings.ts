/**
 * The user's settings, kept on this device, over the site's defaults (config.json).
 *
 * - Model: the user's saved endpoint, base URL and model win as a whole; until the user saves
 *   settings of their own, the site's are used, so a site can ship a ready-to-use proxy.
 * - Key: the user's own key is stored apart from the rest, in sessionStorage when they chose
 *   "this session only", else in localStorage; "Forget key" removes it from both. The site's key
 *   (accepted by config.json only for a same-origin proxy or a local server) is used only with
 *   the site's base URL and never written to storage. No key is ever read from the URL or a message.
 * - Kernel: run timeout, memory cap, package source (./kernel-settings.ts), saved with the rest.
 */
import type { KernelSettings } from "../kernel/launcher";
import { presetById, type EndpointOptions } from "../agent/presets";
import { cleanUserKernelSettings, toKernelSettings, type UserKernelSettings } from "./kernel-settings";
import { browserStorages } from "./memory-storage";

export interface ModelSettings {
  presetId: string;
  baseURL: string;
  model: string;
  apiKey: string;
  /** false: the key lives only as long as this tab's session. */
  rememberKey: boolean;
  options: EndpointOptions;
}

/** The site's model defaults from config.json. */
export interface SiteModelSettings {
  presetId: string;
  baseURL: string;
  model: string;
  /** Only ever for a same-origin proxy or a local server (see app/config.ts). */
  apiKey: string;
}

/** What the site's config.json sets under the user's settings. */
export interface SiteDefaults extends KernelSettings {
  modelSettings: SiteModelSettings | null;
}

/** Everything the Settings dialog edits. `model.apiKey` is only ever the user's own key. */
export interface UserSettings {
  model: ModelSettings;
  kernel: UserKernelSettings;
}

/** What is kept in localStorage (never a key). No `model`: the user follows the site's. */
interface Saved {
  model?: Omit<ModelSettings, "apiKey">;
  kernel?: UserKernelSettings;
}

const SETTINGS = "code-interpreter.settings";
const KEY = "code-interpreter.api-key";

type Listener = () => void;

export class SettingsStore {
  #local: Storage;
  #session: Storage;
  #saved: Saved;
  #userKey: string;
  #site: SiteDefaults | null = null;
  #effective: ModelSettings | null = null;
  #listeners = new Set<Listener>();
  #kernelListeners = new Set<(user: Partial<KernelSettings>) => void>();

  constructor(storages: { local: Storage; session: Storage } = browserStorages()) {
    this.#local = storages.local;
    this.#session = storages.session;
    this.#saved = readSaved(this.#local);
    this.#userKey = this.#session.getItem(KEY) ?? this.#local.getItem(KEY) ?? "";
    this.#effective = this.#compute();
  }

  /** The settings to call the model with: the user's over the site's (null: nothing set anywhere). */
  get = (): ModelSettings | null => this.#effective;

  /** The site's defaults, once config.json has been read. */
  getSite = (): SiteDefaults | null => this.#site;

  subscribe = (listener: Listener): (() => void) => {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  };

  /** The site's defaults arrived (config.json). */
  setSite(site: SiteDefaults): void {
    this.#site = site;
    this.#changed();
  }

  /** What the dialog starts from: the effective settings, with only the user's own key. */
  draft(): UserSettings {
    const preset = presetById("openai");
    const blank = { presetId: preset.id, baseURL: preset.baseURL, model: "", rememberKey: true, options: preset };
    const model = this.#effective ?? blank;
    return { model: { ...model, apiKey: this.#userKey }, kernel: this.#saved.kernel ?? {} };
  }

  /** The site's key, if the site has one for this base URL (a proxy's, say). */
  siteKeyFor(baseURL: string): string {
    const site = this.#site?.modelSettings;
    return site?.apiKey && site.baseURL === baseURL ? site.apiKey : "";
  }

  /** The user's kernel layer, for `KernelHost.configure`. */
  kernelSettings(): Partial<KernelSettings> {
    return toKernelSettings(this.#saved.kernel ?? {});
  }

  /** Called with the user's kernel layer whenever a save changes it. */
  onKernelSettings(listener: (user: Partial<KernelSettings>) => void): () => void {
    this.#kernelListeners.add(listener);
    return () => this.#kernelListeners.delete(listener);
  }

  save({ model: { apiKey, ...model }, kernel }: UserSettings): void {
    const site = this.#site?.modelSettings;
    const siteKey = site?.apiKey ?? "";
    // Settings equal to the site's are not kept, so the user follows the site's later changes.
    const followsSite = !!site && sameEndpoint(model, site) && (!apiKey || apiKey === siteKey);
    const kernelChanged = JSON.stringify(kernel) !== JSON.stringify(this.#saved.kernel ?? {});
    this.#saved = { model: followsSite ? undefined : model, kernel };
    this.#local.setItem(SETTINGS, JSON.stringify(this.#saved));
    this.#local.removeItem(KEY);
    this.#session.removeItem(KEY);
    this.#userKey = apiKey === siteKey ? "" : apiKey; // the site's key is never stored
    if (this.#userKey) (model.rememberKey ? this.#local : this.#session).setItem(KEY, this.#userKey);
    this.#changed();
    if (kernelChanged) for (const listener of this.#kernelListeners) listener(this.kernelSettings());
  }

  forgetKey(): void {
    this.#local.removeItem(KEY);
    this.#session.removeItem(KEY);
    this.#userKey = "";
    this.#changed();
  }

  #compute(): ModelSettings | null {
    const site = this.#site?.modelSettings;
    const saved = this.#saved.model;
    const base = saved ?? (site ? fromSite(site) : null);
    if (!base) return null;
    return { ...base, apiKey: this.#userKey || this.siteKeyFor(base.baseURL) };
  }

  #changed(): void {
    this.#effective = this.#compute();
    for (const listener of this.#listeners) listener();
  }
}

const sameEndpoint = (a: Omit<ModelSettings, "apiKey">, b: SiteModelSettings) =>
  a.presetId === b.presetId && a.baseURL === b.baseURL && a.model === b.model;

function fromSite(site: SiteModelSettings): Omit<ModelSettings, "apiKey"> {
  const preset = presetById(site.presetId);
  return { presetId: site.presetId, baseURL: site.baseURL, model: site.model, rememberKey: true, options: preset };
}

function readSaved(local: Storage): Saved {
  try {
    const raw = JSON.parse(local.getItem(SETTINGS) ?? "{}") as Record<string, unknown>;
    // Before the kernel settings, the model settings were the whole record.
    const saved = ("presetId" in raw ? { model: raw } : raw) as Saved;
    const model = saved.model && {
      ...saved.model,
      options: { ...presetById(saved.model.presetId), ...saved.model.options },
    };
    return { model, kernel: cleanUserKernelSettings(saved.kernel) };
  } catch {
    return {};
  }
}

/** Whether a model can be called with these settings. */
export const isConnected = (s: ModelSettings | null): s is ModelSettings => !!s && !!s.baseURL && !!s.model;
