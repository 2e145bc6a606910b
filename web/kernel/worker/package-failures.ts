/**
 * Pyodide reports one failure per wheel: `import pandas` with the source unreachable is five
 * lines (pandas and each of its dependencies, in no set order). A person needs one sentence naming
 * the package and the source tried (issue 2), so failures that share a source and a reason are
 * told as one, led by the package the code imports.
 */
const FAILURE = /^Could not load package (\S+) from (\S+\/)[^/\s]+ \((.*)\)$/;

export function packageFailureMessage(failures: string[], code: string): string {
  const parsed = failures.map((failure) => FAILURE.exec(failure));
  if (parsed.length < 2 || parsed.some((p) => !p || p[2] !== parsed[0]![2] || p[3] !== parsed[0]![3])) {
    return failures.join("\n");
  }
  const names = parsed.map((p) => p![1]);
  const imported = names.find((name) => imports(code, name)) ?? names[0];
  const others = names.filter((name) => name !== imported);
  const [, , source, reason] = parsed[0]!;
  return `Could not load package ${imported} (nor ${others.join(", ")}, loaded with it) from ${source} (${reason})`;
}

/** Whether the code imports the package (its wheel's name: `python_dateutil` for `dateutil` does not count). */
function imports(code: string, name: string): boolean {
  const module = name.toLowerCase().replace(/-/g, "_");
  return new RegExp(`^\\s*(?:import|from)\\s+${module}\\b`, "im").test(code);
}
