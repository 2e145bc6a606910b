import { useSyncExternalStore } from "react";
import type { KernelHost } from "./host";
import type { KernelState } from "./state";

/** The kernel's lifecycle state, for components; the host stays its only owner. */
export function useKernelState(kernel: KernelHost): KernelState {
  return useSyncExternalStore(kernel.subscribe, kernel.getState);
}
