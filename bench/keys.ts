import type { Page } from "@playwright/test";

type KeyWindow = { __keys: number[]; __keysWhile: string | null; __keysListening?: boolean };

/**
 * Starts timing each key the page gets, from its keydown to the frame after it (figure 8's
 * latency), counting only keys pressed while `onlyWhile` matches an element when given. Returns
 * a function that reads the times so far. Calling it again on the same page starts over.
 */
export async function watchKeys(page: Page, onlyWhile: string | null = null): Promise<() => Promise<number[]>> {
  await page.evaluate((selector) => {
    const w = window as unknown as KeyWindow;
    w.__keys = [];
    w.__keysWhile = selector;
    if (w.__keysListening) return;
    w.__keysListening = true;
    document.addEventListener(
      "keydown",
      (e) => {
        if (w.__keysWhile && !document.querySelector(w.__keysWhile)) return;
        const t = e.timeStamp;
        requestAnimationFrame(() => setTimeout(() => w.__keys.push(performance.now() - t)));
      },
      true,
    );
  }, onlyWhile);
  return () => page.evaluate(() => (window as unknown as KeyWindow).__keys);
}
