import { afterEach, describe, expect, it, vi } from "vitest";
import { newTurn } from "./record";
import { TurnStore } from "./turn-store";

afterEach(() => vi.useRealTimers());

describe("TurnStore", () => {
  it("holds changes back while the page may be leaving, and gives them if it stays", () => {
    vi.useFakeTimers();
    const store = new TurnStore();
    const seen: number[] = [];
    store.subscribe(() => seen.push(store.getTurns().length));
    const running = newTurn("q");
    store.set([running]);
    store.holdWhileLeaving(1000);
    store.set([{ ...running, status: "error" }]);
    expect(store.getTurns()).toEqual([running]); // what a page that goes now saves
    vi.advanceTimersByTime(1000);
    expect(store.getTurns()[0].status).toBe("error");
    expect(seen).toEqual([1, 1]);
  });
});
