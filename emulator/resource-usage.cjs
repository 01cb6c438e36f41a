// Preloaded (node --require) by runAction({ measure: true }): when the process exits, writes its peak
// resident set size and CPU time as one JSON line to file descriptor 3, a pipe runAction opened for it.
'use strict'
const { readFileSync, writeSync } = require('node:fs')

/** VmHWM of this process image (Linux): unlike getrusage's maxrss, it cannot carry a peak from before exec. */
function peakOfThisImageKb() {
  try {
    const match = /^VmHWM:\s*(\d+)\s*kB/mu.exec(readFileSync('/proc/self/status', 'utf8'))
    return match ? Number(match[1]) : undefined
  } catch {
    return undefined
  }
}

process.on('exit', () => {
  const usage = process.resourceUsage()
  const vmHwmKb = peakOfThisImageKb()
  const report = {
    maxRssKb: vmHwmKb ?? usage.maxRSS,
    getrusageMaxRssKb: usage.maxRSS,
    userCpuMs: usage.userCPUTime / 1000,
    systemCpuMs: usage.systemCPUTime / 1000
  }
  try {
    writeSync(3, `${JSON.stringify(report)}\n`)
  } catch {
    // No pipe on fd 3: nothing to report to.
  }
})
