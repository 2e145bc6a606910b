/**
 * Hostile file names and generated files. Uploads get a safe basename (NFC, no control, bidi or
 * path characters, ≤ 255 bytes, no overwrite of a different file) and cross to Python as data;
 * /mnt/data is kept off sys.path. Names Python makes itself are shown with invisible characters
 * replaced, and every file downloads as an octet-stream under a safe name: never opened as a
 * page in the app's origin. Previews show text as text and images as <img>.
 */
import type { Locator } from "@playwright/test";
import { expect, test, type Adversary } from "./support/adversary.ts";

const csv = (text: string) => Buffer.from(`${text}\n`);

/** Uploads files by name as the file picker would hand them over, and waits for `shown` to be listed. */
async function upload(adversary: Adversary, files: { name: string; text: string }[], shown: string[]) {
  const picked = files.map(({ name, text }) => ({ name, mimeType: "text/csv", buffer: csv(text) }));
  await adversary.page.getByLabel("Upload files").setInputFiles(picked);
  for (const name of shown) await expect(list(adversary)).toContainText(name);
}

const list = (adversary: Adversary): Locator => adversary.page.getByRole("list", { name: "Files in /mnt/data" });

/** What Python sees in /mnt/data, as JSON: name → content. */
async function dataFolder(adversary: Adversary): Promise<Record<string, string>> {
  const out = await adversary.app.output(
    'import json, os\nprint(json.dumps({n: open(n, errors="replace").read().strip() for n in sorted(os.listdir(".")) if os.path.isfile(n)}))',
  );
  return JSON.parse(out) as Record<string, string>;
}

test("files: path traversal in upload names stays in /mnt/data", async ({ adversary }) => {
  await adversary.setUp();
  const names = ["../../../etc/passwd", "..\\..\\..\\windows\\win.ini", "/mnt/data/../../tmp/evil.csv", ".."];
  await upload(
    adversary,
    names.map((name, i) => ({ name, text: `traversal-${i}` })),
    ["passwd", "win.ini", "evil.csv", "file"],
  );
  const where = await adversary.app.output(String.raw`
import os
found = []
for folder, _, files in os.walk("/"):
    if folder.startswith(("/proc", "/dev", "/sys", "/lib")): continue
    for f in files:
        try:
            if open(os.path.join(folder, f), errors="ignore").read().startswith("traversal-"): found.append(os.path.join(folder, f))
        except OSError: pass
print(sorted(found))`);
  expect(where).toBe("['/mnt/data/evil.csv', '/mnt/data/file', '/mnt/data/passwd', '/mnt/data/win.ini']");
  await adversary.expectSafe();
});

test("files: control, NUL and bidi characters in upload names are replaced", async ({ adversary }) => {
  await adversary.setUp();
  await upload(
    adversary,
    [
      { name: "invoice\u202Egpj.exe", text: "bidi" },
      { name: "evil\u0000.py.csv", text: "nul" },
      { name: "line\nbreak\u200F.csv", text: "controls" },
    ],
    ["invoice_gpj.exe", "evil_.py.csv", "line_break_.csv"],
  );
  const files = await dataFolder(adversary);
  expect(files).toMatchObject({ "invoice_gpj.exe": "bidi", "evil_.py.csv": "nul", "line_break_.csv": "controls" });
  await adversary.expectSafe();
});

test("files: very long upload names are cut to 255 bytes, keeping the extension", async ({ adversary }) => {
  await adversary.setUp();
  await upload(
    adversary,
    [
      { name: `${"a".repeat(300)}.csv`, text: "ascii" },
      { name: `${"📊".repeat(100)}.csv`, text: "emoji" },
    ],
    [],
  );
  await expect(list(adversary).getByRole("listitem")).toHaveCount(3);
  const lengths = await adversary.app.output(
    'import os\nprint(sorted((len(n.encode()), n[-4:]) for n in os.listdir(".") if n != "keep.csv"))',
  );
  expect(lengths).toBe("[(252, '.csv'), (255, '.csv')]");
  await adversary.expectSafe();
});

test("files: uploads named like modules do not shadow them", async ({ adversary }) => {
  await adversary.setUp();
  const hostile = "import js\njs.self.__pwned = 'module from /mnt/data'\nraise SystemExit('shadowed')";
  const modules = ["pandas.py", "json.py", "os.py", "sitecustomize.py", "csv.py"];
  await adversary.page
    .getByLabel("Upload files")
    .setInputFiles(modules.map((name) => ({ name, mimeType: "text/x-python", buffer: Buffer.from(hostile) })));
  for (const name of modules) await expect(list(adversary)).toContainText(name);
  const out = await adversary.app.output(
    'import csv, json, importlib.util\nprint(json.dumps([csv.__file__, json.__file__, str(importlib.util.find_spec("pandas"))]))',
  );
  expect(out).not.toContain("/mnt/data");
  await adversary.expectSafe();
});

test("files: markup and code in upload names are only text", async ({ adversary }) => {
  await adversary.setUp();
  await upload(
    adversary,
    [
      { name: "<img src=x onerror=window.__pwned=1>.csv", text: "markup" },
      { name: 'x"); import js; js.self.__pwned = 1 #.csv', text: "code" },
    ],
    ["_img src=x onerror=window.__pwned=1_.csv", "x_); import js; js.self.__pwned = 1 #.csv"],
  );
  await expect(list(adversary).locator("img")).toHaveCount(0);
  expect(await dataFolder(adversary)).toMatchObject({
    "_img src=x onerror=window.__pwned=1_.csv": "markup",
    "x_); import js; js.self.__pwned = 1 #.csv": "code",
  });
  await adversary.expectSafe();
});

test("files: an upload never replaces a different file of the same name", async ({ adversary }) => {
  await adversary.setUp();
  await upload(adversary, [{ name: "keep.csv", text: "impostor" }], ["keep (1).csv"]);
  // The same name in another Unicode normalization is the same name.
  await upload(adversary, [{ name: "cafe\u0301.csv", text: "decomposed" }], ["café.csv"]);
  await upload(adversary, [{ name: "caf\u00e9.csv", text: "composed" }], ["café (1).csv"]);
  expect(await dataFolder(adversary)).toMatchObject({
    "keep (1).csv": "impostor",
    "café.csv": "decomposed",
    "café (1).csv": "composed",
  });
  await adversary.expectSafe(); // and keep.csv is still the original
});

test("files: names Python makes are shown with invisible characters marked", async ({ adversary }) => {
  await adversary.setUp();
  await adversary.app.run(
    'for name in ["<img src=x onerror=window.__pwned=1>", "invoice\\u202etxt.exe", "two\\nlines"]: open(name, "w").write("x")',
  );
  await expect(list(adversary)).toContainText("<img src=x onerror=window.__pwned=1>");
  await expect(list(adversary)).toContainText("invoice\uFFFDtxt.exe");
  await expect(list(adversary)).not.toContainText("\u202e");
  await expect(list(adversary).locator("img")).toHaveCount(0);
  const download = adversary.page.waitForEvent("download");
  await list(adversary).getByRole("link", { name: "Download invoice\uFFFDtxt.exe" }).click();
  expect((await download).suggestedFilename()).toBe("invoice_txt.exe");
  await adversary.expectSafe();
});

test("files: generated HTML and SVG files are downloaded, never opened", async ({ adversary }) => {
  await adversary.setUp();
  const script = `<script>window.__pwned = localStorage.length; fetch(${JSON.stringify(adversary.canary.url)} + '/generated')</script>`;
  await adversary.app.run(
    [
      `open("report.html", "w").write(${JSON.stringify(`<h1>report</h1>${script}`)})`,
      `open("chart.svg", "w").write(${JSON.stringify(`<svg xmlns="http://www.w3.org/2000/svg" onload="window.__pwned=1">${script.replace("<script>", "<script>//<![CDATA[\n").replace("</script>", "//]]></script>")}<image href="${adversary.canary.url}/svg.png"/></svg>`)})`,
    ].join("\n"),
  );
  for (const [name, type] of [
    ["report.html", "text"],
    ["chart.svg", "img"],
  ]) {
    const download = adversary.page.waitForEvent("download");
    await list(adversary)
      .getByRole("link", { name: `Download ${name}` })
      .click();
    const saved = await download;
    expect(saved.suggestedFilename()).toBe(name);
    expect(saved.url()).toMatch(/^blob:/);
    // Previewed too: as text, or as an image.
    await list(adversary)
      .getByRole("button", { name: `Preview ${name}` })
      .click();
    const preview =
      type === "text" ? list(adversary).getByText("<h1>report</h1>") : list(adversary).getByRole("img", { name });
    await expect(preview).toBeVisible();
  }
  expect(adversary.context.pages()).toHaveLength(1);
  await adversary.expectSafe();
});
