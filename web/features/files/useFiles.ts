/**
 * The ways files enter and leave /mnt/data from the page: upload (picker or drop) and delete.
 * Each reports what it changed through `onChange`, so an owner can follow /mnt/data (to keep a
 * conversation's files, say) without reaching into the panel. Files written by Python are not
 * reported here: a run's result names them (`changedFiles`).
 */
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { KernelHost } from "../../kernel/host";
import type { FileEntry } from "../../kernel/protocol";
import { filesQueryKey, filesQueryOptions } from "../../kernel/queries";
import { MAX_UPLOAD_BYTES, planUploads, unreadableMessage } from "./uploads";
import { messageOf } from "../../lib/message-of";

/** A file now in /mnt/data under `name`; `file` holds its bytes and the name it came with. */
export interface SavedUpload {
  name: string;
  file: File;
}

export interface UploadResult {
  saved: SavedUpload[];
  /** One sentence per file not uploaded (over the cap, or unreadable), naming it. */
  refused: string[];
}

export type FilesChange = { kind: "uploaded"; files: SavedUpload[] } | { kind: "deleted"; name: string };

export interface FilesOptions {
  /** Called after files were written to or deleted from /mnt/data. */
  onChange?: (change: FilesChange) => void;
}

/** Uploads and deletions run one at a time, so two batches never pick the same free name. */
const scope = { id: "kernel-files" };

/** The files in /mnt/data. */
export const useFiles = (kernel: KernelHost) => useQuery(filesQueryOptions(kernel));

/**
 * Writes files into /mnt/data under safe names that replace nothing already there. Files over
 * `maxBytes` are refused without being read; the others still go, one at a time, so a large batch
 * is not all in memory at once. A file that cannot be read or written is refused with the reason.
 * `onSaved` hears of each file as soon as it is written.
 */
export async function uploadFiles(
  kernel: KernelHost,
  picked: readonly File[],
  { maxBytes = MAX_UPLOAD_BYTES, onSaved = () => {} }: { maxBytes?: number; onSaved?: (entry: FileEntry) => void } = {},
): Promise<UploadResult> {
  const taken = (await kernel.listFiles()).map((f) => f.name);
  const plan = planUploads(picked, taken, maxBytes);
  const result: UploadResult = { saved: [], refused: plan.refused.map((r) => r.message) };
  for (const { file, name } of plan.accepted) {
    try {
      // The File goes as it is (a handle: its bytes are read in the kernel's worker), so a large
      // upload never holds the page. A dropped folder is a File whose bytes cannot be read.
      await kernel.writeFiles([{ name, data: file }]);
      result.saved.push({ name, file });
      onSaved({ name, size: file.size, modified: Date.now() });
    } catch (error) {
      result.refused.push(unreadableMessage(file.name, messageOf(error)));
    }
  }
  return result;
}

/** `mutate(files)` uploads; `data` is the last batch's `UploadResult`. */
export function useUpload(kernel: KernelHost, { onChange }: FilesOptions = {}) {
  const queryClient = useQueryClient();
  return useMutation({
    scope,
    mutationFn: (picked: File[]) =>
      uploadFiles(kernel, picked, {
        // Listed as soon as it is written, not one listing later (the listing after the batch corrects it).
        onSaved: (entry) => {
          void queryClient.cancelQueries({ queryKey: filesQueryKey });
          queryClient.setQueryData<FileEntry[]>(filesQueryKey, (files = []) => [
            ...files.filter((f) => f.name !== entry.name),
            entry,
          ]);
        },
      }),
    onSuccess: ({ saved }) => {
      if (saved.length > 0) onChange?.({ kind: "uploaded", files: saved });
    },
    // In a later task: the listing the upload changed is drawn first (it is already scheduled),
    // and the refetch's round trip does not hold it up.
    onSettled: () => void setTimeout(() => void queryClient.invalidateQueries({ queryKey: filesQueryKey })),
  });
}

/** `mutate(name)` deletes one file of /mnt/data. */
export function useDeleteFile(kernel: KernelHost, { onChange }: FilesOptions = {}) {
  const queryClient = useQueryClient();
  return useMutation({
    scope,
    mutationFn: (name: string) => kernel.deleteFile(name),
    onSuccess: (_, name) => {
      onChange?.({ kind: "deleted", name });
      // Gone from the list at once, not after the next listing.
      queryClient.setQueryData<FileEntry[]>(filesQueryKey, (files) => files?.filter((f) => f.name !== name));
    },
    onSettled: () => queryClient.invalidateQueries({ queryKey: filesQueryKey }),
  });
}
