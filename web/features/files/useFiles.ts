import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { KernelHost } from "../../kernel/host";
import { filesQueryKey, filesQueryOptions } from "../../kernel/queries";
import { safeFileName } from "./fileNames";

/** The files in /mnt/data. */
export const useFiles = (kernel: KernelHost) => useQuery(filesQueryOptions(kernel));

/** Writes picked or dropped files into /mnt/data under safe, unique names. */
export function useUpload(kernel: KernelHost) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (picked: File[]) => {
      const taken = new Set((await queryClient.fetchQuery(filesQueryOptions(kernel))).map((f) => f.name));
      const uploads = [];
      for (const file of picked) {
        const name = safeFileName(file.name, taken);
        taken.add(name);
        uploads.push({ name, data: await file.arrayBuffer() });
      }
      await kernel.writeFiles(uploads);
    },
    onSettled: () => queryClient.invalidateQueries({ queryKey: filesQueryKey }),
  });
}
