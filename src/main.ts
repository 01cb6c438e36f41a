import * as core from '@actions/core'
import { runAudit } from './aws/audit-run.js'
import { type ClientSettings, createAcmClient, DEFAULT_CLIENT_SETTINGS, listEnabledRegions } from './aws/clients.js'
import { type CredentialTarget, resolveTargets } from './aws/credentials.js'
import { MissingIdTokenPermissionError } from './aws/oidc-token.js'
import { assumeRoleWithWebIdentity, callerAccount } from './aws/sts.js'
import { decideOutcome } from './classify/outcome.js'
import { buildReport } from './classify/report.js'
import { publish, type Runner } from './github/publish.js'
import { readInputs } from './inputs.js'
import { regionLog } from './render/region-log.js'
import { homeRegion } from './shared/aws-names.js'
import { messageOf } from './shared/format.js'
import { InputError } from './shared/parse.js'
import type { Inputs, RegionScan } from './types.js'

/** @actions/core as the publishing stage sees it. */
const runner: Runner = {
  setOutput: core.setOutput,
  warning: core.warning,
  info: core.info,
  error: core.error,
  notice: core.notice,
  writeSummary: async (markdown) => {
    await core.summary.addRaw(markdown).write()
  }
}

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
    const report = buildReport({
      ...result,
      failOnUnused: inputs.failOnUnused,
      setupFailures: [...auth.failures, ...result.setupFailures]
    })
    const trackingError = await publish(report, inputs.tracking, env, runner)
    const outcome = decideOutcome(report, inputs.failOn)
    const failures = [trackingError, outcome.failed ? outcome.message : undefined].filter(Boolean)
    if (failures.length > 0) core.setFailed(failures.join('\n'))
    else
      core.info(
        report.findings.length > 0 ? `${report.findings.length} certificates flagged; fail-on is ${inputs.failOn}.` : 'All clear.'
      )
  } catch (error) {
    if (error instanceof MissingIdTokenPermissionError) core.setFailed(error.message)
    else core.setFailed(`The audit stopped unexpectedly: ${messageOf(error)}`)
  }
}

function logRegion(scan: RegionScan): void {
  const { title, lines } = regionLog(scan)
  core.startGroup(title)
  for (const line of lines) core.info(line)
  core.endGroup()
}
