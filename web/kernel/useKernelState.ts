import { useSyncExternalStore } from "react";
import type { KernelHost } from "./host";
import type { KernelState } from "./state";

/** The kernel's lifecycle state, for components; the host stays its only owner. */
export function useKernelState(kernel: KernelHost): KernelState {
  return useKernelStateOf(kernel, (state) => state);
}

/** What a component reads of that state: it redraws when this changes, not on every change of the state. */
export function useKernelStateOf<T>(kernel: KernelHost, select: (state: KernelState) => T): T {
  return useSyncExternalStore(kernel.subscribe, () => select(kernel.getState()));
}
