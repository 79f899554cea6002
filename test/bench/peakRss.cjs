// Preloaded (node --require) by the benchmark: writes the process's peak memory (resident set, in
// KB) to the file named by EDCAL_BENCH_RSS when the process exits.
//
// On Linux, the high-water mark of this program's own memory (VmHWM): `resourceUsage().maxRSS` also
// counts the memory of the process it was forked from, before it became node (the kernel carries
// the peak over the exec), so a benchmark holding 300 MB read 300 MB for every command it started.
const { readFileSync, writeFileSync } = require('node:fs');

function peakKb() {
  try {
    const hwm = /^VmHWM:\s+(\d+) kB$/m.exec(readFileSync('/proc/self/status', 'utf8'));
    if (hwm) return Number(hwm[1]);
  } catch {
    // Not Linux.
  }
  return process.resourceUsage().maxRSS;
}

process.on('exit', () => writeFileSync(process.env.EDCAL_BENCH_RSS, String(peakKb())));
