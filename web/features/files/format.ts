/** Sizes as people read them ("1.2 MB"), in powers of 1024 as file managers count. */
const UNITS = ["KB", "MB", "GB", "TB"];

export function formatSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  let value = bytes / 1024;
  let unit = 0;
  // 1023.6 KB would print as "1024 KB": such a value is shown in the next unit instead.
  while (value >= 1023.5 && unit < UNITS.length - 1) {
    value /= 1024;
    unit++;
  }
  // "1.2 MB" but "100 MB": a decimal on a three-digit number is noise.
  const digits = value >= 100 || Number.isInteger(value) ? 0 : 1;
  return `${value.toFixed(digits)} ${UNITS[unit]}`;
}
