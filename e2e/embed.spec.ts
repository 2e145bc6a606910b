/**
 * Embedding (README, "Embedding"): a page on another local origin embeds the app through the
 * example host page and drives a whole question through the postMessage API; a hostile page on
 * a third origin is refused by frame-ancestors, and by the app itself where no header says so;
 * forged and malformed messages do nothing; the parent hears only about its own requests, and
 * never the key. The browser partitions third-party storage, as real Chrome does.
 */
import type { FrameLocator, Page } from "@playwright/test";
import { expect, test, useSiteConfig } from "./fixtures.ts";
import { chromiumPath } from "./support/chromium.ts";
import {
  EMBEDDING_ARGS,
  forgedRequests,
  received,
  recordMessages,
  startAllowedHost,
  startEmbeddableApp,
  startHostileHost,
  stripFraming,
} from "./support/embed-host.ts";

test.use({ launchOptions: { executablePath: chromiumPath(), args: EMBEDDING_ARGS } });

const TEST_KEY = "sk-embed-test-key-5678";
const SALES = "region,total\nnorth,120\nsouth,480\n";
const runPython = (code: string) => ({ name: "run_python", arguments: JSON.stringify({ code }) });

/** The app in the example host page's frame, as the person on that page uses it. */
const appIn = (page: Page) => page.frameLocator('iframe[title="Code Interpreter"]');

async function connect(app: FrameLocator, baseURL: string): Promise<void> {
  await app.getByRole("button", { name: "Settings" }).click();
  const dialog = app.getByRole("dialog", { name: "Settings" });
  await dialog.getByLabel("Endpoint").selectOption({ label: "Custom" });
  await dialog.getByLabel("API base URL").fill(baseURL);
  await dialog.getByLabel("API key").fill(TEST_KEY);
  await dialog.getByLabel("Model").fill("mock-model");
  await dialog.getByRole("button", { name: "Save" }).click();
  await expect(dialog).toBeHidden();
}

/** Servers a test started, closed after it. */
let sites: { close(): Promise<void> }[] = [];
test.afterEach(async () => {
  await Promise.all(sites.map((site) => site.close()));
  sites = [];
});

/** The example host page on an allowed origin, embedding the app as a site that allows it serves it. */
async function openAllowedHost(page: Page) {
  const host = await startAllowedHost();
  sites.push(host);
  const app = await startEmbeddableApp([host.origin]); // config.json, and so frame-ancestors, list the host
  sites.push(app);
  await recordMessages(page, [host.origin]);
  await page.goto(host.example(app.url));
  return { host, appURL: app.url, appOrigin: new URL(app.url).origin };
}

test("an allowed site adds a file, asks, runs, and hears only about what it started", async ({ page, mockModel }) => {
  test.setTimeout(150_000);
  mockModel.script([
    (request) => {
      if (!String(request.body.messages[0].content).includes("/mnt/data/sales.csv"))
        throw new Error("the model was not told about the parent's file");
      return {
        toolCalls: [
          runPython(
            'import csv\nrows = list(csv.DictReader(open("sales.csv")))\nprint("total:", sum(int(r["total"]) for r in rows))',
          ),
        ],
      };
    },
    { content: "The total is 600." },
    { content: "Only the person in the frame sees this." },
    (request) => {
      // The parent asks again: its model sees its own turns, none of the person's.
      const sent = JSON.stringify(request.body.messages);
      for (const own of ["A question of my own", "Only the person in the frame", "my own output"])
        if (sent.includes(own)) throw new Error(`the parent's question went with the person's "${own}"`);
      if (!sent.includes("The total is 600.")) throw new Error("the parent's own earlier turn was left out");
      return { content: "Still 600." };
    },
  ]);

  const { host, appURL, appOrigin } = await openAllowedHost(page);
  // The mock model is on this machine: the person lets the site reach it when Chrome asks.
  await page.context().grantPermissions(["local-network-access"], { origin: host.origin });
  const app = appIn(page);
  const state = page.getByRole("status", { name: "App state" });
  const result = page.getByRole("status", { name: "Result" });
  await expect(state).toHaveText("App: kernel ready, idle, no model connected", { timeout: 45_000 });
  // A third-party parent is not cross-origin isolated, so neither is the app: it still works.
  const appFrame = page.frames().find((frame) => frame.url() === appURL)!;
  expect(await appFrame.evaluate(() => crossOriginIsolated)).toBe(false);

  // The parent adds a file: it lands in /mnt/data, as an upload would.
  await page
    .getByLabel("Files to add")
    .setInputFiles({ name: "sales.csv", mimeType: "text/csv", buffer: Buffer.from(SALES) });
  await expect(result).toHaveText(`Added sales.csv (${SALES.length} bytes)`);
  await expect(app.getByRole("list", { name: "Files in /mnt/data" })).toContainText("sales.csv");

  // No model yet: the ask is refused, and says why.
  await page.getByLabel("Question for the app").fill("What is the total?");
  await page.getByRole("button", { name: "Ask" }).click();
  await expect(result).toHaveText("Refused (no-model): No model is connected: connect one in Settings.");

  // Forged requests: from a sibling frame at the allowed origin (not the parent), and malformed
  // ones from the parent itself. Each would leave a trace if obeyed.
  await page.evaluate(() => {
    const sibling = document.createElement("iframe");
    sibling.src = "/blank.html";
    sibling.title = "Sibling";
    document.body.append(sibling);
  });
  await expect.poll(() => page.frames().some((f) => f.url() === host.blank)).toBe(true);
  const sibling = page.frames().find((f) => f.url() === host.blank)!;
  await sibling.evaluate(
    (forged) => forged.forEach((m) => parent.frames[0].postMessage(m, "*")),
    forgedRequests("sibling"),
  );
  await page.evaluate(
    ([forged, origin]) => {
      const app = document.querySelector("iframe")!.contentWindow!;
      const [run, files] = forged as Record<string, unknown>[];
      for (const message of [
        { ...run, version: 2 },
        { ...run, apiKey: "x" },
        { ...run, id: 12 },
        { ...files, files: [{ name: "malformed.csv", data: { length: 3 } }] },
      ])
        app.postMessage(message, origin as string);
    },
    [forgedRequests("malformed"), appOrigin],
  );

  // The person in the frame connects a model with their key; the parent hears only that it can ask.
  await connect(app, mockModel.url);
  await expect(state).toHaveText("App: kernel ready, idle, a model is connected");

  // The parent asks: the person sees the question and the run; the parent gets the answer and the output.
  await page.getByRole("button", { name: "Ask" }).click();
  await expect(result).toHaveText("The total is 600.\n\n(done, 1 cells)", { timeout: 30_000 });
  const turn = app.getByRole("article", { name: "Turn" }).first();
  await expect(turn).toContainText("What is the total?");
  await expect(turn.getByRole("log", { name: "Output" })).toContainText("total: 600");

  // The parent runs code: a cell in the app, its output back to the parent.
  await page.getByLabel("Code for the app").fill('print(open("sales.csv").read().count("\\n"), "lines")');
  await page.getByRole("button", { name: "Run" }).click();
  await expect(result).toHaveText("3 lines\n");
  await expect(app.locator(".cell").last().getByRole("log", { name: "Output" })).toHaveText("3 lines");

  // The person's own turn and run: never reported.
  await app.getByLabel("Message").fill("A question of my own");
  await app.getByLabel("Message").press("Enter");
  await expect(app.getByRole("article", { name: "Turn" }).nth(1).getByLabel("Answer")).toHaveText(
    "Only the person in the frame sees this.",
  );
  await app.getByLabel("Python code").fill("print('my own output')");
  await app.getByRole("button", { name: "Run" }).click();
  await expect(app.locator(".cell").last().getByRole("log", { name: "Output" })).toHaveText("my own output");
  await expect(state).toHaveText("App: kernel ready, idle, a model is connected");
  await page.getByRole("button", { name: "Ask" }).click();
  await expect(result).toHaveText("Still 600.\n\n(done, 0 cells)", { timeout: 30_000 });

  // Nothing forged or malformed was obeyed, and only the parent's requests were answered.
  const files = app.getByRole("list", { name: "Files in /mnt/data" });
  await expect(files).toContainText("sales.csv");
  await expect(files).not.toContainText(/sibling|malformed/);
  await expect(app.locator(".cell", { hasText: /sibling|malformed/ })).toHaveCount(0);
  expect(await received(sibling)).toEqual([]);
  expect(mockModel.pending()).toBe(0);
  expect(mockModel.failures()).toEqual([]);
  const messages = await received(page);
  expect(messages.every((m) => m.origin === appOrigin)).toBe(true);
  const replies = messages.filter((m) => m.data.type === "result" || m.data.type === "error");
  expect(replies.map((m) => [m.data.id, m.data.type, m.data.request ?? m.data.code])).toEqual([
    ["request-1", "result", "addFiles"],
    ["request-2", "error", "no-model"],
    ["request-3", "result", "ask"],
    ["request-4", "result", "run"],
    ["request-5", "result", "ask"],
  ]);
  expect(replies[2].data.result).toEqual({
    status: "done",
    answer: "The total is 600.",
    cells: [expect.objectContaining({ status: "ok", output: "total: 600\n" })],
  });
  // State: ready once, then each change — the runs and the turns, the model connected.
  expect(messages.filter((m) => m.data.type === "ready")).toHaveLength(1);
  const states = messages.filter((m) => m.data.type === "state").map((m) => m.data.state);
  expect(states).toContainEqual({ kernel: "running", busy: true, canAsk: true });
  expect(states).toContainEqual({ kernel: "ready", busy: false, canAsk: true });
  const sent = JSON.stringify(messages);
  for (const secret of [TEST_KEY, "A question of my own", "Only the person in the frame", "my own output"])
    expect(sent, `messages to the parent mention "${secret}"`).not.toContain(secret);
});

test("without cross-origin isolation, a stuck run of the parent's is killed and the kernel restored", async ({
  page,
}) => {
  test.setTimeout(120_000);
  await openAllowedHost(page);
  const app = appIn(page);
  const result = page.getByRole("status", { name: "Result" });
  await expect(page.getByRole("status", { name: "App state" })).toContainText("kernel ready", { timeout: 45_000 });
  await page
    .getByLabel("Files to add")
    .setInputFiles({ name: "sales.csv", mimeType: "text/csv", buffer: Buffer.from(SALES) });
  await expect(result).toContainText("Added sales.csv");

  await page.getByLabel("Code for the app").fill("while True: pass");
  await page.getByRole("button", { name: "Run" }).click();
  await expect(app.locator(".cell").last()).toHaveAttribute("data-status", "running");
  await app.getByRole("button", { name: "Stop" }).click();
  await expect(result).toContainText("Stopped by user. The kernel was restarted. 1 file in /mnt/data restored", {
    timeout: 30_000,
  });
  await page.getByLabel("Code for the app").fill('print(open("sales.csv").read().splitlines()[-1])');
  await page.getByRole("button", { name: "Run" }).click();
  await expect(result).toHaveText("south,480\n");
});

test("a hostile site is refused: by frame-ancestors, and by the app itself where no header says so", async ({
  page,
  baseURL,
}) => {
  test.setTimeout(90_000);
  const hostile = await startHostileHost(baseURL!);
  sites.push(hostile);
  await recordMessages(page, [hostile.origin]);
  const frame = page.getByTitle("Embedded app").contentFrame();

  // Headers as served: the browser does not even load the app into the frame.
  const violations: string[] = [];
  page.on("console", (message) => {
    if (message.text().includes("frame-ancestors")) violations.push(message.text());
  });
  await page.goto(hostile.url);
  await expect.poll(() => violations, { timeout: 15_000 }).toContainEqual(expect.stringContaining(baseURL!));
  await expect(frame.getByRole("heading", { name: "Code Interpreter" })).toHaveCount(0);

  // Served without headers (config.json lists another origin): the app sees who frames it and refuses.
  await useSiteConfig(page, { embedOrigins: ["https://blog.example.org"] });
  await stripFraming(page, baseURL!);
  const fetched: string[] = [];
  page.on("request", (request) => fetched.push(request.url()));
  await page.reload();
  await expect(frame.getByRole("heading", { name: "This app cannot run inside this page" })).toBeVisible();
  await expect(frame.getByText(`${hostile.origin} is not allowed to embed Code Interpreter`)).toBeVisible();
  await expect(frame.getByLabel("Python code")).toHaveCount(0);
  await expect(frame.getByLabel("Upload files")).toHaveCount(0);
  // The page keeps posting forged requests; long enough for a kernel to boot, none is answered.
  await page.waitForTimeout(10_000);
  expect(await received(page)).toEqual([]);
  // Nor does it boot Python behind the refusal (13 MB for nothing).
  expect(fetched.filter((url) => /pyodide|python_stdlib/.test(url))).toEqual([]);
});

test("?embed gives the compact layout at any width", async ({ app, page }) => {
  await page.setViewportSize({ width: 1400, height: 900 });
  await app.open();
  await expect(page.getByRole("button", { name: "Conversations" })).toBeHidden();
  await expect(page.getByRole("navigation", { name: "Conversations" })).toBeVisible();
  await page.goto("/?embed");
  await expect(page.getByRole("status", { name: "Kernel" })).toContainText("ready", { timeout: 45_000 });
  await expect(page.getByRole("navigation", { name: "Conversations" })).toBeHidden();
  await page.getByRole("button", { name: "Conversations" }).click();
  await expect(page.getByRole("navigation", { name: "Conversations" })).toBeVisible();
});
