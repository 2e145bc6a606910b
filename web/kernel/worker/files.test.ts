/**
 * /mnt/data in a real Pyodide: a file written lazily (an upload) is listed at once and read from
 * its Blob only when opened, and behaves as any other file from then on.
 */
import type { PyodideAPI } from "pyodide";
import { beforeAll, beforeEach, describe, expect, it } from "vitest";
import { DataFiles } from "./files";

let pyodide: PyodideAPI;
let files: DataFiles;
/** Blobs the "browser" was asked to read, in order (Node has no FileReaderSync). */
let reads: Blob[] = [];
const contents = new Map<Blob, Uint8Array>();
const unreadable = new Blob(["gone"]);

function readSync(blob: Blob): ArrayBuffer {
  reads.push(blob);
  const bytes = contents.get(blob);
  if (!bytes) throw new DOMException("The file could not be read", "NotReadableError");
  return bytes.slice().buffer;
}

/** Writes `text` lazily; returns its Blob and what hands its bytes over, as the background read does. */
function lazy(name: string, text: string): { blob: Blob; fill: () => void } {
  const bytes = new TextEncoder().encode(text);
  const blob = new Blob([bytes]);
  contents.set(blob, bytes);
  const fill = files.writeLazily(name, blob, readSync);
  return { blob, fill: () => fill(bytes.slice().buffer) };
}

const py = (code: string): unknown => pyodide.runPython(code);

beforeAll(async () => {
  const { loadPyodide } = await import("pyodide");
  pyodide = await loadPyodide();
  pyodide.FS.mkdirTree("/mnt/data");
  files = new DataFiles(pyodide.FS);
});

beforeEach(() => {
  for (const { name } of files.list()) files.delete(name);
  reads = [];
});

describe("a file written lazily", () => {
  it("is listed with its size and read only when Python opens it, once", () => {
    const { blob } = lazy("sales.csv", "region,total\nnorth,12\n");
    expect(files.list()).toMatchObject([{ name: "sales.csv", size: 22 }]);
    expect(py("import os; os.path.getsize('/mnt/data/sales.csv')")).toBe(22);
    expect(reads).toEqual([]);
    expect(py("open('/mnt/data/sales.csv').read()")).toBe("region,total\nnorth,12\n");
    expect(py("open('/mnt/data/sales.csv', 'rb').read()[-3:]")).toBeTruthy();
    expect(reads).toEqual([blob]);
  });

  it("takes its bytes from the background read when they come first, and ignores stale ones", () => {
    lazy("early.txt", "from the background").fill();
    expect(py("open('/mnt/data/early.txt').read()")).toBe("from the background");
    expect(reads).toEqual([]);

    const late = lazy("late.txt", "old bytes");
    py("open('/mnt/data/late.txt', 'w').write('written by Python')");
    late.fill();
    expect(py("open('/mnt/data/late.txt').read()")).toBe("written by Python");
    expect(py("import os; os.path.getsize('/mnt/data/late.txt')")).toBe(17);
  });

  it("is read whole for the app too, and for a preview of its head", () => {
    lazy("notes.txt", "hello world");
    expect(new TextDecoder().decode(files.read("notes.txt", 5))).toBe("hello");
    expect(new TextDecoder().decode(files.read("notes.txt"))).toBe("hello world");
    expect(reads).toHaveLength(1);
  });

  it("once deleted by Python, is said to be gone, in words", () => {
    lazy("gone.csv", "a,b");
    py("import os; os.remove('/mnt/data/gone.csv')");
    expect(() => files.read("gone.csv")).toThrow("gone.csv is no longer in /mnt/data.");
  });

  // Overwriting ("w") needs none of the old bytes, so none are read.
  it.each([
    { what: "appended to", code: "open(PATH, 'a').write('def')", after: "abcdef", reads: 1 },
    { what: "overwritten", code: "open(PATH, 'w').write('new')", after: "new", reads: 0 },
    { what: "truncated", code: "import os; os.truncate(PATH, 2)", after: "ab", reads: 1 },
    {
      what: "renamed",
      code: "import os; os.rename(PATH, PATH + '.old'); os.rename(PATH + '.old', PATH)",
      after: "abc",
      reads: 0,
    },
  ])("can be $what like any file", ({ code, after, reads: expected }) => {
    lazy("a.txt", "abc");
    const path = "'/mnt/data/a.txt'";
    py(code.replaceAll("PATH", path));
    expect(reads).toHaveLength(expected);
    expect(py(`open(${path}).read()`)).toBe(after);
  });

  it("keeps its size and modification time when read, so a run that only reads it changed nothing", () => {
    lazy("data.bin", "x".repeat(1000));
    const before = py("s = os.stat('/mnt/data/data.bin'); (s.st_size, s.st_mtime_ns)") as { toJs(): unknown };
    py("open('/mnt/data/data.bin', 'rb').read()");
    const after = py("s = os.stat('/mnt/data/data.bin'); (s.st_size, s.st_mtime_ns)") as { toJs(): unknown };
    expect(after.toJs()).toEqual(before.toJs());
  });

  it("that can no longer be read raises OSError in Python, and the kernel goes on", () => {
    files.writeLazily("lost.csv", unreadable, readSync);
    expect(
      py("import errno\ntry:\n    open('/mnt/data/lost.csv').read()\nexcept OSError as e:\n    r = e.errno\nr"),
    ).toBe(29);
    expect(py("1 + 1")).toBe(2);
    // Still listed, and still unreadable: each open tries again.
    expect(files.list()).toMatchObject([{ name: "lost.csv", size: 4 }]);
    expect(() => files.read("lost.csv")).toThrow();
  });
});

describe("a file in a folder", () => {
  it("is written with its folders, as a kept file a run wrote there must be after a restart", () => {
    files.write("out/2024/summary.csv", new TextEncoder().encode("a,b\n").buffer);
    lazy("in/big.csv", "x,y\n").fill();
    expect(py("open('/mnt/data/out/2024/summary.csv').read() + open('/mnt/data/in/big.csv').read()")).toBe(
      "a,b\nx,y\n",
    );
    expect(files.list().map((f) => f.name)).toEqual(expect.arrayContaining(["out/2024/summary.csv", "in/big.csv"]));
  });
});
