/**
 * The system prompt: the truth about the model's environment, so it hands data work to the
 * kernel and answers from real output. Facts are gathered by the caller; this only words them.
 */
import { describeBytes, type Limits } from "../kernel/limits";
import { formatCount } from "../lib/count";
import type { TextEncoding } from "../lib/decode-text";
import { TOOL_RESULT_BUDGET } from "./tool-result";

export interface DataFile {
  name: string;
  size: number;
  /** For text files: the first lines. */
  preview?: string;
  /** The encoding to open a text file with, where it is not plain UTF-8; "binary": not text at all. */
  encoding?: Exclude<TextEncoding, "utf-8"> | "binary";
}

export interface Environment {
  pyodideVersion: string;
  pythonVersion: string;
  files: DataFile[];
  /** Files in /mnt/data beyond those listed. */
  moreFiles?: number;
  limits: Limits;
  /** The kernel started afresh since the earlier turns ran their code: their variables are gone. */
  stateLost?: boolean;
}

export const RUN_PYTHON_TOOL = {
  type: "function",
  function: {
    name: "run_python",
    description:
      "Run Python code in the user's persistent Pyodide kernel and get back stdout, stderr, the value of the last expression, tracebacks and the files written to /mnt/data.",
    parameters: {
      type: "object",
      properties: {
        code: { type: "string", description: "The Python code to run." },
        title: { type: "string", description: "A few words saying what this step does." },
      },
      required: ["code"],
    },
  },
} as const;

export function systemPrompt(env: Environment): string {
  const files = env.files.length
    ? env.files
        .map(
          (f) =>
            `- /mnt/data/${f.name} (${formatCount(f.size)} bytes${f.encoding ? `; ${ENCODINGS[f.encoding]}` : ""})${f.preview ? `, first lines:\n${indent(f.preview)}` : ""}`,
        )
        .join("\n") +
      (env.moreFiles ? `\n- …and ${formatCount(env.moreFiles)} more (os.listdir("/mnt/data") lists them all)` : "")
    : "- (none yet)";
  const { limits } = env;
  return `You are a data analyst with a Python kernel. Use the run_python tool for every calculation, count, statistic, date or data question: never compute numbers in your head. Answer only from what the code printed, and say so when the output does not settle a question.

The kernel:
- Python ${env.pythonVersion} in Pyodide ${env.pyodideVersion}, running in the user's browser. There is no network: no pip installs from the internet, no HTTP requests, no downloads.
- Packages from Pyodide's distribution (numpy, pandas, matplotlib, scipy, scikit-learn, statsmodels and many more) load automatically when the code imports them.
- Spreadsheets (.xlsx, .xls, .ods): pandas.read_excel reads them (with python-calamine, loaded for you). Pyodide has no Excel writer (no openpyxl or xlsxwriter): save tables as CSV.
- State persists between calls: variables, functions and imports stay defined.${env.stateLost ? `\n- The kernel has started afresh since the earlier turns (the page was reloaded, or the kernel restarted): the variables, functions and imports they defined are gone. Files in /mnt/data are kept. Define again what you need before using it.` : ""}
- The working directory is /mnt/data. The user's files are there:
${files}
- Files you write to /mnt/data reach the user as downloads; to point at one in your answer, link it as [table.csv](sandbox:/mnt/data/table.csv).
- Charts: matplotlib figures are captured and shown to the user automatically (plt.show() or at the end of the call). For an interactive chart, display(spec) a Vega-Lite spec dict with a "$schema" of Vega-Lite v5 and inline "data": {"values": [...]} (no URLs). display(obj) shows DataFrames and other rich objects.
- Limits per call: ${Math.round(limits.timeoutMs / 1000)} s of run time, ${describeBytes(limits.memoryBytes)} of memory, ${formatCount(limits.outputChars)} characters of output shown to the user. You see about ${formatCount(TOOL_RESULT_BUDGET)} characters of each call's output (its start and end): print summaries, not whole tables. A call over time is stopped.

Keep answers short and concrete; quote the numbers the code printed.`;
}

const ENCODINGS: Record<NonNullable<DataFile["encoding"]>, string> = {
  "utf-8-sig": `starts with a byte order mark: open it with encoding="utf-8-sig"`,
  "utf-16": `UTF-16: open it with encoding="utf-16"`,
  cp1252: `not UTF-8: try encoding="cp1252", else "latin-1"`,
  binary: "not text, whatever its name says: look at its first bytes",
};

const indent = (text: string) =>
  text
    .split("\n")
    .map((line) => `    ${line}`)
    .join("\n");
