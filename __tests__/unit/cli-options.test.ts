/**
 * The command's options are the action's inputs: every input of action.yml is offered (under its name, or
 * renamed) or is GitHub's own; same defaults, same parsers, and messages that name the command's options.
 */
import { describe, expect, it } from '@jest/globals'
import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { parse } from 'yaml'
import { ROOT } from '../../emulator/run-action.js'
import {
  asCommandMessage,
  buildProgram,
  GITHUB_ONLY_INPUTS,
  parseCommandLine,
  RENAMED_INPUTS,
  SHARED_INPUTS
} from '../../src/cli/options.js'
import { readInputs } from '../../src/inputs.js'

interface ActionInputs {
  inputs: Record<string, { description: string; default?: string }>
}
const action = parse(await readFile(join(ROOT, 'action.yml'), 'utf8')) as ActionInputs
const env = { AWS_REGION: 'eu-west-1' }
const silent = { out: () => undefined, err: () => undefined }
const squeeze = (text: string) => text.replace(/\s+/gu, ' ').trim()

function parsed(argv: string[], isTty = false) {
  return parseCommandLine(argv, env, silent, isTty)
}

describe('one definition of the options', () => {
  it('offers every input of action.yml, under its name or renamed, except the GitHub-only ones', () => {
    const offered = [...SHARED_INPUTS, ...Object.keys(RENAMED_INPUTS)]
    expect(new Set([...offered, ...GITHUB_ONLY_INPUTS])).toEqual(new Set(Object.keys(action.inputs)))
    expect(offered.filter((name) => (GITHUB_ONLY_INPUTS as readonly string[]).includes(name))).toEqual([])
  })

  it("has action.yml's description and default for each shared input, in --help too", () => {
    let help = ''
    const program = buildProgram({ out: (text) => (help += text), err: () => undefined })
    program.outputHelp()
    for (const name of SHARED_INPUTS) {
      const option = program.options.find((candidate) => candidate.long === `--${name}`)
      const input = action.inputs[name] as { description: string; default?: string }
      expect({ name, description: option?.description }).toEqual({ name, description: squeeze(input.description) })
      expect({ name, default: option?.defaultValue ?? '' }).toEqual({ name, default: input.default ?? '' })
      expect(squeeze(help)).toContain(squeeze(input.description))
    }
    expect(help).toContain('--role-arn <value>')
    expect(help).toMatch(/Exit codes:/u)
  })

  it('gives the Inputs the action reads from its defaults when no option is given', async () => {
    const result = await parsed([])
    const defaults = readInputs((name) => (name === 'github-token' ? '' : (action.inputs[name]?.default ?? '')), env)
    expect(result).toMatchObject({ kind: 'run', options: { format: 'json' } })
    if (result.kind !== 'run') throw new Error('not run')
    // The tracking issue is GitHub's: the command leaves it off (create: false).
    expect({ ...result.options.inputs, tracking: null }).toEqual({ ...defaults, tracking: null })
    expect(result.options.inputs.tracking.create).toBe(false)
  })

  it('parses options with the action’s parsers, lists repeated, table by default on a terminal', async () => {
    const result = await parsed(
      [
        '--days',
        '45',
        '--regions',
        'us-east-1',
        '--regions',
        'eu-west-1',
        '--role-arn',
        'arn:aws:iam::123456789012:role/a',
        '--external-id',
        'x-1'
      ],
      true
    )
    if (result.kind !== 'run') throw new Error(JSON.stringify(result))
    expect(result.options).toMatchObject({
      format: 'table',
      externalId: 'x-1',
      inputs: {
        days: 45,
        regions: ['us-east-1', 'eu-west-1'],
        roles: [{ arn: 'arn:aws:iam::123456789012:role/a', account: '123456789012' }]
      }
    })
  })

  it("takes the profile's region when neither AWS_REGION nor AWS_DEFAULT_REGION is set, as the AWS CLI does", async () => {
    const asked: Array<string | undefined> = []
    const regionOf = async (profile: string | undefined) => {
      asked.push(profile)
      return 'ap-southeast-2'
    }
    const fromProfile = await parseCommandLine(['--profile', 'laptop'], {}, silent, false, regionOf)
    expect(fromProfile).toMatchObject({
      kind: 'run',
      options: { inputs: { regions: ['ap-southeast-2'] }, env: { AWS_REGION: 'ap-southeast-2' } }
    })
    expect(asked).toEqual(['laptop'])
    const fromEnv = await parseCommandLine([], { AWS_DEFAULT_REGION: 'eu-north-1' }, silent, false, regionOf)
    expect(fromEnv).toMatchObject({ kind: 'run', options: { inputs: { regions: ['eu-north-1'] } } })
    expect(asked).toEqual(['laptop'])
    const none = await parseCommandLine([], {}, silent, false, async () => undefined)
    expect(none).toMatchObject({ kind: 'run', options: { inputs: { regions: ['us-east-1'] } } })
  })

  it.each([
    [['--fail-on', 'sometimes'], `Option --fail-on must be one of expiring, critical, expired, never; got "sometimes".`],
    [
      ['--member-role-name', 'm', '--role-arn', 'arn:aws:iam::123456789012:role/a,arn:aws:iam::210987654321:role/b'],
      /--role-arn must name at most one role/u
    ],
    [['--external-id', 'abc'], 'Option --external-id is passed to sts:AssumeRole, so it needs --role-arn.'],
    [['--regions'], /^option '--regions <value>' argument missing\. Run acm-expiry-audit --help/u],
    [['extra'], /^too many arguments/u]
  ])('refuses %j with one message naming the option', async (argv, message) => {
    const result = await parsed(argv)
    expect(result.kind).toBe('usage')
    if (result.kind === 'usage') {
      expect(result.message).not.toContain('\n')
      if (typeof message === 'string') expect(result.message).toBe(message)
      else expect(result.message).toMatch(message)
    }
  })

  it("rewrites an input's message into the command's words, leaving values alone", () => {
    expect(asCommandMessage("Input 'regions' mixes 'all' with region names. Use either 'all' or a list.")).toBe(
      "Option --regions mixes 'all' with region names. Use either 'all' or a list."
    )
    expect(asCommandMessage("Input 'role-to-assume' has a value")).toBe('Option --role-arn has a value')
    expect(asCommandMessage("Input 'create-issue' is true")).toBe("Input 'create-issue' is true")
  })
})
