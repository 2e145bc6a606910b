/**
 * Figures and the model: a vision model is sent the charts as images after the tool messages; a
 * model whose charts are turned off in Settings is sent none.
 */
import { expect, test } from "./fixtures.ts";

const runPython = (code: string) => ({ name: "run_python", arguments: JSON.stringify({ code }) });

test("figures go to a vision model as a following user message, never inside the tool message", async ({
  app,
  mockModel,
}) => {
  const dot = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==";
  mockModel.script([
    { toolCalls: [runPython(`display({"image/png": "${dot}", "text/plain": "<Figure>"}, raw=True)`)] },
    (request) => {
      const messages = request.body.messages as { role: string; content: unknown }[];
      const tool = messages.findIndex((m) => m.role === "tool");
      if (JSON.stringify(messages[tool].content).includes(dot)) throw new Error("image inside the tool message");
      const after = messages.slice(tool + 1);
      if (after[0]?.role !== "assistant") throw new Error("no bridging assistant message after the tool message");
      const parts = after[1]?.content as { type: string; image_url?: { url: string } }[];
      if (after[1]?.role !== "user" || !parts.some((p) => p.image_url?.url.startsWith("data:image/png;base64,")))
        throw new Error("no image part in a following user message");
      return { content: "I see one dot." };
    },
  ]);
  await app.open();
  await app.connect(mockModel.url);
  const turn = await app.ask("Plot it");
  await expect(turn.getByLabel("Answer")).toHaveText("I see one dot.");
  expect(mockModel.failures()).toEqual([]);
});

test("a model whose charts are turned off in Settings is sent none", async ({ app, page, mockModel }) => {
  const dot = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==";
  mockModel.script([
    { toolCalls: [runPython(`display({"image/png": "${dot}", "text/plain": "<Figure>"}, raw=True)`)] },
    (request) => {
      if (JSON.stringify(request.body).includes("image_url")) throw new Error("a figure went to the model");
      return { content: "A chart was shown." };
    },
  ]);
  await app.open();
  await app.connect(mockModel.url);
  await page.getByRole("button", { name: "Settings" }).click();
  const dialog = page.getByRole("dialog", { name: "Settings" });
  await dialog.getByLabel("Send charts as images").uncheck();
  await dialog.getByRole("button", { name: "Save" }).click();
  const turn = await app.ask("Plot it");
  await expect(turn.getByLabel("Answer")).toHaveText("A chart was shown.");
  expect(mockModel.failures()).toEqual([]);
});
