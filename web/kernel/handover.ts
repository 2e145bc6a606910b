/**
 * Files on their way into the kernel without holding the page's thread (issue 8). The kernel's
 * worker lives in another process, so a posted ArrayBuffer is copied however it is transferred:
 * 100 MB held the page for ~200–370 ms. A Blob crosses as a handle and is read in the worker; an
 * ArrayBuffer is made into one a few megabytes at a time, yielding between pieces (~7 ms each).
 */
import { nextTask } from "../lib/next-task";
import type { FileUpload } from "./protocol";

const PIECE_BYTES = 8 * 1024 ** 2;

/** The files, each large buffer as a Blob; the small buffers that remain are to be transferred. */
export async function handOver(files: FileUpload[]): Promise<{ files: FileUpload[]; transfer: ArrayBuffer[] }> {
  const ready: FileUpload[] = [];
  for (const { name, data } of files) {
    ready.push({ name, data: data instanceof Blob || data.byteLength <= PIECE_BYTES ? data : await toBlob(data) });
  }
  return { files: ready, transfer: ready.flatMap((f) => (f.data instanceof ArrayBuffer ? [f.data] : [])) };
}

async function toBlob(buffer: ArrayBuffer): Promise<Blob> {
  const pieces: Blob[] = [];
  for (let start = 0; start < buffer.byteLength; start += PIECE_BYTES) {
    if (start > 0) await new Promise<void>((resolve) => nextTask(resolve));
    pieces.push(new Blob([new Uint8Array(buffer, start, Math.min(PIECE_BYTES, buffer.byteLength - start))]));
  }
  return new Blob(pieces); // joins the pieces by reference
}
