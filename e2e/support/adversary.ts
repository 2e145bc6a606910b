/**
 * The adversarial suite's harness (SECURITY.md, "Tested"). Every case starts from the same
 * state — the app open, a file uploaded, a mock model connected with a known test key — then
 * plays its attack, then calls `expectSafe()`, which asserts what must hold after any attack:
 * - the canary (127.0.0.1) logged no request and no connection;
 * - the test key appeared in no request (URL, headers, body, WebSocket frame) except to the mock model;
 * - `__pwned` is unset in every frame of every page and in every worker;
 * - the page still answers, and the kernel still reads the uploaded file.
 */
import type { BrowserContext, Page, Request } from "@playwright/test";
import { AppPage, expect, test as base } from "../fixtures.ts";
import type { Canary } from "./canary.ts";
import { heartbeat } from "./heartbeat.ts";
import type { MockModel } from "./mock-model.ts";

export { expect };

/** The API key the app is given; it may travel only to the mock model. */
export const TEST_KEY = "sk-test-canary-123";

export { FROZEN_MS } from "./heartbeat.ts";

/** The file every case uploads first, and reads back at the end. */
export const KEEP = { name: "keep.csv", mimeType: "text/csv", buffer: Buffer.from("city,rain\nSeattle,150\n") };

interface Seen {
  url: string;
  headers: Promise<Record<string, string>>;
  body: string;
}

/** A frame or worker `__pwned` could not be read from (a frame without scripts, or one gone). */
const UNREACHABLE = Symbol("unreachable");

async function within<T>(promise: Promise<T>, ms: number): Promise<T | typeof UNREACHABLE> {
  const timeout = new Promise<typeof UNREACHABLE>((resolve) => setTimeout(() => resolve(UNREACHABLE), ms));
  return Promise.race([promise.catch((): typeof UNREACHABLE => UNREACHABLE), timeout]);
}

export class Adversary {
  readonly app: AppPage;
  readonly #requests: Seen[] = [];
  readonly #websocketFrames: string[] = [];
  /** A model was connected with TEST_KEY (so some request must have taken it there). */
  connected = false;

  constructor(
    readonly page: Page,
    readonly context: BrowserContext,
    readonly model: MockModel,
    readonly canary: Canary,
  ) {
    this.app = new AppPage(page);
    const record = (request: Request) =>
      this.#requests.push({
        url: request.url(),
        headers: request.allHeaders().catch(() => request.headers()),
        body: request.postDataBuffer()?.toString("latin1") ?? "",
      });
    context.on("request", record);
    const sent = (p: Page) =>
      p.on("websocket", (ws) => ws.on("framesent", (f) => this.#websocketFrames.push(String(f.payload))));
    sent(page);
    context.on("page", sent);
  }

  /** The model's origin: the one place the key may go. */
  get modelOrigin(): string {
    return new URL(this.model.url).origin;
  }

  /** Opens the app, uploads KEEP and (unless told not to) connects the mock model with TEST_KEY. */
  async setUp({ connect = true }: { connect?: boolean } = {}): Promise<void> {
    await this.app.open();
    await this.app.upload([KEEP]);
    if (connect) {
      await this.app.connect(this.model.url, "mock-model", TEST_KEY);
      this.connected = true;
    }
  }

  /**
   * Starts a 10 ms heartbeat on the app page's main thread; returns a reader of the longest gap
   * since (recorded on the test as an annotation). Compare it with FROZEN_MS.
   */
  heartbeat(): Promise<() => Promise<number>> {
    return heartbeat(this.page);
  }

  /** Every request so far that carried the key somewhere other than the model. */
  async keyLeaks(): Promise<string[]> {
    const forms = [TEST_KEY, encodeURIComponent(TEST_KEY), Buffer.from(TEST_KEY).toString("base64")];
    const carries = (text: string) => forms.some((form) => text.includes(form));
    const leaks: string[] = [];
    for (const seen of this.#requests) {
      const headers = JSON.stringify(await seen.headers);
      const where = [seen.url, headers, seen.body].filter(carries);
      if (where.length && new URL(seen.url).origin !== this.modelOrigin) leaks.push(seen.url);
    }
    for (const frame of this.#websocketFrames) if (carries(frame)) leaks.push(`websocket frame: ${frame.slice(0, 80)}`);
    return leaks;
  }

  /** How many requests took the key to the model (the check above would be empty without any). */
  async keyToModel(): Promise<number> {
    let count = 0;
    for (const seen of this.#requests) {
      if (new URL(seen.url).origin === this.modelOrigin && JSON.stringify(await seen.headers).includes(TEST_KEY))
        count++;
    }
    return count;
  }

  /**
   * Where `__pwned` is set: every frame of every page of the context, and every worker. Those that
   * could not be read (gone, or never able to run script) are noted on the test.
   */
  async pwned(): Promise<{ where: string; value: unknown }[]> {
    const found: { where: string; value: unknown }[] = [];
    const unreachable: string[] = [];
    const look = async (where: string, read: () => Promise<unknown>) => {
      const value = await within(read(), 2000);
      if (value === UNREACHABLE) unreachable.push(where);
      else if (value !== null) found.push({ where, value });
    };
    for (const page of this.context.pages()) {
      for (const frame of page.frames()) {
        await look(`frame ${frame.url()}`, () =>
          frame.evaluate(() => (window as { __pwned?: unknown }).__pwned ?? null),
        );
      }
      for (const worker of page.workers()) {
        await look(`worker ${worker.url()}`, () =>
          worker.evaluate(() => (self as { __pwned?: unknown }).__pwned ?? null),
        );
      }
    }
    if (unreachable.length)
      base.info().annotations.push({ type: "__pwned unreadable", description: unreachable.join(", ") });
    return found;
  }

  /**
   * The checks every case ends with. `file` is the upload the kernel must still read (the
   * default, KEEP, is uploaded by setUp); `app` the app that must read it (another than this
   * page's: the app in a frame).
   */
  async expectSafe({ file = KEEP, app = this.app }: { file?: typeof KEEP; app?: Pick<AppPage, "output"> } = {}) {
    await this.page.waitForTimeout(500); // stragglers: timers, workers, image loads
    expect.soft(this.canary.hits(), "requests and connections that reached the canary").toEqual([]);
    expect.soft(await this.keyLeaks(), "requests that carried the API key elsewhere than the model").toEqual([]);
    if (this.connected)
      expect.soft(await this.keyToModel(), "requests that took the key to the model").toBeGreaterThan(0);
    expect.soft(await this.pwned(), "frames and workers where __pwned was set").toEqual([]);
    expect(
      await within(
        this.page.evaluate(() => 1),
        5000,
      ),
      "the page answers",
    ).toBe(1);
    if (app === this.app)
      expect(this.page.url(), "the app page was not navigated away").toMatch(/^http:\/\/localhost:\d+\/$/);
    const read = `print(open(${JSON.stringify(file.name)}).read(), end="")`;
    let output = await app.output(read);
    // A kernel the case left broken (its memory full, say) may crash on this run and be replaced;
    // the replacement must then read the file.
    if (/The kernel was restarted/.test(output)) {
      base.info().annotations.push({ type: "kernel replaced on the check", description: output });
      output = await app.output(read);
    }
    expect(output, "the kernel reads the uploaded file").toBe(file.buffer.toString().trimEnd());
  }
}

/** `test` with an `adversary` for the suite's cases. */
export const test = base.extend<{ adversary: Adversary }>({
  adversary: async ({ page, context, mockModel, canary }, use) => {
    await use(new Adversary(page, context, mockModel, canary));
  },
});
