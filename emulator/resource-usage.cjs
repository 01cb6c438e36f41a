// Preloaded (node --require) by runAction({ measure: true }): when the process exits, writes its peak
// resident set size and CPU time as one JSON line to file descriptor 3, a pipe runAction opened for it.
'use strict'
const { writeSync } = require('node:fs')

process.on('exit', () => {
  const usage = process.resourceUsage()
  const report = { maxRssKb: usage.maxRSS, userCpuMs: usage.userCPUTime / 1000, systemCpuMs: usage.systemCPUTime / 1000 }
  try {
    writeSync(3, `${JSON.stringify(report)}\n`)
  } catch {
    // No pipe on fd 3: nothing to report to.
  }
})
