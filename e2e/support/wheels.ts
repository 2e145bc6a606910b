// Test-time package source: builds tiny pure-Python wheels and a matching
// pyodide-lock.json in a directory, so tests can exercise Pyodide's package
// loading without the real CDN. The lock file also lists `ci_missing`, whose
// wheel is deliberately not written (for "unreachable package" tests).
import { createHash } from "node:crypto";
import { mkdir, readFile, writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { join } from "node:path";
import { crc32, deflateRawSync } from "node:zlib";

export type PackageSource = {
  dir: string;
  packages: { name: string; fileName: string; sha256: string }[];
};

type WheelSpec = { name: string; version: string; code: string; requires: string[] };

const WHEELS: WheelSpec[] = [
  { name: "ci_answer", version: "1.0.0", code: "def answer():\n    return 42\n", requires: [] },
  {
    name: "ci_double",
    version: "1.0.0",
    code: "from ci_answer import answer\ndef double():\n    return answer() * 2\n",
    requires: ["ci_answer"],
  },
  // Stand-ins for pandas and python-calamine (the real ones are on the CDN, out of reach here):
  // pandas reads a spreadsheet with the reader its options name, "auto" being openpyxl for .xlsx.
  {
    name: "pandas",
    version: "3.0.0",
    code:
      "import importlib\n" +
      '_options = {f"io.excel.{f}.reader": "auto" for f in ("xls", "xlsx", "xlsm", "xlsb", "ods")}\n' +
      "get_option = _options.__getitem__\n" +
      "def set_option(key, value):\n    _options[key] = value\n" +
      "def read_excel(path, engine=None):\n" +
      '    engine = engine or _options["io.excel.xlsx.reader"]\n' +
      '    module = {"auto": "openpyxl", "openpyxl": "openpyxl", "calamine": "python_calamine"}[engine]\n' +
      "    try:\n        reader = importlib.import_module(module)\n" +
      "    except ImportError:\n        raise ImportError(f\"Missing optional dependency '{module}'\") from None\n" +
      "    return reader.read(path)\n",
    requires: [],
  },
  {
    name: "python_calamine",
    version: "0.6.2",
    code: "def read(path):\n    return f\"calamine read {len(open(path, 'rb').read())} bytes\"\n",
    requires: [],
  },
];

const MISSING = { name: "ci_missing", version: "1.0.0" };

const wheelFileName = (name: string, version: string) => `${name}-${version}-py3-none-any.whl`;

// Lock file keys are canonical names (PEP 503: "ci_answer" -> "ci-answer");
// Pyodide looks packages up by canonicalized name.
const canonicalName = (name: string) => name.replace(/[-_.]+/g, "-").toLowerCase();

// Builds a zip archive (deflate, no zip64) from name -> content entries.
function buildZip(files: [string, Buffer][]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const [name, data] of files) {
    const nameBuf = Buffer.from(name, "utf8");
    const compressed = deflateRawSync(data);
    const crc = crc32(data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0); // local file header signature
    local.writeUInt16LE(20, 4); // version needed
    local.writeUInt16LE(0x0800, 6); // flags: UTF-8 names
    local.writeUInt16LE(8, 8); // method: deflate
    local.writeUInt16LE(0, 10); // mod time
    local.writeUInt16LE(0x21, 12); // mod date: 1980-01-01
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(compressed.length, 18);
    local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(nameBuf.length, 26);
    local.writeUInt16LE(0, 28); // extra length
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0); // central directory signature
    central.writeUInt16LE(0x0314, 4); // version made by: unix, 2.0
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(0x0800, 8);
    central.writeUInt16LE(8, 10);
    central.writeUInt16LE(0, 12);
    central.writeUInt16LE(0x21, 14);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(compressed.length, 20);
    central.writeUInt32LE(data.length, 24);
    central.writeUInt16LE(nameBuf.length, 28);
    central.writeUInt32LE((0o100644 << 16) >>> 0, 38); // external attrs: -rw-r--r--
    central.writeUInt32LE(offset, 42);
    locals.push(local, nameBuf, compressed);
    centrals.push(central, nameBuf);
    offset += local.length + nameBuf.length + compressed.length;
  }
  const centralDir = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0); // end of central directory signature
  end.writeUInt16LE(files.length, 8);
  end.writeUInt16LE(files.length, 10);
  end.writeUInt32LE(centralDir.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, centralDir, end]);
}

function buildWheel(spec: WheelSpec): Buffer {
  const distInfo = `${spec.name}-${spec.version}.dist-info`;
  const metadata =
    `Metadata-Version: 2.1\nName: ${spec.name}\nVersion: ${spec.version}\n` +
    spec.requires.map((r) => `Requires-Dist: ${r}\n`).join("");
  const wheel = "Wheel-Version: 1.0\nGenerator: e2e-support-wheels\nRoot-Is-Purelib: true\nTag: py3-none-any\n";
  const files: [string, Buffer][] = [
    [`${spec.name}/__init__.py`, Buffer.from(spec.code)],
    [`${distInfo}/METADATA`, Buffer.from(metadata)],
    [`${distInfo}/WHEEL`, Buffer.from(wheel)],
  ];
  const record = files
    .map(([name, data]) => {
      const hash = createHash("sha256").update(data).digest("base64url");
      return `${name},sha256=${hash},${data.length}\n`;
    })
    .join("");
  files.push([`${distInfo}/RECORD`, Buffer.from(`${record}${distInfo}/RECORD,,\n`)]);
  return buildZip(files);
}

// The lock file `info` must match the installed Pyodide (abi_version is checked).
async function pyodideLockInfo(): Promise<unknown> {
  const path = createRequire(import.meta.url).resolve("pyodide/pyodide-lock.json");
  return JSON.parse(await readFile(path, "utf8")).info;
}

function lockEntry(name: string, version: string, sha256: string, depends: string[]) {
  return {
    depends,
    file_name: wheelFileName(name, version),
    imports: [name],
    install_dir: "site",
    name,
    package_type: "package",
    sha256,
    tool: {},
    unvendored_tests: false,
    version,
  };
}

export async function buildPackageSource(dir: string): Promise<PackageSource> {
  await mkdir(dir, { recursive: true });
  const packages: PackageSource["packages"] = [];
  const lockPackages: Record<string, ReturnType<typeof lockEntry>> = {};
  for (const spec of WHEELS) {
    const fileName = wheelFileName(spec.name, spec.version);
    const data = buildWheel(spec);
    const sha256 = createHash("sha256").update(data).digest("hex");
    await writeFile(join(dir, fileName), data);
    packages.push({ name: spec.name, fileName, sha256 });
    lockPackages[canonicalName(spec.name)] = lockEntry(spec.name, spec.version, sha256, spec.requires);
  }
  // Listed in the lock file but never written: loading it must fail.
  lockPackages[canonicalName(MISSING.name)] = lockEntry(MISSING.name, MISSING.version, "0".repeat(64), []);
  const lock = { info: await pyodideLockInfo(), packages: lockPackages };
  await writeFile(join(dir, "pyodide-lock.json"), JSON.stringify(lock, null, 2) + "\n");
  return { dir, packages };
}
