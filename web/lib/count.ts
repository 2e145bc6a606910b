/**
 * A count as English writes it: 1234567 → "1,234,567". Not `toLocaleString`: Chromium's first use
 * of it on a page loads locale data for ~45 ms, and that landed in the frame that first showed a
 * long output (issue 8: large outputs never block typing).
 */
export function formatCount(n: number): string {
  const [whole, fraction] = String(n).split(".");
  const grouped = whole.replace(/\B(?=(\d{3})+$)/g, ",");
  return fraction === undefined ? grouped : `${grouped}.${fraction}`;
}
