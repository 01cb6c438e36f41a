import { Command, CommanderError, Option } from 'commander'
import { ACTION_INPUTS } from './action-inputs.js'
import { readInputs } from '../inputs.js'
import { InputError } from '../shared/parse.js'
import { ACTION_VERSION } from '../shared/report-format.js'
import type { Inputs } from '../types.js'

/** The action's inputs the command offers under the same name, default, validation and description. */
export const SHARED_INPUTS = [
  'regions',
  'days',
  'critical-days',
  'lifetime-percent',
  'fail-on',
  'fail-on-unused',
  'statuses',
  'key-types',
  'ignore',
  'ignore-tag',
  'role-session-name',
  'role-duration-seconds',
  'member-role-name',
  'accounts',
  'exclude-accounts',
  'shard',
  'merge-reports',
  'expected-reports',
  'aws-request-timeout'
] as const

/** Inputs offered under another name, because the command does the same thing another way. */
export const RENAMED_INPUTS: Readonly<Record<string, { flag: string; description: string }>> = {
  'role-to-assume': {
    flag: 'role-arn',
    description:
      'IAM role ARN to assume with sts:AssumeRole from your credentials, or several (commas, spaces or newlines, or the option repeated), typically one per account. Empty: your credentials themselves.'
  }
}

/** Inputs that only make sense on GitHub (the workflow's OIDC token, the tracking issue): not offered. */
export const GITHUB_ONLY_INPUTS = [
  'audience',
  'create-issue',
  'github-token',
  'issue-title',
  'issue-labels',
  'issue-assignees',
  'close-issue'
] as const

/** Inputs that take a list: a repeated option adds to it. */
const LIST_INPUTS = new Set(['regions', 'statuses', 'key-types', 'ignore', 'role-to-assume', 'accounts', 'exclude-accounts'])

export type Format = 'table' | 'json' | 'markdown'

export interface CommandOptions {
  inputs: Inputs
  /** The environment the audit runs with: AWS_REGION set to the profile's region when only the profile names one. */
  env: NodeJS.ProcessEnv
  format: Format
  output?: string
  profile?: string
  externalId?: string
}

/** What the command line asked for: run the audit, or print help or the version (already written). */
export type Parsed = { kind: 'run'; options: CommandOptions } | { kind: 'done' } | { kind: 'usage'; message: string }

const EXIT_CODES = `Exit codes:
  0  everything was read and no certificate fails the policy (--fail-on)
  1  everything was read and certificates fail the policy (--fail-on)
  2  usage error: an unknown option or an invalid value (nothing is asked of AWS)
  3  the audit is incomplete: a region, account or report file could not be read (named on stderr),
     or the --output file could not be written; every finding read is printed all the same`

/** The command's option for an input: its flag and description. */
export function flagOf(input: string): string {
  return `--${RENAMED_INPUTS[input]?.flag ?? input}`
}

/** The commander program: the action's inputs (from action.yml), then what only the command has. */
export function buildProgram(write: { out(text: string): void; err(text: string): void }): Command {
  const program = new Command('acm-expiry-audit')
    .description(
      'Audit AWS Certificate Manager certificates that expire soon, across regions and accounts, and say what to do about each.'
    )
    .version(ACTION_VERSION, '--version', 'Print the version.')
    .helpOption('-h, --help', 'Print this help.')
    .addHelpText('after', `\n${EXIT_CODES}\n`)
    .exitOverride()
    .configureOutput({ writeOut: write.out, writeErr: () => undefined })
    .allowExcessArguments(false)
  for (const name of [...SHARED_INPUTS, ...Object.keys(RENAMED_INPUTS)]) {
    const input = ACTION_INPUTS[name]
    if (!input) throw new Error(`action.yml has no input ${name}.`)
    const renamed = RENAMED_INPUTS[name]
    const option = new Option(`${flagOf(name)} <value>`, renamed?.description ?? input.description)
    if (input.default !== '') option.default(input.default)
    if (LIST_INPUTS.has(name)) option.argParser((value: string, previous: unknown) => appendList(value, previous, input.default))
    program.addOption(option)
  }
  program
    .addOption(
      new Option(
        '--profile <name>',
        'AWS profile to use (SSO, credential_process, role_arn, keys); default AWS_PROFILE, then the SDK default chain.'
      )
    )
    .addOption(new Option('--external-id <id>', 'External id to pass to sts:AssumeRole for each --role-arn.'))
    .addOption(
      new Option(
        '--format <format>',
        'What to print: table (default on a terminal), json (the report file; default otherwise) or markdown (the job summary).'
      ).choices(['table', 'json', 'markdown'])
    )
    .addOption(new Option('--output <file>', 'Also write the report file (JSON, schema/report.schema.json) to this path.'))
  return program
}

/** A repeated list option adds to the list; the first one given replaces the default. */
function appendList(value: string, previous: unknown, fallback: string): string {
  return typeof previous === 'string' && previous !== fallback ? `${previous},${value}` : value
}

/**
 * Parses the command line into the action's typed Inputs, with the action's own parsers (so the same
 * validation), and their messages naming the command's options. Nothing here calls AWS.
 */
export async function parseCommandLine(
  argv: readonly string[],
  env: NodeJS.ProcessEnv,
  write: { out(text: string): void; err(text: string): void },
  isTty: boolean,
  regionOf: (profile: string | undefined) => Promise<string | undefined> = async () => undefined
): Promise<Parsed> {
  const program = buildProgram(write)
  try {
    program.parse([...argv], { from: 'user' })
  } catch (error) {
    if (error instanceof CommanderError) {
      if (error.code === 'commander.helpDisplayed' || error.code === 'commander.version') return { kind: 'done' }
      return {
        kind: 'usage',
        message: `${error.message.replace(/^error: /u, '').replace(/\s*\n\s*/gu, ' ')}. Run acm-expiry-audit --help for the options.`
      }
    }
    throw error
  }
  const values = program.opts<Record<string, string | undefined>>()
  const optionValue = (input: string) => values[camelCase(RENAMED_INPUTS[input]?.flag ?? input)] ?? ''
  const offered = new Set<string>([...SHARED_INPUTS, ...Object.keys(RENAMED_INPUTS)])
  // As the AWS CLI does: AWS_REGION (or AWS_DEFAULT_REGION), else the profile's region, else us-east-1.
  const profileRegion = env.AWS_REGION?.trim() || env.AWS_DEFAULT_REGION?.trim() ? undefined : await regionOf(values.profile)
  const regionEnv = profileRegion ? { ...env, AWS_REGION: profileRegion } : env
  let inputs: Inputs
  try {
    inputs = readInputs((name) => (offered.has(name) ? optionValue(name) : ''), regionEnv)
  } catch (error) {
    if (error instanceof InputError) return { kind: 'usage', message: asCommandMessage(error.message) }
    throw error
  }
  const externalId = values.externalId
  if (externalId !== undefined && !/^[\w+=,.@:/-]{2,1224}$/u.test(externalId)) {
    return {
      kind: 'usage',
      message: `Option --external-id must be 2 to 1,224 characters of letters, digits and + = , . @ : / _ -; got ${JSON.stringify(externalId)}.`
    }
  }
  if (externalId !== undefined && inputs.roles.length === 0) {
    return { kind: 'usage', message: 'Option --external-id is passed to sts:AssumeRole, so it needs --role-arn.' }
  }
  const format = (values.format as Format | undefined) ?? (isTty ? 'table' : 'json')
  return {
    kind: 'run',
    options: {
      inputs,
      env: regionEnv,
      format,
      ...(values.output ? { output: values.output } : {}),
      ...(values.profile ? { profile: values.profile } : {}),
      ...(externalId ? { externalId } : {})
    }
  }
}

function camelCase(flag: string): string {
  return flag.replace(/-([a-z])/gu, (_, letter: string) => letter.toUpperCase())
}

/** An input's message as the command's user reads it: "Input 'days'" becomes "Option --days", and so on. */
export function asCommandMessage(message: string): string {
  const known = (name: string) => name in ACTION_INPUTS && !(GITHUB_ONLY_INPUTS as readonly string[]).includes(name)
  return message
    .replace(/\bInput '([a-z-]+)'/gu, (text, name: string) => (known(name) ? `Option ${flagOf(name)}` : text))
    .replace(/'([a-z-]+)'/gu, (text, name: string) => (known(name) ? flagOf(name) : text))
}
