import { fromNodeProviderChain } from '@aws-sdk/credential-providers'
import { stat, writeFile } from 'node:fs/promises'
import { dirname, resolve } from 'node:path'
import { type AuditHost, auditOrMerge } from '../audit.js'
import { assumeRolesAsCaller } from '../aws/assumed-roles.js'
import { profileRegion } from '../aws/profile-region.js'
import { decideOutcome } from '../classify/outcome.js'
import { type AuditReport, buildReport, describeLocation } from '../classify/report.js'
import { reportFileText } from '../render/report-file.js'
import { renderSummary } from '../render/summary.js'
import { renderTerminal } from '../render/terminal.js'
import { messageOf } from '../shared/format.js'
import { type CommandOptions, parseCommandLine } from './options.js'
import { createProgress } from './progress.js'

/** Exit codes, as --help and the README document them. */
export const EXIT = { ok: 0, policy: 1, usage: 2, incomplete: 3 } as const

export interface Stream {
  write(text: string): unknown
  isTTY?: boolean
  columns?: number
}

export interface Terminal {
  argv: readonly string[]
  env: NodeJS.ProcessEnv
  stdout: Stream
  stderr: Stream
}

/** The command: parse the options (no AWS call when they are wrong), audit, print, and say how it went. */
export async function runCommand(terminal: Terminal): Promise<number> {
  const { env, stdout, stderr } = terminal
  const parsed = await parseCommandLine(
    terminal.argv,
    env,
    { out: (text) => stdout.write(text), err: (text) => stderr.write(text) },
    stdout.isTTY === true,
    profileRegion
  )
  if (parsed.kind === 'done') return EXIT.ok
  if (parsed.kind === 'usage') {
    stderr.write(`acm-expiry-audit: ${parsed.message}\n`)
    return EXIT.usage
  }
  const options = parsed.options
  const outputProblem = options.output ? await unwritableFolder(options.output) : undefined
  if (outputProblem) {
    stderr.write(`acm-expiry-audit: ${outputProblem}\n`)
    return EXIT.usage
  }
  const credentials = fromNodeProviderChain(options.profile ? { profile: options.profile } : {})
  if (!options.inputs.merge) {
    // Resolved once here (the chain keeps them), so that missing credentials are told in a terminal's words.
    try {
      await credentials()
    } catch (error) {
      stderr.write(`acm-expiry-audit: ${noCredentials(options.profile, error)}\n`)
      return EXIT.incomplete
    }
  }
  const progress = stderr.isTTY ? createProgress(stderr) : undefined
  const host: AuditHost = {
    sessions: {
      kind: 'caller',
      credentials,
      assumeRoles: (roles, home, renewBeforeMs) =>
        assumeRolesAsCaller(
          roles,
          home,
          {
            sessionName: options.inputs.roleSessionName,
            durationSeconds: options.inputs.roleDurationSeconds,
            ...(options.externalId ? { externalId: options.externalId } : {})
          },
          { mask: () => undefined, renewBeforeMs }
        )
    },
    mask: () => undefined,
    info: (message) => progress?.note(message),
    warning: (message) => (progress ? progress.note(`Warning: ${message}`) : stderr.write(`Warning: ${message}\n`)),
    onRegionScanned: (scan) => progress?.scanned(scan),
    onRegionsPlanned: (total) => progress?.planned(total)
  }
  let report: AuditReport
  try {
    const result = await auditOrMerge(options.inputs, options.env, new Date(), host)
    report = buildReport({ ...result, failOnUnused: options.inputs.failOnUnused })
  } catch (error) {
    progress?.clear()
    stderr.write(`acm-expiry-audit: the audit could not start: ${messageOf(error)}\n`)
    return EXIT.incomplete
  } finally {
    progress?.clear()
  }
  stdout.write(render(report, options, terminal))
  let code: number = EXIT.ok
  if (options.output) {
    try {
      await writeFile(options.output, reportFileText(report), 'utf8')
    } catch (error) {
      stderr.write(`acm-expiry-audit: could not write the report file ${options.output}: ${messageOf(error)}\n`)
      code = EXIT.incomplete
    }
  }
  if (!report.complete) {
    for (const failure of report.failures) {
      stderr.write(`Not read: ${describeLocation(failure, report.accountNames)}: ${failure.message.replace(/\s+/gu, ' ')}\n`)
    }
    return EXIT.incomplete
  }
  const outcome = decideOutcome(report, options.inputs.failOn)
  if (outcome.failed) {
    stderr.write(
      `${outcome.message.replace(/\. See the job summary for what to do\.$/u, '')} (--fail-on ${options.inputs.failOn}).\n`
    )
    return code === EXIT.ok ? EXIT.policy : code
  }
  return code
}

function render(report: AuditReport, options: CommandOptions, terminal: Terminal): string {
  switch (options.format) {
    case 'json':
      return reportFileText(report)
    case 'markdown':
      return renderSummary(report)
    case 'table':
      return renderTerminal(report, {
        color: terminal.stdout.isTTY === true && !terminal.env.NO_COLOR,
        ...(terminal.stdout.columns ? { columns: terminal.stdout.columns } : {})
      })
  }
}

/** Nothing was read: no credentials, and how to give some. */
function noCredentials(profile: string | undefined, error: unknown): string {
  const detail = messageOf(error).replace(/\s+/gu, ' ').trim()
  const fix = profile
    ? `Check that profile ${JSON.stringify(profile)} exists in ~/.aws/config (or AWS_CONFIG_FILE); for an SSO profile, run aws sso login --profile ${profile} first.`
    : 'Choose a profile with --profile or AWS_PROFILE (for SSO, run aws sso login --profile NAME first), or set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY.'
  return `No AWS credentials, so nothing was audited. ${fix} The AWS SDK said: ${detail}`
}

/** Why the report file could not be written where --output says, checked before any AWS call. */
async function unwritableFolder(path: string): Promise<string | undefined> {
  const folder = dirname(resolve(path))
  try {
    if (!(await stat(folder)).isDirectory()) return `Option --output names a file in ${folder}, which is not a folder.`
  } catch {
    return `Option --output names a file in ${folder}, which does not exist: create the folder or choose another path.`
  }
  return undefined
}
