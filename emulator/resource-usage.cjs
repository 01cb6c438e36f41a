// Preloaded (node --require) by runAction({ measure: true }): when the process exits, writes its peak
// resident set size and CPU time as one JSON line to file descriptor 3, a pipe runAction opened for it.
// With runAction({ retainedEveryMs }) (node --expose-gc and ACM_EXPIRY_AUDIT_RETAINED_EVERY_MS), it also
// runs a full garbage collection that often and reports the most memory still held after one: the heap in
// use plus the memory outside it (typed arrays, buffers), what the process keeps rather than what V8 has
// not collected yet.
'use strict'
const { readFileSync, writeSync } = require('node:fs')

let retainedMaxBytes
const retainedEveryMs = Number(process.env.ACM_EXPIRY_AUDIT_RETAINED_EVERY_MS)
function sampleRetained() {
  global.gc()
  const usage = process.memoryUsage()
  retainedMaxBytes = Math.max(retainedMaxBytes ?? 0, usage.heapUsed + usage.external)
}
if (retainedEveryMs > 0 && typeof global.gc === 'function') setInterval(sampleRetained, retainedEveryMs).unref()

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
  if (retainedMaxBytes !== undefined) sampleRetained()
  const report = {
    ...(retainedMaxBytes !== undefined ? { retainedKb: Math.round(retainedMaxBytes / 1024) } : {}),
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
