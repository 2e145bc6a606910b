/**
 * The user's model settings, kept on this device. The API key is stored apart from the rest:
 * in sessionStorage when the user chose "this session only", else in localStorage. It is never
 * read from the URL or from messages, and "Forget key" removes it from both.
 */
import { presetById, type EndpointOptions } from "../agent/presets";

export interface ModelSettings {
  presetId: string;
  baseURL: string;
  model: string;
  apiKey: string;
  /** false: the key lives only as long as this tab's session. */
  rememberKey: boolean;
  options: EndpointOptions;
}

const SETTINGS = "code-interpreter.settings";
const KEY = "code-interpreter.api-key";

type Listener = () => void;

export class SettingsStore {
  #settings: ModelSettings | null = read();
  #listeners = new Set<Listener>();

  get = (): ModelSettings | null => this.#settings;

  subscribe = (listener: Listener): (() => void) => {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  };

  save(settings: ModelSettings): void {
    const { apiKey, ...rest } = settings;
    localStorage.setItem(SETTINGS, JSON.stringify(rest));
    localStorage.removeItem(KEY);
    sessionStorage.removeItem(KEY);
    if (apiKey) (settings.rememberKey ? localStorage : sessionStorage).setItem(KEY, apiKey);
    this.#set(settings);
  }

  forgetKey(): void {
    localStorage.removeItem(KEY);
    sessionStorage.removeItem(KEY);
    if (this.#settings) this.#set({ ...this.#settings, apiKey: "" });
  }

  #set(settings: ModelSettings): void {
    this.#settings = settings;
    for (const listener of this.#listeners) listener();
  }
}

function read(): ModelSettings | null {
  try {
    const raw = localStorage.getItem(SETTINGS);
    if (!raw) return null;
    const saved = JSON.parse(raw) as Omit<ModelSettings, "apiKey">;
    const preset = presetById(saved.presetId);
    const apiKey = sessionStorage.getItem(KEY) ?? localStorage.getItem(KEY) ?? "";
    return { ...saved, options: { ...preset, ...saved.options }, apiKey };
  } catch {
    return null;
  }
}

/** Whether a model can be called with these settings. */
export const isConnected = (s: ModelSettings | null): s is ModelSettings => !!s && !!s.baseURL && !!s.model;
