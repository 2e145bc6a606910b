/** Query options for what the kernel holds, shared by every feature that shows or changes it. */
import { queryOptions } from "@tanstack/react-query";
import type { KernelHost } from "./host";

export const filesQueryKey = ["kernel", "files"] as const;

export const filesQueryOptions = (kernel: KernelHost) =>
  queryOptions({ queryKey: filesQueryKey, queryFn: () => kernel.listFiles() });
