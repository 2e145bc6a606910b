/**
 * A big upload (1 MiB or more) is listed before its bytes are read; they follow in the background,
 * or are read by whatever opens the file first. Python must see the exact bytes, keep them if the
 * file changes on disk afterwards, and a restarted kernel must get back what Python wrote.
 */
import { createHash } from "node:crypto";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { expect, test } from "./fixtures.ts";

const SIZE = 3 * 1024 ** 2 + 17;
const bytes = Buffer.from(Array.from({ length: SIZE }, (_, i) => (i * 7 + (i >> 11)) % 256));
const sha256 = (data: Buffer) => createHash("sha256").update(data).digest("hex");
const digest = (name: string) =>
  `import hashlib, os\nb = open('/mnt/data/${name}', 'rb').read()\nprint(len(b), os.path.getsize('/mnt/data/${name}'), hashlib.sha256(b).hexdigest())`;

test("a big file picked from disk reaches Python byte for byte, though it changed on disk after the upload", async ({
  app,
  page,
}) => {
  await app.open();
  const path = join(mkdtempSync(join(tmpdir(), "large-")), "measurements.bin");
  writeFileSync(path, bytes);
  await page.getByLabel("Upload files").setInputFiles(path);
  await expect(page.getByRole("link", { name: "Download measurements.bin" })).toBeVisible();
  await expect(page.getByRole("list", { name: "Files in /mnt/data" })).toContainText("3.0 MB");

  // The person edits the file on disk before any code has opened it. Its bytes were read in the
  // background just after it was listed (milliseconds for 3 MB; a second is ample): Python gets
  // what was uploaded, not an I/O error and not the edit.
  await page.waitForTimeout(1000);
  writeFileSync(path, "edited later");
  expect(await app.output(digest("measurements.bin"))).toBe(`${SIZE} ${SIZE} ${sha256(bytes)}`);
});

test("a big upload can be appended to by Python, and a restarted kernel gets the appended file back", async ({
  app,
  page,
}) => {
  await app.open();
  await app.upload([{ name: "log.bin", mimeType: "application/octet-stream", buffer: bytes }]);
  expect(await app.output("open('/mnt/data/log.bin', 'ab').write(b'tail')")).toBe("4");
  const appended = Buffer.concat([bytes, Buffer.from("tail")]);

  await page.getByRole("button", { name: "Restart kernel" }).click();
  await expect(page.getByRole("status", { name: "Kernel" })).toContainText("ready", { timeout: 30_000 });
  expect(await app.output(digest("log.bin"))).toBe(`${SIZE + 4} ${SIZE + 4} ${sha256(appended)}`);

  // Emptied by Python without being read: the old bytes never come back.
  expect(
    await app.output("open('/mnt/data/log.bin', 'w').close()\nimport os\nos.path.getsize('/mnt/data/log.bin')"),
  ).toBe("0");
});
