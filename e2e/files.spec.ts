/**
 * The files panel as a person uses it: upload several files at once (picker and drop), see their
 * sizes, preview a table, JSON and an image, delete with a confirm step, be told about a file over
 * the size cap, and see hostile names only ever as text, stored under safe names.
 */
import AxeBuilder from "@axe-core/playwright";
import { closeSync, mkdtempSync, openSync, readFileSync, ftruncateSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { crc32, deflateSync } from "node:zlib";
import type { Page } from "@playwright/test";
import { expect, test } from "./fixtures.ts";

// vega-datasets exports only its JS entry (build/index.js); the data folder sits beside build/.
const datasets = join(dirname(createRequire(import.meta.url).resolve("vega-datasets")), "..");
const seattle = readFileSync(join(datasets, "data/seattle-weather.csv"));
const unemployment = readFileSync(join(datasets, "data/unemployment.tsv"));
const anscombe = readFileSync(join(datasets, "data/anscombe.json"));
const png = solidPng(3, 2, [200, 30, 30]);

const panel = (page: Page) => page.getByRole("region", { name: "Files", exact: true });
const files = (page: Page) => page.getByRole("list", { name: "Files in /mnt/data" });
const row = (page: Page, name: string) =>
  files(page)
    .getByRole("listitem")
    .filter({ has: page.getByRole("link", { name: `Download ${name}`, exact: true }) });
const listed = async (app: { output(code: string): Promise<string> }) =>
  JSON.parse((await app.output('import os, json\nprint(json.dumps(sorted(os.listdir("/mnt/data"))))')) as string);

test("uploads several files at once, shows sizes, previews them and deletes with a confirm step, at 360 px", async ({
  app,
  page,
}) => {
  await page.setViewportSize({ width: 360, height: 740 });
  await app.open();
  await app.upload([
    { name: "seattle-weather.csv", mimeType: "text/csv", buffer: seattle },
    { name: "unemployment.tsv", mimeType: "text/tab-separated-values", buffer: unemployment },
    { name: "anscombe.json", mimeType: "application/json", buffer: anscombe },
    { name: "dot.png", mimeType: "image/png", buffer: png },
  ]);

  // Sizes, human-readable.
  await expect(row(page, "seattle-weather.csv")).toContainText(`${(seattle.length / 1024).toFixed(1)} KB`);
  await expect(row(page, "dot.png")).toContainText(`${png.length} B`);

  // A CSV: its header cells and first rows, as a table.
  await page.getByRole("button", { name: "Preview seattle-weather.csv" }).click();
  const csv = page.getByRole("region", { name: "Preview of seattle-weather.csv" });
  const lines = seattle.toString().trim().split("\n");
  await expect(csv.getByRole("columnheader")).toHaveText(lines[0].split(","));
  await expect(csv.getByRole("row")).toHaveCount(21);
  await expect(csv.getByRole("row").nth(1).getByRole("cell")).toHaveText(lines[1].split(","));
  await expect(csv.getByRole("row").nth(20).getByRole("cell")).toHaveText(lines[20].split(","));
  await expect(csv).toContainText("First 20 rows.");

  // The panel, with a preview open and a delete being confirmed, fits the phone and passes axe.
  await page.getByRole("button", { name: "Delete dot.png" }).click();
  const axe = await new AxeBuilder({ page }).include('section[aria-label="Files"]').analyze();
  expect(axe.violations.filter((v) => v.impact === "serious" || v.impact === "critical")).toEqual([]);
  const fits = await panel(page).evaluate(
    (el) => el.getBoundingClientRect().right <= 360 && el.scrollWidth <= el.clientWidth,
  );
  expect(fits).toBe(true);

  // Escape cancels the delete; focus stays on the button.
  await page.keyboard.press("Escape");
  await expect(page.getByRole("button", { name: "Delete dot.png", exact: true })).toBeFocused();
  await expect(page.getByRole("button", { name: "Confirm delete dot.png" })).toHaveCount(0);

  // Opening another preview closes the first. A TSV is a table too.
  await page.getByRole("button", { name: "Preview unemployment.tsv" }).click();
  await expect(csv).toHaveCount(0);
  const tsv = page.getByRole("region", { name: "Preview of unemployment.tsv" });
  await expect(tsv.getByRole("columnheader")).toHaveText(["id", "rate"]);
  await expect(tsv.getByRole("row").nth(1).getByRole("cell")).toHaveText(["1001", ".097"]);

  // JSON, pretty-printed.
  await page.getByRole("button", { name: "Preview anscombe.json" }).click();
  const json = page.getByRole("region", { name: "Preview of anscombe.json" });
  await expect(json).toContainText('{\n    "Series": "I",\n    "X": 10,\n    "Y": 8.04\n  }');

  // An image, from a blob: URL that is revoked when the preview closes.
  await page.getByRole("button", { name: "Preview dot.png" }).click();
  const image = page.getByRole("region", { name: "Preview of dot.png" }).getByRole("img");
  await expect(image).toHaveAttribute("src", /^blob:/);
  await expect.poll(() => image.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBe(3);
  const src = (await image.getAttribute("src"))!;
  expect(await loads(page, src)).toBe(true);
  await page.getByRole("button", { name: "Close preview" }).click();
  await expect(image).toHaveCount(0);
  await expect(page.getByRole("button", { name: "Preview dot.png" })).toBeFocused();
  expect(await loads(page, src)).toBe(false);

  // Delete by keyboard: Enter, then Enter on "Confirm delete"; gone from the list and from Python.
  await page.getByRole("button", { name: "Delete dot.png", exact: true }).focus();
  await page.keyboard.press("Enter");
  await expect(page.getByRole("button", { name: "Confirm delete dot.png" })).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(row(page, "dot.png")).toHaveCount(0);
  await expect(page.getByRole("heading", { name: "Files" })).toBeFocused();
  expect(await listed(app)).toEqual(["anscombe.json", "seattle-weather.csv", "unemployment.tsv"]);
});

test("refuses a file over the 100 MB cap by name, and uploads the others", async ({ app, page }) => {
  await app.open();
  const dir = mkdtempSync(join(tmpdir(), "files-"));
  const big = join(dir, "big.bin");
  // Sparse: 100 MiB + 1 byte on paper, nothing on disk; the app must refuse it without reading it.
  const fd = openSync(big, "w");
  ftruncateSync(fd, 100 * 1024 ** 2 + 1);
  closeSync(fd);
  writeFileSync(join(dir, "small.csv"), "a,b\n1,2\n");

  await page.getByLabel("Upload files").setInputFiles([big, join(dir, "small.csv")]);
  await expect(panel(page).getByRole("alert")).toContainText(
    "“big.bin” was not uploaded: it is over the 100 MB limit per file.",
  );
  await expect(page.getByRole("link", { name: "Download small.csv" })).toBeVisible();
  await expect(page.getByRole("link", { name: "Download big.bin" })).toHaveCount(0);
  expect(await listed(app)).toEqual(["small.csv"]);

  await page.getByRole("button", { name: "Dismiss" }).click();
  await expect(panel(page).getByRole("alert")).toHaveCount(0);
});

test("hostile names are shown as text and stored under safe names; nothing is overwritten", async ({ app, page }) => {
  await app.open();
  await app.upload([{ name: "data.csv", mimeType: "text/csv", buffer: Buffer.from("first\n") }]);

  // Several files dropped at once, with hostile and duplicate names.
  await page.evaluate(() => {
    const data = new DataTransfer();
    data.items.add(new File(["x\n"], "../../etc/passwd"));
    data.items.add(new File(["h\n<b>1</b>\n"], "<img src=x onerror=window.__pwned=1>.csv"));
    data.items.add(new File(["second\n"], "data.csv"));
    data.items.add(new File(["third\n"], "data.csv"));
    document.querySelector(".drop-zone")!.dispatchEvent(new DragEvent("drop", { dataTransfer: data, bubbles: true }));
  });
  await expect(page.getByRole("link", { name: "Download data (2).csv" })).toBeVisible();
  await expect(panel(page).getByRole("status").filter({ hasText: "was saved as" })).toHaveText(
    "“../../etc/passwd” was saved as “passwd”. " +
      "“<img src=x onerror=window.__pwned=1>.csv” was saved as “_img src=x onerror=window.__pwned=1_.csv”. " +
      "“data.csv” was saved as “data (1).csv”. “data.csv” was saved as “data (2).csv”.",
  );
  expect(await listed(app)).toEqual([
    "_img src=x onerror=window.__pwned=1_.csv",
    "data (1).csv",
    "data (2).csv",
    "data.csv",
    "passwd",
  ]);
  expect(await app.output('open("data.csv").read() + open("data (2).csv").read()')).toBe("'first\\nthird\\n'");

  // Python can name a file anything: the list and the preview show it as text, bidi made visible.
  await app.run(
    'open("<img src=x onerror=window.__pwned=2>.csv", "w").write("h\\n<img src=y onerror=window.__pwned=3>\\n")\n' +
      'open("evil\\u202etxt.exe", "w").write("x")',
  );
  const generated = "<img src=x onerror=window.__pwned=2>.csv";
  await expect(page.getByRole("link", { name: `Download ${generated}` })).toBeVisible();
  await expect(files(page)).toContainText("evil\uFFFDtxt.exe");
  await page.getByRole("button", { name: `Preview ${generated}` }).click();
  const preview = page.getByRole("region", { name: `Preview of ${generated}` });
  await expect(preview.getByRole("cell")).toHaveText("<img src=y onerror=window.__pwned=3>");
  await expect(panel(page).getByRole("img")).toHaveCount(0);

  const download = page.waitForEvent("download");
  await page.getByRole("link", { name: `Download ${generated}` }).click();
  expect((await download).suggestedFilename()).toBe("_img src=x onerror=window.__pwned=2_.csv");
  expect(await page.evaluate(() => (window as { __pwned?: unknown }).__pwned)).toBeUndefined();
});

/** Whether the page can still load an image from `src` (img-src allows blob:; connect-src does not). */
function loads(page: Page, src: string): Promise<boolean> {
  return page.evaluate(
    (url) =>
      new Promise<boolean>((resolve) => {
        const img = new Image();
        img.onload = () => resolve(true);
        img.onerror = () => resolve(false);
        img.src = url;
      }),
    src,
  );
}

/** A real PNG of one colour, built by hand (signature, IHDR, IDAT, IEND). */
function solidPng(width: number, height: number, [r, g, b]: number[]): Buffer {
  const chunk = (type: string, data: Buffer) => {
    const body = Buffer.concat([Buffer.from(type, "ascii"), data]);
    const length = Buffer.alloc(4);
    length.writeUInt32BE(data.length);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(body));
    return Buffer.concat([length, body, crc]);
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 2, 0, 0, 0], 8); // 8-bit RGB
  const scanline = Buffer.from([0, ...Array.from({ length: width }, () => [r, g, b]).flat()]);
  const pixels = Buffer.concat(Array.from({ length: height }, () => scanline));
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk("IHDR", header),
    chunk("IDAT", deflateSync(pixels)),
    chunk("IEND", Buffer.alloc(0)),
  ]);
}

test("files Python deletes or renames stay that way: in the list, after Restart kernel and after a reload", async ({
  app,
  page,
}) => {
  await app.open();
  await app.upload([
    { name: "old.csv", mimeType: "text/csv", buffer: Buffer.from("a\n1\n") },
    { name: "draft.txt", mimeType: "text/plain", buffer: Buffer.from("draft") },
  ]);
  await expect(row(page, "old.csv")).toBeVisible();
  await app.output(
    "import os\nos.remove('/mnt/data/old.csv')\nos.rename('/mnt/data/draft.txt', '/mnt/data/final.txt')",
  );
  await expect(row(page, "final.txt")).toBeVisible();
  await expect(row(page, "old.csv")).toHaveCount(0);
  await expect(row(page, "draft.txt")).toHaveCount(0);

  await page.getByRole("button", { name: "Restart kernel" }).click();
  await expect(page.getByRole("status", { name: "Kernel" })).toContainText("ready", { timeout: 30_000 });
  expect(await listed(app)).toEqual(["final.txt"]);
  await expect(row(page, "final.txt")).toBeVisible();
  await expect(row(page, "old.csv")).toHaveCount(0);

  // The conversation keeps its files in the browser: opened again, it has the same ones.
  await app.open();
  await expect(row(page, "final.txt")).toBeVisible();
  expect(await listed(app)).toEqual(["final.txt"]);
});

test("files Python writes in folders come back, with the uploads, after Restart kernel and after a reload", async ({
  app,
  page,
}) => {
  await app.open();
  await app.upload([{ name: "keep.txt", mimeType: "text/plain", buffer: Buffer.from("kept") }]);
  await expect(row(page, "keep.txt")).toBeVisible();
  await app.output("import os\nos.makedirs('out/2024')\nopen('out/2024/x.txt', 'w').write('nested')");
  await expect(row(page, "out/2024/x.txt")).toBeVisible();
  const tree = async () =>
    app.output(
      "import os\n" +
        "print(sorted(os.path.relpath(os.path.join(d, f), '/mnt/data') for d, _, fs in os.walk('/mnt/data') for f in fs))",
    );

  await page.getByRole("button", { name: "Restart kernel" }).click();
  await expect(page.getByRole("status", { name: "Kernel" })).toContainText("ready", { timeout: 30_000 });
  expect(await tree()).toBe("['keep.txt', 'out/2024/x.txt']");

  await app.open();
  await expect(row(page, "out/2024/x.txt")).toBeVisible();
  expect(await tree()).toBe("['keep.txt', 'out/2024/x.txt']");
  expect(await app.output("open('out/2024/x.txt').read()")).toBe("'nested'");
});

test("a preview says so when a file is not what its name says: binary bytes in a .csv, a .png that is no image", async ({
  app,
  page,
}) => {
  await app.open();
  await app.upload([
    { name: "packed.csv", mimeType: "text/csv", buffer: deflateSync(seattle) },
    { name: "fake.png", mimeType: "image/png", buffer: Buffer.from("not an image at all") },
  ]);
  await page.getByRole("button", { name: "Preview packed.csv" }).click();
  await expect(page.getByRole("region", { name: "Preview of packed.csv" })).toContainText("This file is not text");
  await page.getByRole("button", { name: "Preview fake.png" }).click();
  await expect(page.getByRole("region", { name: "Preview of fake.png" })).toContainText(
    "This image could not be shown",
  );
});
