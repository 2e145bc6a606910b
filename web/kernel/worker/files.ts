/** /mnt/data inside Pyodide's in-memory file system: where uploads go and outputs come from. */
import type { PyodideAPI } from "pyodide";
import type { FileEntry } from "../protocol";

export const DATA = "/mnt/data";
/** What the app accepts in one listing (see ../validate.ts); a huge unzip is listed in part. */
const MAX_ENTRIES = 10_000;
const MAX_NAME = 1024;

type FS = PyodideAPI["FS"];

export class DataFiles {
  constructor(private readonly fs: FS) {}

  /** Takes `data` over (read here from the page's Blob): the file system keeps it without a copy. */
  write(name: string, data: ArrayBuffer): void {
    this.fs.writeFile(this.#path(name), new Uint8Array(data), { canOwn: true });
  }

  read(name: string, maxBytes = Infinity): ArrayBuffer {
    const path = this.#path(name);
    if (maxBytes === Infinity) {
      const bytes: Uint8Array = this.fs.readFile(path); // a copy of its own, usually the whole buffer
      const whole = bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength;
      return (
        whole ? bytes.buffer : bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength)
      ) as ArrayBuffer;
    }
    const head = new Uint8Array(Math.max(0, Math.min(maxBytes, this.fs.stat(path).size)));
    const stream = this.fs.open(path, "r");
    try {
      this.fs.read(stream, head, 0, head.length, 0);
    } finally {
      this.fs.close(stream);
    }
    return head.buffer;
  }

  delete(name: string): void {
    this.fs.unlink(this.#path(name));
  }

  list(folder = "", entries: FileEntry[] = []): FileEntry[] {
    for (const name of this.fs.readdir(`${DATA}/${folder}`) as string[]) {
      const relative = folder ? `${folder}/${name}` : name;
      if (name === "." || name === ".." || relative.length > MAX_NAME) continue;
      if (entries.length >= MAX_ENTRIES) break;
      const stat = this.fs.stat(`${DATA}/${relative}`);
      if (this.fs.isDir(stat.mode)) this.list(relative, entries);
      else entries.push({ name: relative, size: stat.size, modified: stat.mtime.getTime() });
    }
    return entries;
  }

  /** A path inside /mnt/data; names come from the app, which already made them safe. */
  #path(name: string): string {
    const parts = name.split("/");
    if (!name || name.includes("\0") || parts.some((p) => p === "" || p === "." || p === "..")) {
      throw new Error(`Not a file name inside ${DATA}: ${JSON.stringify(name)}`);
    }
    return `${DATA}/${name}`;
  }
}
