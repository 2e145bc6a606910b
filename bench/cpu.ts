/**
 * CPU time used on this machine by the browser's processes (every renderer, GPU, network and
 * browser process) and the preview server, read from /proc: a first visit is CPU-bound on two
 * cores, so the CPU a page spends beside Pyodide's own boot shows up in its wall time.
 * Linux only; elsewhere `cpuMs()` is null and the figure is left out.
 */
import { readdirSync, readFileSync } from "node:fs";

const TICKS_PER_SECOND = 100; // USER_HZ on Linux

export function cpuMs(): number | null {
  let pids: string[];
  try {
    pids = readdirSync("/proc").filter((name) => /^\d+$/.test(name));
  } catch {
    return null;
  }
  let ticks = 0;
  for (const pid of pids) {
    try {
      if (!/chrom|vite/.test(readFileSync(`/proc/${pid}/cmdline`, "utf8"))) continue;
      const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
      const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      ticks += Number(fields[11]) + Number(fields[12]); // utime + stime
    } catch {
      // the process ended meanwhile
    }
  }
  return (ticks * 1000) / TICKS_PER_SECOND;
}
