import * as core from '@actions/core'
import { annotate } from './annotate.js'
import { runAudit } from './audit.js'
import { type AuditReport, buildReport } from './audit-report.js'
import { type ClientSettings, createAcmClient, DEFAULT_CLIENT_SETTINGS, listEnabledRegions } from './aws-clients.js'
import { InputError, type Inputs, readInputs } from './inputs.js'
import { MissingIdTokenPermissionError } from './oidc-token.js'
import { decideOutcome } from './outcome.js'
import { buildOutputs, findingsOutput } from './outputs.js'
import { regionLog } from './region-log.js'
import { homeRegion } from './regions.js'
import { writeReportFile } from './report-file.js'
import { assumeRoleWithWebIdentity, callerAccount } from './sts.js'
import { repositoryFromEnv, runUrlFromEnv } from './github-context.js'
import { renderSummary } from './summary.js'
import { type CredentialTarget, resolveTargets } from './targets.js'
import { syncTrackingIssue, type TrackingOutcome } from './tracking-issue.js'
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
  if (inputs.tracking.token) core.setSecret(inputs.tracking.token)
  core.debug(`Inputs: ${JSON.stringify({ ...inputs, tracking: { ...inputs.tracking, token: '***' } })}`)
  try {
    const now = new Date()
    const home = homeRegion(inputs.regions, env)
    const settings = (region: string, target?: CredentialTarget): ClientSettings => ({
      ...DEFAULT_CLIENT_SETTINGS,
      requestTimeoutMs: inputs.requestTimeoutMs,
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
    const trackingError = await publish(report, inputs, env)
    const outcome = decideOutcome(report, inputs.failOn)
    const failures = [trackingError, outcome.failed ? outcome.message : undefined].filter(Boolean)
    if (failures.length > 0) core.setFailed(failures.join('\n'))
    else
      core.info(
        report.findings.length > 0 ? `${report.findings.length} certificates flagged; fail-on is ${inputs.failOn}.` : 'All clear.'
      )
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

/**
 * Report file, outputs, annotations, tracking issue and job summary; a failure of one never stops the
 * others. Returns the tracking issue's error, if any, for the step to fail with.
 */
async function publish(report: AuditReport, inputs: Inputs, env: NodeJS.ProcessEnv): Promise<string | undefined> {
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
  setOutputs(buildOutputs(report, reportFile, findings.json))
  annotate(report)
  let tracking: TrackingOutcome | undefined
  let trackingError: string | undefined
  if (inputs.tracking.create) {
    try {
      tracking = await keepTrackingIssue(report, inputs, env)
    } catch (error) {
      trackingError = error instanceof Error ? error.message : String(error)
    }
  }
  setOutputs({ 'issue-number': tracking?.number === undefined ? '' : String(tracking.number), 'issue-url': tracking?.url ?? '' })
  if (tracking && tracking.action !== 'none') core.info(`Tracking issue #${tracking.number} ${tracking.action}: ${tracking.url}`)
  try {
    await core.summary.addRaw(renderSummary(report, { trackingIssue: tracking, trackingError })).write()
  } catch (error) {
    core.warning(`Could not write the job summary: ${error instanceof Error ? error.message : String(error)}`)
  }
  return trackingError
}

/** Sets outputs; a runner output file that cannot be written costs a warning, not the rest of the results. */
function setOutputs(outputs: Record<string, string>): void {
  try {
    for (const [name, value] of Object.entries(outputs)) core.setOutput(name, value)
  } catch (error) {
    core.warning(`Could not set the step outputs: ${error instanceof Error ? error.message : String(error)}`)
  }
}

async function keepTrackingIssue(report: AuditReport, inputs: Inputs, env: NodeJS.ProcessEnv): Promise<TrackingOutcome> {
  const repository = repositoryFromEnv(env)
  if (!repository) throw new Error('GITHUB_REPOSITORY is not set, so there is no repository to keep the tracking issue in.')
  // Octokit is loaded only when there is a tracking issue to keep.
  const { getOctokit } = await import('@actions/github')
  const octokit = getOctokit(inputs.tracking.token, env.GITHUB_API_URL ? { baseUrl: env.GITHUB_API_URL } : {})
  return syncTrackingIssue(octokit, repository, inputs.tracking, report, runUrlFromEnv(env))
}
