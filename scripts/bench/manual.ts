import { ACMClient, DescribeCertificateCommand, paginateListCertificates } from '@aws-sdk/client-acm'
import { performance } from 'node:perf_hooks'
import { STATIC_ACCESS_KEY_ID, STATIC_SECRET_ACCESS_KEY } from '../../emulator/aws-emulator.js'
import { callsText, problemsSuffix, secs } from './format.js'
import { type MeasureContext, runOnce, scenarioResult, seedLayout, settle, withEmulator } from './measure.js'
import { DAY_MS, MANUAL_SCENARIO, THRESHOLD_DAYS } from './scenarios.js'
import { countCalls, sum } from './stats.js'
import type { ManualResult, RunMeasure } from './types.js'

/**
 * The manual method, as people write it with the same SDK: for each region in turn, ListCertificates
 * (CertificateStatuses ISSUED, every page) and a DescribeCertificate for each certificate, one after
 * another, with the SDK's default retries.
 */
export async function manualAudit(endpoint: string, regions: readonly string[]): Promise<{ flagged: number; failed: number }> {
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true' // this process only; the action's environment is its own
  const threshold = Date.now() + THRESHOLD_DAYS * DAY_MS
  let flagged = 0
  let failed = 0
  for (const region of regions) {
    const client = new ACMClient({
      region,
      endpoint,
      credentials: { accessKeyId: STATIC_ACCESS_KEY_ID, secretAccessKey: STATIC_SECRET_ACCESS_KEY }
    })
    try {
      for await (const page of paginateListCertificates({ client }, { CertificateStatuses: ['ISSUED'] })) {
        for (const summary of page.CertificateSummaryList ?? []) {
          try {
            const { Certificate } = await client.send(new DescribeCertificateCommand({ CertificateArn: summary.CertificateArn }))
            if (Certificate?.NotAfter && Certificate.NotAfter.getTime() <= threshold) flagged += 1
          } catch {
            failed += 1
          }
        }
      }
    } finally {
      client.destroy()
    }
  }
  return { flagged, failed }
}

/** The manual loop in this process, `runs` times, then the action as many times, on the same emulator and data. */
export async function manualScenario(context: MeasureContext, runs: number): Promise<ManualResult> {
  const { regions: names, perRegion } = MANUAL_SCENARIO
  const layout = { accounts: [MANUAL_SCENARIO.account], regions: names, perRegion }
  return withEmulator(context, async (emulator) => {
    const regions = seedLayout(emulator, layout, Date.now())
    const expectedFound = sum(regions.map((data) => data.manualFlagged))
    const manual: RunMeasure[] = []
    let found = 0
    let failed = 0
    for (let i = 0; i < runs; i += 1) {
      await settle(emulator)
      const started = performance.now()
      const cpuBefore = process.cpuUsage()
      const outcome = await manualAudit(emulator.url, names)
      const cpu = process.cpuUsage(cpuBefore)
      const wallMs = performance.now() - started
      found = outcome.flagged
      failed = Math.max(failed, outcome.failed)
      const problems: string[] = []
      if (outcome.flagged !== expectedFound) problems.push(`manual found ${outcome.flagged}, expected ${expectedFound}`)
      if (outcome.failed > 0) problems.push(`${outcome.failed} DescribeCertificate calls failed after the SDK's retries`)
      // In-process: the CPU time is the manual loop's and the emulator's together.
      const measure: RunMeasure = {
        wallMs,
        maxRssKb: undefined,
        cpuMs: (cpu.user + cpu.system) / 1000,
        emulatorCpuMs: NaN,
        ...countCalls(emulator.calls),
        throttled: emulator.throttled,
        problems
      }
      manual.push(measure)
      context.progress(
        `  manual run ${i + 1}: ${secs(wallMs)}, ${callsText(measure.calls)}, throttled ${measure.throttled}, found ${outcome.flagged}${problems.length ? `, ${problems.join('; ')}` : ''}`
      )
    }
    const action: RunMeasure[] = []
    for (let i = 0; i < runs; i += 1) {
      const measure = await runOnce(context, emulator, regions, { regions: names.join(',') })
      context.progress(
        `  action run ${i + 1}: ${secs(measure.wallMs)}, ${callsText(measure.calls)}, throttled ${measure.throttled}${problemsSuffix(measure.problems)}`
      )
      action.push(measure)
    }
    const data = `${names.length} regions × ${perRegion} certificates (action)`
    return {
      regions,
      manual,
      manualFound: found,
      manualFailed: failed,
      action: scenarioResult({ name: 'manual', label: 'manual: the action', data }, action, regions, context)
    }
  })
}
