import { spawn } from 'node:child_process'
import { mkdtemp, readFile, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { performance } from 'node:perf_hooks'
import type { Readable } from 'node:stream'
import { parse } from 'yaml'
import { STATIC_ACCESS_KEY_ID, STATIC_SECRET_ACCESS_KEY } from './aws-emulator.js'

export const ROOT = resolve(import.meta.dirname ?? new URL('.', import.meta.url).pathname, '..')
/** The bundle runAction runs: dist/index.js, or another build named by ACM_EXPIRY_AUDIT_BUNDLE (to test it the same way). */
export const BUNDLE = process.env.ACM_EXPIRY_AUDIT_BUNDLE || join(ROOT, 'dist', 'index.js')
/** Preload that reports the process's peak RSS and CPU time on fd 3 (see RunOptions.measure). */
export const RESOURCE_USAGE_PRELOAD = join(ROOT, 'emulator', 'resource-usage.cjs')

interface ActionMetadata {
  inputs: Record<string, { default?: string }>
  outputs: Record<string, { description: string }>
}

export async function actionMetadata(): Promise<ActionMetadata> {
  return parse(await readFile(join(ROOT, 'action.yml'), 'utf8')) as ActionMetadata
}

/** Report files the runs of this process wrote (the tests check each against schema/report.schema.json). */
export const producedReportFiles: string[] = []

export interface ActionRun {
  exitCode: number | null
  stdout: string
  stderr: string
  summary: string
  outputs: Record<string, string>
  env: Record<string, string>
  /** Milliseconds from spawning the process to its exit. */
  wallMs: number
  /** Only with RunOptions.measure: what the process reported about itself as it exited. */
  resources?: ResourceUsage
}

/** A process's own account of its resources, read at exit (process.resourceUsage()). */
export interface ResourceUsage {
  /** Peak resident set size, in KiB (Linux: VmHWM of the process image; elsewhere getrusage's maxrss). */
  maxRssKb: number
  /** getrusage's maxrss, in KiB: on Linux it can include a peak from before exec (the spawning process's). */
  getrusageMaxRssKb?: number
  /** With RunOptions.retainedEveryMs: the most heap in use plus external memory after a full collection, in KiB. */
  retainedKb?: number
  userCpuMs: number
  systemCpuMs: number
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
  /** What `${{ github.token }}` evaluates to. */
  githubToken?: string
  /**
   * Report the process's peak RSS and CPU time (ActionRun.resources): node is started with a tiny preload
   * that writes process.resourceUsage() to an extra pipe at exit. Off by default: without it the process
   * is spawned exactly as the runner does.
   */
  measure?: boolean
  /**
   * With measure: run a full garbage collection this often and report the most memory held after one
   * (ResourceUsage.retainedKb). It changes how the process runs: never combined with timing.
   */
  retainedEveryMs?: number
  /** Extra node options placed before the bundle (for example --cpu-prof), for profiling only. */
  nodeArgs?: string[]
  /** The bundle to run instead of BUNDLE (for example a copy of the committed dist/index.js). */
  bundle?: string
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
    ...(options.endpoint ? { AWS_ENDPOINT_URL: options.endpoint, GITHUB_API_URL: `${options.endpoint}/github` } : {})
  }
  // The runner evaluates expressions in defaults; the only one action.yml uses is the job's token.
  const token = options.githubToken ?? 'ghs_emulator_write_token'
  for (const [name, input] of Object.entries(metadata.inputs)) {
    env[inputVariable(name)] = (input.default ?? '').replace(/\$\{\{\s*github\.token\s*\}\}/gu, token)
  }
  for (const [name, value] of Object.entries(options.inputs ?? {})) env[inputVariable(name)] = value
  for (const [name, value] of Object.entries(options.env ?? {})) {
    if (value === undefined) delete env[name]
    else env[name] = value
  }
  if (options.retainedEveryMs) env.ACM_EXPIRY_AUDIT_RETAINED_EVERY_MS = String(options.retainedEveryMs)
  const gcArgs = options.retainedEveryMs ? ['--expose-gc'] : []
  const measured = await spawnNode([...gcArgs, ...(options.nodeArgs ?? []), options.bundle ?? BUNDLE], {
    env,
    cwd: work,
    timeoutMs: options.timeoutMs ?? 60_000,
    measure: options.measure ?? false
  })
  const outputs = parseOutputFile(await readFile(outputFile, 'utf8'))
  if (outputs['report-file']) producedReportFiles.push(outputs['report-file'])
  return {
    exitCode: measured.exitCode,
    stdout: measured.stdout,
    stderr: measured.stderr,
    summary: await readFile(summaryFile, 'utf8'),
    outputs,
    env,
    wallMs: measured.wallMs,
    ...(measured.resources ? { resources: measured.resources } : {})
  }
}

export interface NodeRun {
  exitCode: number | null
  stdout: string
  stderr: string
  wallMs: number
  resources?: ResourceUsage
}

/**
 * Spawns this Node.js binary with `args`, timing it from spawn to exit; with `measure`, preloads
 * RESOURCE_USAGE_PRELOAD and reads its report from fd 3. runAction uses it, and so can a benchmark for
 * a bare `node -e ""` measured the same way.
 */
export async function spawnNode(
  args: readonly string[],
  options: { env: NodeJS.ProcessEnv; cwd: string; timeoutMs: number; measure: boolean }
): Promise<NodeRun> {
  const argv = options.measure ? ['--require', RESOURCE_USAGE_PRELOAD, ...args] : [...args]
  const stdio = options.measure ? (['ignore', 'pipe', 'pipe', 'pipe'] as const) : (['ignore', 'pipe', 'pipe'] as const)
  const started = performance.now()
  const child = spawn(process.execPath, argv, { env: options.env, cwd: options.cwd, stdio: [...stdio] })
  let stdout = ''
  let stderr = ''
  let report = ''
  child.stdout?.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')))
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')))
  ;(child.stdio[3] as Readable | undefined)?.on('data', (chunk: Buffer) => (report += chunk.toString('utf8')))
  let wallMs = 0
  child.on('exit', () => (wallMs = performance.now() - started))
  const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs)
  const exitCode = await new Promise<number | null>((resolve) => child.on('close', resolve))
  clearTimeout(timer)
  const resources = report.trim() ? (JSON.parse(report.trim()) as ResourceUsage) : undefined
  return { exitCode, stdout, stderr, wallMs, ...(resources ? { resources } : {}) }
}
