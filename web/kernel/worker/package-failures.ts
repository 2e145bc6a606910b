/**
 * Pyodide reports one failure per wheel: `import pandas` with the source unreachable is five
 * lines (pandas and each of its dependencies). A person needs one sentence naming the package and
 * the source tried (issue 2), so failures that share a source and a reason are told as one.
 */
const FAILURE = /^Could not load package (\S+) from (\S+\/)[^/\s]+ \((.*)\)$/;

export function packageFailureMessage(failures: string[]): string {
  const parsed = failures.map((failure) => FAILURE.exec(failure));
  if (parsed.length < 2 || parsed.some((p) => !p || p[2] !== parsed[0]![2] || p[3] !== parsed[0]![3])) {
    return failures.join("\n");
  }
  const [first, ...others] = parsed.map((p) => p![1]);
  const [, , source, reason] = parsed[0]!;
  return `Could not load package ${first} (with ${others.join(", ")}, which it needs) from ${source} (${reason})`;
}
