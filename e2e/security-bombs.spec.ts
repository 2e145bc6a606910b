/**
 * Resource bombs a hostile model or a hostile file can set off: ZIP and gzip bombs among the
 * uploads, XML entity expansion, a flood of displays, one enormous line, an enormous exception or value, and a
 * PNG whose few bytes decode to a billion pixels. e2e/limits.spec.ts covers loops, sleeps,
 * recursion and memory bombs. Controls: the kernel's memory cap (MemoryError, not a frozen tab),
 * the run timeout, output and display caps, expat's amplification limit, and for images the
 * display budget and the browser's own decoder limits. Limits are shortened so cases are quick.
 */
import { useSiteConfig } from "./fixtures.ts";
import { expect, FROZEN_MS, test, type Adversary } from "./support/adversary.ts";
import { gzipBomb, zipBomb } from "./support/bombs.ts";

const LIMITS = { timeoutSeconds: 10, memoryMiB: 512, outputCharacters: 100_000, displays: 20 };

async function setUp(adversary: Adversary): Promise<() => Promise<number>> {
  await useSiteConfig(adversary.page, { limits: LIMITS });
  await adversary.setUp();
  return adversary.heartbeat();
}

/** The page's main thread never stalled for long, the run ended with `ending`, and all holds. */
async function expectSurvived(adversary: Adversary, gap: () => Promise<number>, ending: RegExp) {
  await expect(adversary.app.lastCell).toContainText(ending);
  expect(await gap(), "longest stall of the page's main thread (ms)").toBeLessThan(FROZEN_MS);
  await adversary.expectSafe();
}

test("bombs: a ZIP bomb among the uploads, extracted", async ({ adversary }) => {
  const gap = await setUp(adversary);
  await adversary.app.upload([{ name: "data.zip", mimeType: "application/zip", buffer: await zipBomb() }]);
  await adversary.app.run('import zipfile\nzipfile.ZipFile("data.zip").extractall("unzipped")');
  await expectSurvived(adversary, gap, /MemoryError|Out of memory|Timed out/);
});

test("bombs: a gzip bomb among the uploads, read whole", async ({ adversary }) => {
  const gap = await setUp(adversary);
  await adversary.app.upload([{ name: "data.csv.gz", mimeType: "application/gzip", buffer: await gzipBomb() }]);
  await adversary.app.run('import gzip\ntext = gzip.open("data.csv.gz").read()');
  await expectSurvived(adversary, gap, /MemoryError|Out of memory|Timed out/);
});

test("bombs: XML entity expansion (billion laughs)", async ({ adversary }) => {
  const gap = await setUp(adversary);
  const code = String.raw`
import xml.etree.ElementTree as ET
entities = '<!ENTITY l0 "lol">' + "".join(f'<!ENTITY l{i} "{("&l" + str(i - 1) + ";") * 10}">' for i in range(1, 10))
ET.fromstring(f'<?xml version="1.0"?><!DOCTYPE lolz [{entities}]><lolz>&l9;</lolz>')`;
  await adversary.app.run(code);
  await expectSurvived(adversary, gap, /amplification|MemoryError|Out of memory|Timed out/);
});

test("bombs: a hundred thousand displays", async ({ adversary }) => {
  const gap = await setUp(adversary);
  await adversary.app.run('for i in range(100_000): display({"text/html": f"<b>{i}</b>"}, raw=True)');
  await expectSurvived(adversary, gap, /display outputs not shown: the limit is 20 outputs/);
});

test("bombs: one fifty-million-character line", async ({ adversary }) => {
  const gap = await setUp(adversary);
  await adversary.app.run('print("x" * 50_000_000)');
  await expectSurvived(adversary, gap, /characters of output cut: the limit is 100,000 per run/);
});

test("bombs: an exception whose message is twenty million characters", async ({ adversary }) => {
  const gap = await setUp(adversary);
  await adversary.app.run('raise ValueError("<b>" * 5_000_000)');
  await expectSurvived(adversary, gap, /ValueError: <b><b>/);
});

test("bombs: a value whose text is fifteen million characters", async ({ adversary }) => {
  const gap = await setUp(adversary);
  await adversary.app.run('"<b>" * 5_000_000');
  await expectSurvived(adversary, gap, /truncated: 15,000,002 characters in all/);
});

/** A PNG of 32,768 × 32,768 one-bit pixels: ~130 kB compressed, 4 GiB as decoded RGBA. */
const PNG_BOMB = String.raw`
import struct, zlib
side = 32_768
def chunk(kind, data): return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
rows = zlib.compressobj(9)
row = b"\x00" + b"\x00" * (side // 8)
body = b"".join(rows.compress(row) for _ in range(side)) + rows.flush()
png = b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", side, side, 1, 0, 0, 0, 0)) + chunk(b"IDAT", body) + chunk(b"IEND", b"")
display({"image/png": png, "text/plain": "bomb"}, raw=True)
print("shown", len(png))`;

test("bombs: a PNG of a billion pixels", async ({ adversary }) => {
  const gap = await setUp(adversary);
  await adversary.app.run(PNG_BOMB);
  await expectSurvived(adversary, gap, /shown \d+/);
});

test("bombs: a PNG of a billion pixels on its way to a vision model", async ({ adversary }) => {
  const gap = await setUp(adversary);
  // The figures of the model's runs go back to it, downscaled on the page first (web/agent/images.ts).
  const runPython = { name: "run_python", arguments: JSON.stringify({ code: PNG_BOMB }) };
  adversary.model.script([{ toolCalls: [runPython] }, { content: "Seen." }]);
  const turn = await adversary.app.ask("Draw it");
  await expect(turn.getByLabel("Answer")).toHaveText("Seen.");
  await expectSurvived(adversary, gap, /shown \d+/);
});
