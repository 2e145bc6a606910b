/**
 * The agent loop end to end: a real kernel, and a local mock of an OpenAI-compatible model that
 * speaks the real SSE wire format and checks what the app sent before replying.
 */
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { expect, test } from "./fixtures.ts";
import { FROZEN_MS, heartbeat } from "./support/heartbeat.ts";
import { DIALECTS, type ChatRequest } from "./support/mock-model.ts";

const datasets = join(dirname(createRequire(import.meta.url).resolve("vega-datasets")), "..");
const seattle = readFileSync(join(datasets, "data/seattle-weather.csv"));

const runPython = (code: string) => ({ name: "run_python", arguments: JSON.stringify({ code }) });
const lastTool = (request: ChatRequest) =>
  String([...request.body.messages].reverse().find((m: { role: string }) => m.role === "tool")?.content ?? "");

test("answers a question about an uploaded CSV from real execution", async ({ app, mockModel }) => {
  const rows = seattle.toString().trim().split("\n").slice(1);
  const rainy = rows.filter((r) => r.endsWith(",rain")).length;
  mockModel.script([
    (request) => {
      // The system prompt tells the truth about the environment, including the file's first lines.
      const system = String(request.body.messages[0].content);
      if (!system.includes("/mnt/data/seattle-weather.csv") || !system.includes("date,precipitation,temp_max"))
        throw new Error("system prompt lacks the uploaded file and its header");
      if (request.headers["x-stainless-lang"]) throw new Error("x-stainless headers were sent");
      return {
        content: "Let me count.",
        toolCalls: [
          runPython(
            'import csv\nrows = list(csv.DictReader(open("seattle-weather.csv")))\nprint("rain days:", sum(r["weather"] == "rain" for r in rows))',
          ),
        ],
      };
    },
    (request) => {
      if (!lastTool(request).includes(`rain days: ${rainy}`)) throw new Error(`tool result lacks ${rainy}`);
      return { content: `It rained on ${rainy} days; also, the median is 3.7.` };
    },
  ]);
  await app.open();
  await app.upload([{ name: "seattle-weather.csv", mimeType: "text/csv", buffer: seattle }]);
  await app.connect(mockModel.url);

  const turn = await app.ask("How many rainy days are there?");
  await expect(turn).toHaveAttribute("data-status", "done");
  await expect(turn.getByRole("log", { name: "Output" })).toContainText(`rain days: ${rainy}`);
  await expect(turn.getByLabel("Answer")).toHaveText(`It rained on ${rainy} days; also, the median is 3.7.`);
  // Grounding: the real number links to its cell; the invented one is marked.
  await expect(turn.getByRole("link", { name: String(rainy) })).toBeVisible();
  await expect(turn.getByText("3.7: not found in any output")).toBeVisible();
  expect(mockModel.failures()).toEqual([]);
});

test("feeds a traceback back and the model's retry succeeds", async ({ app, mockModel }) => {
  mockModel.script([
    { toolCalls: [runPython("print(total)")] },
    (request) => {
      if (!lastTool(request).includes("NameError: name 'total' is not defined")) throw new Error("no traceback sent");
      return { toolCalls: [runPython("total = 6 * 7\nprint(total)")] };
    },
    (request) => {
      if (!lastTool(request).includes("42")) throw new Error("no 42 in the tool result");
      return { content: "The total is 42." };
    },
  ]);
  await app.open();
  await app.connect(mockModel.url);
  const turn = await app.ask("What is the total?");
  await expect(turn.getByLabel("Answer")).toHaveText("The total is 42.");
  await expect(turn.locator(".cell")).toHaveCount(2);
  expect(mockModel.failures()).toEqual([]);
});

test("stops at the tool-call cap with a clear message", async ({ app, mockModel }) => {
  mockModel.script(Array.from({ length: 16 }, (_, i) => ({ toolCalls: [runPython(`print(${i})`)] })));
  await app.open();
  await app.connect(mockModel.url);
  const turn = await app.ask("Loop forever");
  await expect(turn).toHaveAttribute("data-status", "limit");
  await expect(turn).toContainText("Stopped after 15 tool calls in this turn (the limit).");
  await expect(turn.locator(".cell")).toHaveCount(15);
});

test("Stop during a stream cancels the request; Stop during a run ends the turn cleanly", async ({
  app,
  page,
  mockModel,
}) => {
  mockModel.script([
    { content: "This is a long answer that streams slowly. ".repeat(20), chunkDelayMs: 50 },
    { toolCalls: [runPython("while True: pass")] },
    { content: "Still here." },
  ]);
  await app.open();
  await app.connect(mockModel.url);
  await page.getByLabel("Message").fill("Tell me a story");
  await page.getByRole("button", { name: "Send" }).click();
  const first = page.getByRole("article", { name: "Turn" }).first();
  await expect(first.getByLabel("Answer")).toContainText("This is a long");
  const shown = await first.getByLabel("Answer").innerText();
  await page.getByRole("button", { name: "Stop" }).click();
  await expect(first).toHaveAttribute("data-status", "stopped");
  await expect.poll(() => mockModel.requests()[0].aborted).toBe(true);
  await expect(first.getByLabel("Answer")).toContainText(shown); // what was shown of the answer stays

  await page.getByLabel("Message").fill("Run something endless");
  await page.getByRole("button", { name: "Send" }).click();
  const second = page.getByRole("article", { name: "Turn" }).nth(1);
  await expect(second.locator(".cell")).toHaveAttribute("data-status", "running");
  await page.getByRole("button", { name: "Stop" }).click();
  await expect(second).toHaveAttribute("data-status", "stopped");
  // The next turn works: the kernel and the conversation are in a clean state.
  const third = await app.ask("Are you there?");
  await expect(third.getByLabel("Answer")).toHaveText("Still here.");
});

test("a long Markdown answer arriving all at once keeps the page responding, and is shown whole", async ({
  app,
  page,
  mockModel,
}) => {
  const section = (i: number) =>
    `## Part ${i}\n\nSome **bold** text, a [link](https://example.org/${i}) and \`code\`.\n\n- one\n- two\n\n| a | b |\n|---|---|\n| ${i} | ${i * 2} |\n\n`;
  mockModel.script([{ content: Array.from({ length: 80 }, (_, i) => section(i)).join("") }]);
  await app.open();
  await app.connect(mockModel.url);
  const maxGap = await heartbeat(page);
  const turn = await app.ask("Write a long report");
  await expect(turn).toHaveAttribute("data-status", "done");
  expect(await maxGap(), "longest stall of the page's main thread (ms)").toBeLessThan(FROZEN_MS);
  await expect(turn.getByRole("heading", { name: "Part 79" })).toBeVisible();
  await expect(turn.getByRole("table")).toHaveCount(80);
});

test("Esc stops a streaming answer, and a running cell", async ({ app, page, mockModel }) => {
  mockModel.script([
    { content: "A slow answer. ".repeat(40), chunkDelayMs: 50 },
    { toolCalls: [runPython("import time\nwhile True: time.sleep(0.01)")] },
  ]);
  await app.open();
  await app.connect(mockModel.url);
  await page.getByLabel("Message").fill("Talk slowly");
  await page.getByLabel("Message").press("Enter");
  const first = page.getByRole("article", { name: "Turn" }).first();
  await expect(first.getByLabel("Answer")).toContainText("A slow answer.");
  await page.keyboard.press("Escape");
  await expect(first).toHaveAttribute("data-status", "stopped");
  await expect.poll(() => mockModel.requests()[0].aborted).toBe(true);

  await page.getByLabel("Message").fill("Loop");
  await page.getByLabel("Message").press("Enter");
  const second = page.getByRole("article", { name: "Turn" }).nth(1);
  await expect(second.locator(".cell")).toHaveAttribute("data-status", "running");
  await page.keyboard.press("Escape");
  await expect(second).toHaveAttribute("data-status", "stopped");
});

test("a mid-stream error becomes one sentence, and what arrived is kept", async ({ app, mockModel }) => {
  mockModel.script([{ content: "Partial answer before the failure", streamError: { after: 3, shape: "openai" } }]);
  await app.open();
  await app.connect(mockModel.url);
  const turn = await app.ask("Go");
  await expect(turn).toHaveAttribute("data-status", "error");
  await expect(turn.getByRole("alert")).not.toBeEmpty();
  await expect(turn.getByLabel("Answer")).toContainText("Par");
});

for (const dialect of DIALECTS) {
  test(`completes a two-step task in the ${dialect} dialect`, async ({ app, mockModel }) => {
    mockModel.script(
      [
        { reasoning: "I should compute it.", toolCalls: [runPython("print(sum(range(10)))")] },
        (request) => {
          if (!lastTool(request).includes("45")) throw new Error("tool result lacks 45");
          return { reasoning: "Done.", content: "The sum is 45." };
        },
      ],
      { dialect },
    );
    await app.open();
    await app.connect(mockModel.url);
    const turn = await app.ask("Sum 0..9");
    await expect(turn.getByLabel("Answer")).toHaveText("The sum is 45.");
    await expect(turn.getByRole("log", { name: "Output" })).toHaveText("45");
    expect(mockModel.failures()).toEqual([]);
  });
}

test("Retry asks the last question again after a failed turn", async ({ app, mockModel }) => {
  mockModel.script([
    {
      httpError: {
        status: 429,
        body: { error: { message: "Rate limit reached", type: "requests" } },
        headers: { "retry-after": "0" },
      },
    },
    {
      httpError: {
        status: 429,
        body: { error: { message: "Rate limit reached", type: "requests" } },
        headers: { "retry-after": "0" },
      },
    },
    {
      httpError: {
        status: 429,
        body: { error: { message: "Rate limit reached", type: "requests" } },
        headers: { "retry-after": "0" },
      },
    },
    (request) => {
      if (request.body.messages.at(-1).content !== "Hello?") throw new Error("the retry did not resend the question");
      return { content: "Hello again." };
    },
  ]);
  await app.open();
  await app.connect(mockModel.url);
  const failed = await app.ask("Hello?");
  await expect(failed).toHaveAttribute("data-status", "error");
  await expect(failed.getByRole("alert")).toContainText("Wait a moment and try again.");
  await failed.getByRole("button", { name: "Retry" }).click();
  const turn = app.page.getByRole("article", { name: "Turn" });
  await expect(turn).toHaveCount(1);
  await expect(turn.getByLabel("Answer")).toHaveText("Hello again.");
});

test("a cell the user ran before Retry reaches the model with the question asked again", async ({ app, mockModel }) => {
  mockModel.script([
    { content: "First answer." },
    (request) => {
      const question = String(request.body.messages.at(-1).content);
      if (!question.includes("k = 42") || !question.endsWith("What is k?"))
        throw new Error(`the user's cell is not with the question: ${question}`);
      return { content: "k is 42." };
    },
  ]);
  await app.open();
  await app.connect(mockModel.url);
  const first = await app.ask("What is k?");
  await app.run("k = 42");
  await first.getByRole("button", { name: "Retry" }).click();
  await expect(app.page.getByRole("article", { name: "Turn" }).getByLabel("Answer")).toHaveText("k is 42.");
  expect(mockModel.failures()).toEqual([]);
});

test("a refused request shows the endpoint's own reason", async ({ app, mockModel }) => {
  const reason = "property 'reasoning_content' is unsupported";
  mockModel.script([
    { httpError: { status: 400, body: { error: { message: reason, type: "invalid_request_error" } } } },
  ]);
  await app.open();
  await app.connect(mockModel.url);
  const failed = await app.ask("Hello?");
  await expect(failed.getByRole("alert")).toContainText("rejected the request (HTTP 400)");
  await expect(failed.getByRole("group").filter({ hasText: "Details" })).toContainText(reason);
});
