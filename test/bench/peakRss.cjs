// Preloaded (node --require) by the benchmark: writes the process's peak memory (resident set, in
// KB) to the file named by EDCAL_BENCH_RSS when the process exits.
const { writeFileSync } = require('node:fs');
process.on('exit', () => writeFileSync(process.env.EDCAL_BENCH_RSS, String(process.resourceUsage().maxRSS)));
