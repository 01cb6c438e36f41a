import { spawn } from 'node:child_process'
import { mkdtemp, readFile, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { parse } from 'yaml'
import { STATIC_ACCESS_KEY_ID, STATIC_SECRET_ACCESS_KEY } from './aws-emulator.js'

export const ROOT = resolve(import.meta.dirname ?? new URL('.', import.meta.url).pathname, '..')
export const BUNDLE = join(ROOT, 'dist', 'index.js')

interface ActionMetadata {
  inputs: Record<string, { default?: string }>
  outputs: Record<string, { description: string }>
}

export async function actionMetadata(): Promise<ActionMetadata> {
  return parse(await readFile(join(ROOT, 'action.yml'), 'utf8')) as ActionMetadata
}

export interface ActionRun {
  exitCode: number | null
  stdout: string
  stderr: string
  summary: string
  outputs: Record<string, string>
  env: Record<string, string>
}

/** The runner's input variable name: INPUT_ + the name upper-cased, spaces to underscores, hyphens kept. */
export function inputVariable(name: string): string {
  return `INPUT_${name.replace(/ /gu, '_').toUpperCase()}`
}

/** Parses a GITHUB_OUTPUT file (name=value lines and name<<DELIMITER blocks). */
export function parseOutputFile(text: string): Record<string, string> {
  const outputs: Record<string, string> = {}
  const lines = text.split('\n')
  for (let i = 0; i < lines.length; i += 1) {
    const line = lines[i] as string
    const heredoc = /^([^=<]+)<<(.+)$/u.exec(line)
    if (heredoc) {
      const [, name, delimiter] = heredoc as unknown as [string, string, string]
      const value: string[] = []
      for (i += 1; i < lines.length && lines[i] !== delimiter; i += 1) value.push(lines[i] as string)
      outputs[name] = value.join('\n')
    } else if (line.includes('=')) {
      outputs[line.slice(0, line.indexOf('='))] = line.slice(line.indexOf('=') + 1)
    }
  }
  return outputs
}

export interface RunOptions {
  inputs?: Record<string, string>
  /** Extra environment; a value of undefined removes a variable the harness would set. */
  env?: Record<string, string | undefined>
  /** AWS endpoint (the emulator's URL). */
  endpoint?: string
  timeoutMs?: number
}

/**
 * Runs dist/index.js the way the runner does: inputs as INPUT_* variables with action.yml's defaults,
 * and the runner's files for the summary and outputs. The environment starts empty, so nothing from
 * this machine (credentials, AWS config) leaks in.
 */
export async function runAction(options: RunOptions = {}): Promise<ActionRun> {
  const metadata = await actionMetadata()
  const work = await mkdtemp(join(tmpdir(), 'acm-expiry-audit-run-'))
  const summaryFile = join(work, 'summary.md')
  const outputFile = join(work, 'output.txt')
  await writeFile(summaryFile, '')
  await writeFile(outputFile, '')
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? '',
    HOME: work,
    RUNNER_TEMP: work,
    GITHUB_STEP_SUMMARY: summaryFile,
    GITHUB_OUTPUT: outputFile,
    GITHUB_ACTION: 'audit',
    GITHUB_REPOSITORY: 'octo-org/infrastructure',
    GITHUB_SERVER_URL: 'https://github.com',
    GITHUB_RUN_ID: '4242',
    AWS_CONFIG_FILE: join(work, 'no-aws-config'),
    AWS_SHARED_CREDENTIALS_FILE: join(work, 'no-aws-credentials'),
    AWS_EC2_METADATA_DISABLED: 'true',
    AWS_REGION: 'us-east-1',
    AWS_ACCESS_KEY_ID: STATIC_ACCESS_KEY_ID,
    AWS_SECRET_ACCESS_KEY: STATIC_SECRET_ACCESS_KEY,
    ...(options.endpoint ? { AWS_ENDPOINT_URL: options.endpoint } : {})
  }
  for (const [name, input] of Object.entries(metadata.inputs)) env[inputVariable(name)] = input.default ?? ''
  for (const [name, value] of Object.entries(options.inputs ?? {})) env[inputVariable(name)] = value
  for (const [name, value] of Object.entries(options.env ?? {})) {
    if (value === undefined) delete env[name]
    else env[name] = value
  }
  const child = spawn(process.execPath, [BUNDLE], { env, cwd: work, stdio: ['ignore', 'pipe', 'pipe'] })
  let stdout = ''
  let stderr = ''
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')))
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')))
  const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 60_000)
  const exitCode = await new Promise<number | null>((resolve) => child.on('close', resolve))
  clearTimeout(timer)
  return {
    exitCode,
    stdout,
    stderr,
    summary: await readFile(summaryFile, 'utf8'),
    outputs: parseOutputFile(await readFile(outputFile, 'utf8')),
    env
  }
}
