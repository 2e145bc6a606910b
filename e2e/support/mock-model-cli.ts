// `npm run mock-model`: the mock model server with a demo scenario, for trying the app offline.
// To any user message it answers with a run_python call that summarises /mnt/data; once the tool
// result comes back, it answers in text quoting it. Loops forever. PORT picks the port (default
// 11435, next to Ollama's 11434); MOCK_DIALECT picks how it streams (default openai).
import { DIALECTS, type Dialect, startMockModel, type ChatRequest, type MockModel, type Turn } from "./mock-model.ts";

const MODEL = "mock-model";

const CODE = `import csv
import os

files = sorted(os.listdir("/mnt/data")) if os.path.isdir("/mnt/data") else []
print(files)
for name in files:
    if name.lower().endswith(".csv"):
        with open(os.path.join("/mnt/data", name), newline="") as f:
            rows = list(csv.reader(f))
        header = rows[0] if rows else []
        print(f"{name}: {max(len(rows) - 1, 0)} rows; header: {header}")
`;

// Tool message content may be a string or an array of text parts.
function text(content: unknown): string {
  if (typeof content === "string") return content;
  if (Array.isArray(content)) return content.map((part) => (typeof part?.text === "string" ? part.text : "")).join("");
  return "";
}

function demo(model: MockModel, dialect: Dialect): Turn {
  const turn = (request: ChatRequest) => {
    // Re-arm first, so the scenario keeps going whatever this request turns out to be.
    model.script([turn], { dialect });
    const messages: { role?: string; content?: unknown }[] = request.body?.messages ?? [];
    const last = messages.at(-1);
    if (last?.role === "tool") {
      const output = text(last.content).trim() || "(no output)";
      return {
        content: `Here is what I found in /mnt/data:\n\n\`\`\`\n${output}\n\`\`\`\n\nAsk me anything about these files.`,
      };
    }
    return {
      reasoning: "The user has asked something. Let me look at the files in /mnt/data first.",
      content: "Let me look at your files.",
      toolCalls: [{ name: "run_python", arguments: JSON.stringify({ code: CODE }) }],
      chunkDelayMs: 8,
    };
  };
  return turn;
}

const dialect = (process.env.MOCK_DIALECT ?? "openai") as Dialect;
if (!DIALECTS.includes(dialect)) {
  console.error(`Unknown MOCK_DIALECT "${dialect}". One of: ${DIALECTS.join(", ")}`);
  process.exit(1);
}
const model = await startMockModel({ port: Number(process.env.PORT ?? 11435), models: [MODEL], dialect });
model.script([demo(model, dialect)], { dialect });
console.log(`Mock model server (dialect: ${dialect})
  Base URL: ${model.url}
  Model:    ${MODEL}
  API key:  anything
Ctrl+C to stop.`);

const stop = () => void model.close().then(() => process.exit(0));
process.on("SIGINT", stop);
process.on("SIGTERM", stop);
