/**
 * `npm run vendor-packages -- pandas matplotlib …`: copies the named Pyodide packages and
 * everything they depend on from the distribution of the pinned Pyodide version into the build,
 * each checked against the lock file's sha256, with a lock file that lists just those packages.
 * Served with the site and named in config.json (`packageBaseURL`), they make the site
 * self-contained: no CDN at run time.
 *
 *   --from <url>   where the wheels are (default: the official CDN for the pinned version)
 *   --lock <path>  the lock file naming them (default: the pinned version's, from node_modules)
 *   --out <dir>    where to write (default: dist/packages; run it after `npm run build`)
 */
import { createHash } from "node:crypto";
import { existsSync } from "node:fs";
import { mkdir, readFile, rename, writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { basename, dirname, join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { parseArgs } from "node:util";

export interface LockEntry {
  name: string;
  file_name: string;
  sha256: string;
  depends: string[];
  imports?: string[];
}

export interface LockFile {
  info: unknown;
  packages: Record<string, LockEntry>;
}

/** PEP 503 names, as the lock file's keys are ("Jinja2" and "jinja_2" are "jinja2", "jinja-2"). */
export const canonicalName = (name: string) => name.replace(/[-_.]+/g, "-").toLowerCase();

/** The lock file's key for a package name, or for a module it provides ("sklearn" → scikit-learn). */
function keyOf(lock: LockFile, name: string): string | undefined {
  const key = canonicalName(name);
  if (lock.packages[key]) return key;
  return Object.keys(lock.packages).find((k) => lock.packages[k].imports?.includes(name));
}

/**
 * The named packages and all they depend on (the lock's `depends`, transitively), as lock keys
 * in a stable order. Throws, naming every name the lock file does not know.
 */
export function resolvePackages(lock: LockFile, names: string[]): string[] {
  const unknown = names.filter((name) => !keyOf(lock, name));
  if (unknown.length) {
    throw new Error(`Not in the lock file: ${unknown.join(", ")}. Use the names Pyodide lists (pyodide-lock.json).`);
  }
  const found = new Set<string>();
  const visit = (name: string, from?: string) => {
    const key = keyOf(lock, name);
    if (!key) throw new Error(`${from} depends on ${name}, which the lock file does not list.`);
    if (found.has(key)) return;
    found.add(key);
    for (const dependency of lock.packages[key].depends) visit(dependency, key);
  };
  names.forEach((name) => visit(name));
  return [...found].sort();
}

const sha256 = (bytes: Uint8Array) => createHash("sha256").update(bytes).digest("hex");

export interface VendorOptions {
  lock: LockFile;
  names: string[];
  /** Base URL of the wheels (ending in /). */
  from: string;
  /** Folder to write the wheels and pyodide-lock.json into. */
  out: string;
  fetch?: typeof fetch;
  log?: (line: string) => void;
}

/**
 * Downloads, checks and writes the packages; resolves to their lock keys. A file is written only
 * once its sha256 matched, and the lock file last, so a failed run leaves no usable source.
 */
export async function vendorPackages({ lock, names, from, out, fetch: get = fetch, log = () => {} }: VendorOptions) {
  const keys = resolvePackages(lock, names);
  log(`Vendoring ${keys.join(", ")} from ${from}`);
  await mkdir(out, { recursive: true });
  const download = async (entry: LockEntry) => {
    const target = join(out, entry.file_name);
    if (existsSync(target) && sha256(await readFile(target)) === entry.sha256.toLowerCase()) return;
    const url = new URL(entry.file_name, from).href;
    const response = await get(url).catch((error: Error & { cause?: { code?: string; message?: string } }) => {
      const why = error.cause?.code ?? error.cause?.message; // Node's fetch says only "fetch failed"
      throw new Error(`Could not download ${url}: ${error.message}${why ? ` (${why})` : ""}`);
    });
    if (!response.ok) throw new Error(`Could not download ${url}: HTTP ${response.status}`);
    const bytes = new Uint8Array(await response.arrayBuffer());
    if (sha256(bytes) !== entry.sha256.toLowerCase()) {
      throw new Error(`${entry.file_name} from ${url} does not match the lock file's sha256 (not written).`);
    }
    await writeFile(`${target}.part`, bytes);
    await rename(`${target}.part`, target);
    log(`  ${entry.file_name} (${(bytes.byteLength / 1024).toFixed(0)} KiB)`);
  };
  // A few at a time: a CDN serves parallel downloads well, a small mirror less so.
  const queue = keys.map((key) => lock.packages[key]);
  await Promise.all(
    Array.from({ length: 4 }, async () => {
      for (let entry = queue.shift(); entry; entry = queue.shift()) await download(entry);
    }),
  );
  const vendored: LockFile = { info: lock.info, packages: Object.fromEntries(keys.map((k) => [k, lock.packages[k]])) };
  await writeFile(join(out, "pyodide-lock.json"), JSON.stringify(vendored, null, 2) + "\n");
  return keys;
}

/** What to put in config.json: a URL relative to the site's root when the folder sits in a build. */
export function packageBaseURLFor(out: string): string {
  const site = dirname(resolve(out));
  return existsSync(join(site, "index.html")) ? `./${basename(resolve(out))}/` : "<the URL this folder is served at>/";
}

async function main(argv: string[]): Promise<void> {
  const pyodide = dirname(createRequire(import.meta.url).resolve("pyodide/package.json"));
  const { version } = JSON.parse(await readFile(join(pyodide, "package.json"), "utf8")) as { version: string };
  const { values, positionals: names } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      from: { type: "string", default: `https://cdn.jsdelivr.net/pyodide/v${version}/full/` },
      lock: { type: "string", default: join(pyodide, "pyodide-lock.json") },
      out: { type: "string", default: "dist/packages" },
    },
  });
  if (!names.length) throw new Error("Name the packages to vendor: npm run vendor-packages -- pandas matplotlib");
  const from = values.from.endsWith("/") ? values.from : `${values.from}/`;
  const lock = JSON.parse(await readFile(values.lock, "utf8")) as LockFile;
  const keys = await vendorPackages({ lock, names, from, out: values.out, log: console.log });
  console.log(`\n${keys.length} packages (${keys.join(", ")}) and their lock file are in ${values.out}/.`);
  console.log("Serve that folder with the site, and name it in config.json:");
  console.log(`  "packageBaseURL": "${packageBaseURLFor(values.out)}"`);
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  main(process.argv.slice(2)).catch((error: Error) => {
    console.error(error.message);
    process.exitCode = 1;
  });
}
