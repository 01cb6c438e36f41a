import * as core from '@actions/core'
import { annotate } from './annotate.js'
import { type AuditTarget, runAudit } from './audit.js'
import { buildReport } from './audit-report.js'
import { createAcmClient, DEFAULT_CLIENT_SETTINGS, listEnabledRegions } from './aws-clients.js'
import { InputError, type Inputs, readInputs } from './inputs.js'
import { decideOutcome } from './outcome.js'
import { buildOutputs, findingsOutput } from './outputs.js'
import { regionLog } from './region-log.js'
import { defaultRegion } from './regions.js'
import { writeReportFile } from './report-file.js'
import { renderSummary } from './summary.js'
import type { RegionScan } from './types.js'

/** The action: read inputs, audit, publish the results, and decide whether the step fails. */
export async function run(env: NodeJS.ProcessEnv = process.env): Promise<void> {
  let inputs: Inputs
  try {
    inputs = readInputs((name) => core.getInput(name), env)
  } catch (error) {
    core.setFailed(error instanceof InputError ? error.message : `Could not read the inputs: ${String(error)}`)
    return
  }
  core.debug(`Inputs: ${JSON.stringify(inputs)}`)
  try {
    const now = new Date()
    const targets: AuditTarget[] = [{ account: undefined }]
    const settings = (region: string) => ({ ...DEFAULT_CLIENT_SETTINGS, region })
    const result = await runAudit(
      {
        targets,
        regions: inputs.regions,
        discoveryRegion: defaultRegion(env),
        settings: { now, ...inputs }
      },
      {
        createAcmClient: (_target, region) => createAcmClient(settings(region)),
        listEnabledRegions: (_target, region) => listEnabledRegions(settings(region)),
        onRegionScanned: logRegion
      }
    )
    const report = buildReport(result)
    await publish(report, env)
    const outcome = decideOutcome(report, inputs.failOn)
    if (outcome.failed) core.setFailed(outcome.message)
    else core.info(report.findings.length > 0 ? `${report.findings.length} certificates flagged; fail-on is ${inputs.failOn}.` : 'All clear.')
  } catch (error) {
    core.setFailed(`The audit stopped unexpectedly: ${error instanceof Error ? error.message : String(error)}`)
  }
}

function logRegion(scan: RegionScan): void {
  const { title, lines } = regionLog(scan)
  core.startGroup(title)
  for (const line of lines) core.info(line)
  core.endGroup()
}

/** Report file, outputs, annotations and job summary; a failure of one never stops the others. */
async function publish(report: ReturnType<typeof buildReport>, env: NodeJS.ProcessEnv): Promise<void> {
  let reportFile = ''
  try {
    reportFile = await writeReportFile(report, env)
  } catch (error) {
    core.warning(`Could not write the report file: ${String(error)}`)
  }
  const findings = findingsOutput(report.findings)
  if (findings.included < report.findings.length) {
    core.warning(
      `The findings output holds the ${findings.included} most urgent of ${report.findings.length} flagged certificates (GitHub limits an output to 1 MB); the report file holds all of them.`
    )
  }
  for (const [name, value] of Object.entries(buildOutputs(report, reportFile, findings.json))) core.setOutput(name, value)
  annotate(report)
  try {
    await core.summary.addRaw(renderSummary(report)).write()
  } catch (error) {
    core.warning(`Could not write the job summary: ${error instanceof Error ? error.message : String(error)}`)
  }
}
