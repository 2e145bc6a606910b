/**
 * `npm run vendor-packages`: packages and their dependencies copied from a distribution (here a
 * local mirror the test builds, as the real CDN is out of reach) into a build, checked against
 * the lock file, then served with the site: the app loads them from there, not the mirror.
 */
import { execFile } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { AppPage, expect, test as base, useSiteConfig } from "./fixtures.ts";
import { startPackageServer } from "./support/package-server.ts";
import { staticSites, type SiteOptions, type StaticSite } from "./support/static-site.ts";
import { buildPackageSource } from "./support/wheels.ts";

const test = base.extend<{ startSite: (options?: SiteOptions) => Promise<StaticSite> }>(staticSites);
// A site of its own, which this browser has never opened.
test.use({ visitor: "first" });

/** Runs the npm script as a site owner would; async, as the mirror answers from this process. */
const vendor = (...args: string[]) =>
  promisify(execFile)("npm", ["run", "--silent", "vendor-packages", "--", ...args], { encoding: "utf8" });

test("vendored packages are served with the site and load from there", async ({ page, startSite }) => {
  const mirrorDir = mkdtempSync(join(tmpdir(), "mirror-"));
  await buildPackageSource(mirrorDir);
  const mirror = await startPackageServer(mirrorDir);
  const out = join(mkdtempSync(join(tmpdir(), "site-")), "packages");
  try {
    const lock = join(mirrorDir, "pyodide-lock.json");
    const { stdout } = await vendor("ci_double", "--from", mirror.url, "--lock", lock, "--out", out);
    expect(stdout).toContain("2 packages (ci-answer, ci-double)");
    expect(readdirSync(out).sort()).toEqual([
      "ci_answer-1.0.0-py3-none-any.whl",
      "ci_double-1.0.0-py3-none-any.whl",
      "pyodide-lock.json",
    ]);
    const vendoredLock = JSON.parse(readFileSync(join(out, "pyodide-lock.json"), "utf8"));
    expect(Object.keys(vendoredLock.packages).sort()).toEqual(["ci-answer", "ci-double"]);

    // A wheel that is not what the lock file says is refused, and the run fails.
    const tampered = mkdtempSync(join(tmpdir(), "tampered-"));
    await buildPackageSource(tampered);
    writeFileSync(join(tampered, "ci_answer-1.0.0-py3-none-any.whl"), "not the wheel");
    const bad = await startPackageServer(tampered);
    const refused = vendor("ci_answer", "--from", bad.url, "--lock", lock, "--out", join(tampered, "out"));
    await expect(refused).rejects.toThrow("does not match the lock file's sha256");
    await bad.close();

    const site = await startSite({ folders: { "packages/": out } });
    const asked = mirror.requests().length;
    await useSiteConfig(page, { packageBaseURL: "./packages/" });
    const app = new AppPage(page);
    await page.goto(site.url);
    await expect(page.getByRole("status", { name: "Kernel" })).toContainText("ready", { timeout: 45_000 });
    const cell = await app.run("import ci_double\nci_double.double()");
    await expect(cell.getByRole("log", { name: "Output" })).toContainText("84");
    expect(site.requests()).toEqual(
      expect.arrayContaining(["packages/pyodide-lock.json", "packages/ci_answer-1.0.0-py3-none-any.whl"]),
    );
    expect(mirror.requests().length).toBe(asked);
    // A package left out is not there (the mirror listed it; the vendored lock file does not).
    const missing = await app.run("import ci_missing");
    await expect(missing.getByRole("log", { name: "Output" })).toContainText(
      "ModuleNotFoundError: No module named 'ci_missing'",
    );
  } finally {
    await mirror.close();
  }
});
