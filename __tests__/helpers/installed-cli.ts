import { execFile, spawn } from 'node:child_process'
import { mkdtemp, readdir, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { promisify } from 'node:util'
import { STATIC_ACCESS_KEY_ID, STATIC_SECRET_ACCESS_KEY } from '../../emulator/aws-emulator.js'
import { ROOT } from '../../emulator/run-action.js'

const run = promisify(execFile)

export interface InstalledCli {
  /** The installed command: PREFIX/bin/acm-expiry-audit. */
  bin: string
  /** The tarball npm pack made, and the folder everything lives in. */
  tarball: string
  work: string
  remove(): Promise<void>
}

/**
 * `npm pack` of the repository, then `npm install -g --prefix TMP` of the tarball, offline and with an empty
 * npm cache: the package installs with nothing but itself (every dependency is bundled in dist-cli/).
 */
export async function installPackedCli(): Promise<InstalledCli> {
  const work = await mkdtemp(join(tmpdir(), 'acm-expiry-audit-cli-'))
  const npm = {
    cwd: ROOT,
    env: { ...process.env, npm_config_cache: join(work, 'npm-cache'), npm_config_update_notifier: 'false' }
  }
  await run('npm', ['pack', '--pack-destination', work, '--silent'], npm)
  const tarball = join(work, (await readdir(work)).find((name) => name.endsWith('.tgz')) as string)
  const prefix = join(work, 'prefix')
  await run(
    'npm',
    ['install', '-g', '--prefix', prefix, '--offline', '--no-audit', '--no-fund', '--ignore-scripts', tarball],
    npm
  )
  return { bin: join(prefix, 'bin', 'acm-expiry-audit'), tarball, work, remove: () => rm(work, { recursive: true, force: true }) }
}

export interface CliRun {
  code: number | null
  stdout: string
  stderr: string
}

export interface CliOptions {
  /** The emulator's URL: AWS_ENDPOINT_URL. */
  endpoint?: string
  /** Extra environment; undefined removes a variable set here. */
  env?: Record<string, string | undefined>
  /**
   * Run on a pseudo-terminal (script(1)): stdout is a TTY of this many columns; stderr goes to /dev/null, or
   * with `stderr: true` to the terminal too (mixed into stdout, as a person sees them).
   */
  tty?: { columns: number; stderr?: boolean }
  home: string
}

/**
 * Runs the installed command with an environment that starts empty (nothing of this machine's AWS
 * configuration leaks in): the emulator's static keys, us-east-1, and no instance metadata.
 */
export async function runCli(bin: string, args: readonly string[], options: CliOptions): Promise<CliRun> {
  const env: Record<string, string> = {
    PATH: `${dirname(process.execPath)}:${process.env.PATH ?? ''}`,
    HOME: options.home,
    AWS_CONFIG_FILE: join(options.home, 'no-aws-config'),
    AWS_SHARED_CREDENTIALS_FILE: join(options.home, 'no-aws-credentials'),
    AWS_EC2_METADATA_DISABLED: 'true',
    AWS_REGION: 'us-east-1',
    AWS_ACCESS_KEY_ID: STATIC_ACCESS_KEY_ID,
    AWS_SECRET_ACCESS_KEY: STATIC_SECRET_ACCESS_KEY,
    ...(options.endpoint ? { AWS_ENDPOINT_URL: options.endpoint } : {})
  }
  for (const [name, value] of Object.entries(options.env ?? {})) {
    if (value === undefined) delete env[name]
    else env[name] = value
  }
  const [command, argv] = options.tty
    ? [
        'script',
        [
          '-qec',
          `stty cols ${options.tty.columns}; ${[bin, ...args].map(shellQuote).join(' ')}${options.tty.stderr ? '' : ' 2>/dev/null'}`,
          '/dev/null'
        ]
      ]
    : [bin, [...args]]
  const child = spawn(command, argv, { env, cwd: options.home, stdio: ['ignore', 'pipe', 'pipe'] })
  let stdout = ''
  let stderr = ''
  // Decoded as a stream, so that a character split between two chunks stays whole.
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk))
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk))
  const code = await new Promise<number | null>((resolve) => child.on('close', resolve))
  return { code, stdout: options.tty ? stdout.replace(/\r\n/gu, '\n') : stdout, stderr }
}

function shellQuote(text: string): string {
  return `'${text.replace(/'/gu, `'\\''`)}'`
}

/** The SDK's notice that its next versions need Node.js 22, which it prints on Node.js 20: not the command's. */
export function withoutSdkNotice(stderr: string): string {
  return stderr.replace(/\(node:\d+\) Warning: NodeVersionSupportWarning:[\s\S]*?to show where the warning was created\)\n/gu, '')
}
