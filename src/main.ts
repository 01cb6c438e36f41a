import * as core from '@actions/core'
import { annotate } from './annotate.js'
import { runAudit } from './audit.js'
import { buildReport } from './audit-report.js'
import { type ClientSettings, createAcmClient, DEFAULT_CLIENT_SETTINGS, listEnabledRegions } from './aws-clients.js'
import { InputError, type Inputs, readInputs } from './inputs.js'
import { MissingIdTokenPermissionError } from './oidc-token.js'
import { decideOutcome } from './outcome.js'
import { buildOutputs, findingsOutput } from './outputs.js'
import { regionLog } from './region-log.js'
import { homeRegion } from './regions.js'
import { writeReportFile } from './report-file.js'
import { assumeRoleWithWebIdentity, callerAccount } from './sts.js'
import { renderSummary } from './summary.js'
import { type CredentialTarget, resolveTargets } from './targets.js'
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
    const home = homeRegion(inputs.regions, env)
    const settings = (region: string, target?: CredentialTarget): ClientSettings => ({
      ...DEFAULT_CLIENT_SETTINGS,
      region,
      ...(target?.credentials ? { credentials: target.credentials } : {})
    })
    const auth = await resolveTargets(inputs, env, {
      getIdToken: (audience) => core.getIDToken(audience),
      assumeRole: (request) => assumeRoleWithWebIdentity(settings(home), request),
      callerAccount: () => callerAccount(settings(home)),
      mask: (secret) => core.setSecret(secret)
    })
    const result = await runAudit(
      { targets: auth.targets, regions: inputs.regions, discoveryRegion: home, settings: { now, ...inputs } },
      {
        createAcmClient: (target, region) => createAcmClient(settings(region, target)),
        listEnabledRegions: (target, region) => listEnabledRegions(settings(region, target)),
        onRegionScanned: logRegion
      }
    )
    const report = buildReport({ ...result, setupFailures: [...auth.failures, ...result.setupFailures] })
    await publish(report, env)
    const outcome = decideOutcome(report, inputs.failOn)
    if (outcome.failed) core.setFailed(outcome.message)
    else core.info(report.findings.length > 0 ? `${report.findings.length} certificates flagged; fail-on is ${inputs.failOn}.` : 'All clear.')
  } catch (error) {
    if (error instanceof MissingIdTokenPermissionError) core.setFailed(error.message)
    else core.setFailed(`The audit stopped unexpectedly: ${error instanceof Error ? error.message : String(error)}`)
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
