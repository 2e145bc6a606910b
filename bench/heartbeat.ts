/**
 * A 10 ms heartbeat on the page's main thread: its longest gap is the longest stall anything
 * caused (long-task entries alone miss a thread starved by postMessage handlers). Injected as
 * source into bench pages and our app alike.
 */
export const HEARTBEAT = `function heartbeat() {
  let last = performance.now();
  let worst = 0;
  const timer = setInterval(() => {
    const now = performance.now();
    worst = Math.max(worst, now - last);
    last = now;
  }, 10);
  return {
    stop() {
      clearInterval(timer);
      return Math.max(worst, performance.now() - last) - 10;
    },
  };
}`;
