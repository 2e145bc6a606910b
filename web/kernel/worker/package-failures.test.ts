import { describe, expect, it } from "vitest";
import { packageFailureMessage } from "./package-failures";

const CDN = "https://cdn.jsdelivr.net/pyodide/v314.0.7/full/";
const unreachable = (name: string, file: string) =>
  `Could not load package ${name} from ${CDN}${file} (unreachable: Failed to fetch)`;

describe("packageFailureMessage", () => {
  it("tells a package and its dependencies failing from one source, for one reason, as one sentence", () => {
    // In the order they failed, which is not the order they were asked for.
    const failures = [
      unreachable("python_dateutil", "python_dateutil-2.9.0.post0-py2.py3-none-any.whl"),
      unreachable("pandas", "pandas-2.3.1-cp313-cp313-pyodide_2025_0_wasm32.whl"),
      unreachable("numpy", "numpy-2.2.5-cp313-cp313-pyodide_2025_0_wasm32.whl"),
    ];
    expect(packageFailureMessage(failures, "import pandas as pd")).toBe(
      `Could not load package pandas (nor python_dateutil, numpy, loaded with it) from ${CDN} (unreachable: Failed to fetch)`,
    );
    expect(packageFailureMessage(failures, "from numpy import mean")).toMatch(/^Could not load package numpy \(/);
  });

  it("keeps failures that differ, and a lone one, as they are", () => {
    const lone = unreachable("ci_missing", "ci_missing-1.0.0-py3-none-any.whl");
    expect(packageFailureMessage([lone], "import ci_missing")).toBe(lone);
    const tampered = `Package numpy from ${CDN}numpy.whl failed its integrity check (sha256)`;
    expect(packageFailureMessage([lone, tampered], "")).toBe(`${lone}\n${tampered}`);
  });
});
