/** /mnt/data inside Pyodide's in-memory file system: where uploads go and outputs come from. */
import type { PyodideAPI } from "pyodide";
import type { FileEntry } from "../protocol";

export const DATA = "/mnt/data";
/** What the app accepts in one listing (see ../validate.ts); a huge unzip is listed in part. */
const MAX_ENTRIES = 10_000;
const MAX_NAME = 1024;

type FS = PyodideAPI["FS"];

/** Files this big or bigger are listed before their bytes are read (see `writeLazily`). */
export const LAZY_BYTES = 1024 ** 2;
/** EIO: what Python sees (OSError) when a file's bytes can no longer be read. */
const EIO = 29;

/** The parts of an in-memory (MEMFS) file node that a lazy file swaps. */
interface FileNode {
  contents: Uint8Array | null;
  usedBytes: number;
  node_ops: { setattr(node: FileNode, attr: { size?: number }): void };
  stream_ops: object;
}

export class DataFiles {
  constructor(private readonly fs: FS) {}

  /** Takes `data` over (read here from the page's Blob): the file system keeps it without a copy. */
  write(name: string, data: ArrayBuffer): void {
    this.fs.writeFile(this.#newPath(name), new Uint8Array(data), { canOwn: true });
  }

  /**
   * Lists `blob` now, with its size, before its bytes are here: the caller reads them in the
   * background and hands them over with the returned function. Whatever opens the file sooner
   * reads them itself, synchronously (`readSync`); emptying it (opening with "w", truncating to 0)
   * needs none. Until then the node has ops of its own, then it is a plain in-memory file again.
   * Like Emscripten's lazy files, but writable.
   */
  writeLazily(name: string, blob: Blob, readSync: (blob: Blob) => ArrayBuffer): (bytes: ArrayBuffer) => void {
    const path = this.#newPath(name);
    this.fs.writeFile(path, new Uint8Array(0));
    const node = this.fs.lookupPath(path, {}).node as unknown as FileNode;
    const plain = { node: node.node_ops, stream: node.stream_ops };
    let waiting = true;
    const settle = (contents: Uint8Array | null) => {
      if (!waiting) return; // read, written or emptied since: later bytes are stale
      waiting = false;
      Object.assign(node, {
        contents,
        usedBytes: contents?.length ?? 0,
        node_ops: plain.node,
        stream_ops: plain.stream,
      });
    };
    const load = () => {
      if (!waiting) return;
      let bytes: ArrayBuffer;
      try {
        bytes = readSync(blob);
      } catch {
        throw new this.fs.ErrnoError(EIO); // a JavaScript error here would take the kernel down
      }
      settle(new Uint8Array(bytes));
    };
    node.usedBytes = blob.size;
    node.node_ops = {
      ...plain.node,
      setattr(target, attr) {
        if (attr.size === 0) settle(null);
        else if (attr.size !== undefined) load();
        plain.node.setattr(target, attr);
      },
    };
    node.stream_ops = { ...plain.stream, open: load };
    return (bytes) => settle(new Uint8Array(bytes));
  }

  read(name: string, maxBytes = Infinity): ArrayBuffer {
    const path = this.#path(name);
    // The app's message: the file system's own is an errno that says nothing to a person.
    if (!this.fs.analyzePath(path).exists) throw new Error(`${name} is no longer in /mnt/data.`);
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

  /** A path to write a file at, its folders made first (a file Python wrote in a folder comes back after a restart). */
  #newPath(name: string): string {
    const path = this.#path(name);
    this.fs.mkdirTree(path.slice(0, path.lastIndexOf("/")));
    return path;
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
