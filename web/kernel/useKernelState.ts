import { useSyncExternalStore } from "react";
import type { KernelHost, KernelState } from "./host";

/** The kernel's lifecycle state, for components; the host stays its only owner. */
export function useKernelState(kernel: KernelHost): KernelState {
  return useSyncExternalStore(kernel.subscribe, kernel.getState);
}
