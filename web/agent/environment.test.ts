import { describe, expect, it } from "vitest";
import { gatherEnvironment, type KernelFacts } from "./environment";
import { systemPrompt } from "./prompt";
import { newTurn, type Turn } from "./record";
import { DEFAULT_LIMITS } from "../kernel/limits";

/** A kernel holding these files (what `listFiles` and `readFile` would give), and the state of these cells. */
function kernelWith(files: Record<string, Uint8Array>, cells: string[] = []): KernelFacts {
  return {
    keptCells: () => cells,
    info: async () => ({ pyodideVersion: "0.0.0", pythonVersion: "3.14.0", interruptible: true }),
    listFiles: async () => Object.entries(files).map(([name, bytes]) => ({ name, size: bytes.length, modified: 0 })),
    readFile: async (name, maxBytes = Infinity) => files[name].slice(0, maxBytes).buffer,
    limits: DEFAULT_LIMITS,
  };
}

const utf8 = (text: string) => new TextEncoder().encode(text);

describe("the files in the system prompt", () => {
  it("a text file's first lines, and how to open one that is not plain UTF-8", async () => {
    const env = await gatherEnvironment(
      kernelWith({
        "plain.csv": utf8("city,temp\nZürich,3\n"),
        "excel.csv": new Uint8Array([0xef, 0xbb, 0xbf, ...utf8("city,temp\nBern,4\n")]),
        "windows.csv": new Uint8Array([...utf8("city,temp\nGen"), 0xe8, ...utf8("ve,5\n")]),
        "book.xlsx": new Uint8Array([0x50, 0x4b, 0x03, 0x04]),
        "packed.csv": new Uint8Array([0x1f, 0x8b, 0x08, 0x00]),
      }),
    );
    const prompt = systemPrompt(env);
    expect(prompt).toContain("- /mnt/data/plain.csv (20 bytes), first lines:\n    city,temp\n    Zürich,3");
    expect(prompt).toContain(
      '- /mnt/data/excel.csv (20 bytes; starts with a byte order mark: open it with encoding="utf-8-sig"), first lines:\n    city,temp\n    Bern,4',
    );
    expect(prompt).toContain(
      '- /mnt/data/windows.csv (19 bytes; not UTF-8: try encoding="cp1252", else "latin-1"), first lines:\n    city,temp\n    Genève,5',
    );
    expect(prompt).toContain("- /mnt/data/book.xlsx (4 bytes)\n");
    expect(prompt).toContain(
      "- /mnt/data/packed.csv (4 bytes; not text, whatever its name says: look at its first bytes)\n",
    );
  });
});

describe("many files in the system prompt", () => {
  it("lists the first 50 and says how many more there are", async () => {
    const many = Object.fromEntries(Array.from({ length: 60 }, (_, i) => [`f${i}.bin`, new Uint8Array([1])]));
    const prompt = systemPrompt(await gatherEnvironment(kernelWith(many)));
    expect(prompt.match(/^- \/mnt\/data\/f\d+\.bin/gm)).toHaveLength(50);
    expect(prompt).toContain('- …and 10 more (os.listdir("/mnt/data") lists them all)');
  });

  it("tells a file's encoding from an accent far into it, and splits old Mac line ends", async () => {
    const late = new Uint8Array([...utf8(`name\r${"Anne\r".repeat(2000)}Ren`), 0xe9, ...utf8("e\r")]);
    const prompt = systemPrompt(await gatherEnvironment(kernelWith({ "late.csv": late })));
    expect(prompt).toContain('not UTF-8: try encoding="cp1252"');
    expect(prompt).toContain("first lines:\n    name\n    Anne\n");
  });
});

describe("the kernel's state in the system prompt", () => {
  const ranCode = (code: string): Turn => ({
    ...newTurn("q"),
    status: "done",
    steps: [
      {
        assistant: { content: "", reasoning: "", toolCalls: [], echo: {} },
        results: [{ callId: "a", code, status: "ok", output: "", message: "", images: [] }],
      },
    ],
  });
  const LOST = "the variables, functions and imports they defined are gone";

  it("says the earlier turns' variables are gone once the kernel started afresh (a reload, a restart)", async () => {
    const env = await gatherEnvironment(kernelWith({}, ["import csv"]), [ranCode("x = 42")]);
    expect(systemPrompt(env)).toContain(LOST);
  });

  it("says nothing while the kernel holds what the last turn ran, or before any turn ran code", async () => {
    const kept = await gatherEnvironment(kernelWith({}, ["x = 42", "y = 1"]), [ranCode("x = 42")]);
    expect(systemPrompt(kept)).not.toContain(LOST);
    expect(systemPrompt(await gatherEnvironment(kernelWith({}), [newTurn("q")]))).not.toContain(LOST);
  });
});
