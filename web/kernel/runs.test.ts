import { describe, expect, it } from "vitest";
import { Runs } from "./runs";
import type { KernelSession } from "./session";

// Runs only compares sessions and reads their nonce: a session is its identity here.
const session = (nonce: string) => ({ nonce }) as KernelSession;
const budget = { events: 5, chars: 20 };

describe("Runs.check", () => {
  it("gives an event of the active run, with its run", () => {
    const runs = new Runs();
    const kernel = session("n-1");
    const run = runs.begin(kernel);
    const stream = { kind: "stream", nonce: "n-1", runId: run.runId, name: "stdout", text: "hi\n" };
    expect(runs.check(kernel, stream, budget)).toEqual({ run, event: stream });
  });

  it("refuses another kernel's event, a stale run's, and any event between runs", () => {
    const runs = new Runs();
    const kernel = session("n-1");
    const other = session("n-2");
    const run = runs.begin(kernel);
    const event = { kind: "stream", nonce: "n-1", runId: run.runId, name: "stdout", text: "hi" };
    expect(runs.check(other, { ...event, nonce: "n-2" }, budget)).toBe("it sent a malformed or stray message");
    expect(runs.check(kernel, { ...event, runId: "an-older-run" }, budget)).toBe(
      "it sent a malformed or stray message",
    );
    runs.end(run);
    expect(runs.check(kernel, event, budget)).toBe("it sent a malformed or stray message");
  });

  it("drops the ended run's own 'started' arriving after its result, and only that", () => {
    const runs = new Runs();
    const kernel = session("n-1");
    const run = runs.begin(kernel);
    runs.end(run);
    const started = { kind: "started", nonce: "n-1", runId: run.runId };
    expect(runs.check(kernel, started, budget)).toBeNull();
    expect(runs.check(session("n-2"), { ...started, nonce: "n-2" }, budget)).toBe(
      "it sent a malformed or stray message",
    );
    expect(runs.check(kernel, { ...started, runId: "another-run" }, budget)).toBe(
      "it sent a malformed or stray message",
    );
  });

  it("counts a run's events and characters against the page's budget", () => {
    const runs = new Runs();
    const kernel = session("n-1");
    const run = runs.begin(kernel);
    const text = (t: string) => ({ kind: "stream", nonce: "n-1", runId: run.runId, name: "stdout", text: t });
    expect(runs.check(kernel, text("x".repeat(20)), budget)).not.toBeTypeOf("string");
    expect(runs.check(kernel, text("x"), budget)).toBe("it flooded the page with output");

    const next = runs.begin(kernel);
    const started = { kind: "started", nonce: "n-1", runId: next.runId };
    for (let i = 0; i < budget.events; i++) expect(runs.check(kernel, started, budget)).not.toBeTypeOf("string");
    expect(runs.check(kernel, started, budget)).toBe("it flooded the page with output");
  });
});
