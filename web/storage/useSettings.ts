import { useSyncExternalStore } from "react";
import type { ModelSettings, SettingsStore } from "./settings";

export function useSettings(store: SettingsStore): ModelSettings | null {
  return useSyncExternalStore(store.subscribe, store.get);
}
