/**
 * The page's one upload, shared by everything that starts one (the file picker, the drop zone,
 * an embedding page) and the report that shows it. Starting one and showing it are two contexts:
 * the page shell only starts uploads, so an upload's progress re-renders the files panel, not the
 * whole page (measured: a render of the shell on the path from "picked" to "listed" cost ~4 ms).
 */
import { createContext, use, useMemo, type ReactNode } from "react";
import type { KernelHost } from "../../kernel/host";
import { useUpload, type UploadResult } from "./useFiles";

export interface Uploader {
  /** Starts uploading; the files panel reports how it went. */
  upload(files: File[]): void;
  /** The same, for a caller that needs the result. */
  uploadAsync(files: File[]): Promise<UploadResult>;
}

export type UploadState = ReturnType<typeof useUpload>;

const UploaderContext = createContext<Uploader | null>(null);
const UploadStateContext = createContext<UploadState | null>(null);

export function UploadProvider({ kernel, children }: { kernel: KernelHost; children: ReactNode }) {
  const state = useUpload(kernel);
  const { mutate, mutateAsync } = state; // stable for the provider's life
  const uploader = useMemo(() => ({ upload: mutate, uploadAsync: mutateAsync }), [mutate, mutateAsync]);
  return (
    <UploaderContext value={uploader}>
      <UploadStateContext value={state}>{children}</UploadStateContext>
    </UploaderContext>
  );
}

export function useUploader(): Uploader {
  return use(UploaderContext) ?? missing();
}

export function useUploadState(): UploadState {
  return use(UploadStateContext) ?? missing();
}

function missing(): never {
  throw new Error("Uploads are used outside UploadProvider");
}
