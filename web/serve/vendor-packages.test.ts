import { createHash } from "node:crypto";
import { mkdtempSync, readdirSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { resolvePackages, vendorPackages, type LockEntry, type LockFile } from "./vendor-packages";

const entry = (name: string, depends: string[] = [], imports = [name]): LockEntry => ({
  name,
  file_name: `${name}-1.0-py3-none-any.whl`,
  sha256: createHash("sha256").update(name).digest("hex"),
  depends,
  imports,
});

// Shaped like Pyodide's: canonical keys, `depends` in the packages' own spelling.
const lock: LockFile = {
  info: { abi_version: "test" },
  packages: {
    pandas: entry("pandas", ["numpy", "python_dateutil", "pytz"]),
    numpy: entry("numpy"),
    "python-dateutil": entry("python_dateutil", ["six"], ["dateutil"]),
    six: entry("six"),
    pytz: entry("pytz"),
    "scikit-learn": entry("scikit-learn", ["numpy", "scipy"], ["sklearn"]),
    scipy: entry("scipy", ["numpy"]),
    cyclic: entry("cyclic", ["six", "cyclic"]),
    broken: entry("broken", ["not-listed"]),
  },
};

describe("resolvePackages", () => {
  it("adds every dependency, transitively, once", () => {
    expect(resolvePackages(lock, ["pandas"])).toEqual(["numpy", "pandas", "python-dateutil", "pytz", "six"]);
    expect(resolvePackages(lock, ["pandas", "scipy", "numpy"])).toEqual([
      "numpy",
      "pandas",
      "python-dateutil",
      "pytz",
      "scipy",
      "six",
    ]);
  });

  it("takes any spelling of a name, or the module a package provides", () => {
    expect(resolvePackages(lock, ["Python_DateUtil"])).toEqual(["python-dateutil", "six"]);
    expect(resolvePackages(lock, ["sklearn"])).toEqual(["numpy", "scikit-learn", "scipy"]);
  });

  it("ends on cycles", () => {
    expect(resolvePackages(lock, ["cyclic"])).toEqual(["cyclic", "six"]);
  });

  it("names every unknown package, and a dependency the lock file lacks", () => {
    expect(() => resolvePackages(lock, ["pandas", "nope", "nada"])).toThrow("Not in the lock file: nope, nada.");
    expect(() => resolvePackages(lock, ["broken"])).toThrow("broken depends on not-listed");
  });
});

describe("vendorPackages", () => {
  const served = (bodies: Record<string, string>) => {
    const asked: string[] = [];
    const fetch = async (url: string | URL | Request) => {
      asked.push(String(url));
      const name = String(url).split("/").pop()!;
      const body = bodies[name];
      return body === undefined ? new Response("missing", { status: 404 }) : new Response(body);
    };
    return { fetch: fetch as typeof globalThis.fetch, asked };
  };
  // Each test wheel's bytes are its name: what the entries' sha256 was taken over.
  const wheels = Object.fromEntries(Object.values(lock.packages).map((e) => [e.file_name, e.name]));

  it("writes the checked wheels and a lock file that lists only them", async () => {
    const out = mkdtempSync(join(tmpdir(), "vendor-"));
    const { fetch, asked } = served(wheels);
    const keys = await vendorPackages({
      lock,
      names: ["python-dateutil"],
      from: "http://mirror.test/full/",
      out,
      fetch,
    });
    expect(keys).toEqual(["python-dateutil", "six"]);
    expect(asked.sort()).toEqual([
      "http://mirror.test/full/python_dateutil-1.0-py3-none-any.whl",
      "http://mirror.test/full/six-1.0-py3-none-any.whl",
    ]);
    expect(readdirSync(out).sort()).toEqual([
      "pyodide-lock.json",
      "python_dateutil-1.0-py3-none-any.whl",
      "six-1.0-py3-none-any.whl",
    ]);
    const written = JSON.parse(readFileSync(join(out, "pyodide-lock.json"), "utf8")) as LockFile;
    expect(written.info).toEqual(lock.info);
    expect(Object.keys(written.packages).sort()).toEqual(["python-dateutil", "six"]);

    // Run again: files already there and intact are not downloaded again.
    const again = served(wheels);
    await vendorPackages({ lock, names: ["six"], from: "http://mirror.test/full/", out, fetch: again.fetch });
    expect(again.asked).toEqual([]);
  });

  it("refuses a wheel whose sha256 differs, and writes neither it nor a lock file", async () => {
    const out = mkdtempSync(join(tmpdir(), "vendor-"));
    const { fetch } = served({ ...wheels, "six-1.0-py3-none-any.whl": "tampered" });
    await expect(vendorPackages({ lock, names: ["six"], from: "http://mirror.test/", out, fetch })).rejects.toThrow(
      "six-1.0-py3-none-any.whl from http://mirror.test/six-1.0-py3-none-any.whl does not match the lock file's sha256",
    );
    expect(readdirSync(out)).toEqual([]);
  });

  it("says which download failed", async () => {
    const out = mkdtempSync(join(tmpdir(), "vendor-"));
    const { fetch } = served({});
    await expect(vendorPackages({ lock, names: ["six"], from: "http://mirror.test/", out, fetch })).rejects.toThrow(
      "Could not download http://mirror.test/six-1.0-py3-none-any.whl: HTTP 404",
    );
  });
});
