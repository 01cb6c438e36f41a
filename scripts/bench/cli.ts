import { parseArgs } from 'node:util'
import { ONLY_WHEN_NAMED, SCENARIO_NAMES, type ScenarioName } from './scenarios.js'

export const USAGE = `Usage: npm run bench -- [options]

Runs the bundled action against the emulator and writes the results into BENCHMARKS.md.

Options:
  --only NAME,NAME    run only these scenarios (${SCENARIO_NAMES.join(', ')}); empty always runs, as the
                      others are compared with it; BENCHMARKS.md is then left alone unless --write;
                      ${ONLY_WHEN_NAMED.join(', ')} (about half an hour) runs only when named here
  --runs N            runs per scenario instead of the defaults (5 for empty, 3 for the others)
  --write             write BENCHMARKS.md even with --only, --runs or --profile
  --no-write          do not write BENCHMARKS.md
  --profile DIR       run each selected scenario once with node --cpu-prof into DIR and print, for each
                      profile, the functions that took the most CPU time, instead of benchmarking
  --dist DIR|REV      the bundle to measure: a folder holding index.js, or a git revision whose committed
                      dist/ is copied to a temporary folder; default: this working tree's dist/
  --help              print this help`

export interface BenchOptions {
  /** The scenarios named with --only; undefined runs them all. */
  only: readonly ScenarioName[] | undefined
  runs: number | undefined
  profileDir: string | undefined
  dist: string | undefined
  /** Whether BENCHMARKS.md is rewritten at the end. */
  write: boolean
}

export type CliResult = { kind: 'run'; options: BenchOptions } | { kind: 'help' } | { kind: 'error'; message: string }

const isScenarioName = (name: string): name is ScenarioName => (SCENARIO_NAMES as readonly string[]).includes(name)

const OPTIONS = {
  only: { type: 'string' },
  runs: { type: 'string' },
  profile: { type: 'string' },
  dist: { type: 'string' },
  write: { type: 'boolean' },
  'no-write': { type: 'boolean' },
  help: { type: 'boolean', short: 'h' }
} as const

const readArgs = (argv: readonly string[]) =>
  parseArgs({ args: [...argv], strict: true, allowPositionals: false, options: OPTIONS }).values

/** Parses the bench's command line; never exits, so that the caller decides what to print. */
export function parseCli(argv: readonly string[]): CliResult {
  let values: ReturnType<typeof readArgs>
  try {
    values = readArgs(argv)
  } catch (error) {
    return { kind: 'error', message: error instanceof Error ? error.message : String(error) }
  }
  if (values.help) return { kind: 'help' }
  if (values.write && values['no-write']) return { kind: 'error', message: '--write and --no-write contradict each other.' }

  const names = values.only?.split(',').map((name) => name.trim())
  const unknown = names?.filter((name) => !isScenarioName(name)) ?? []
  if (unknown.length > 0)
    return {
      kind: 'error',
      message: `Unknown scenario ${unknown.map((name) => `'${name}'`).join(', ')}: choose from ${SCENARIO_NAMES.join(', ')}.`
    }
  const only = names?.filter(isScenarioName)

  let runs: number | undefined
  if (values.runs !== undefined) {
    runs = Number(values.runs)
    if (!/^\d+$/u.test(values.runs) || runs < 1)
      return { kind: 'error', message: `--runs takes a whole number of runs, at least 1 (got '${values.runs}').` }
  }

  const profileDir = values.profile
  const write = values.write === true || (!values['no-write'] && !only && runs === undefined && !profileDir)
  return { kind: 'run', options: { only, runs, profileDir, dist: values.dist, write } }
}

/**
 * Whether a scenario runs: every one without --only, except those that run only when named (org-large, half
 * an hour); empty always, as the others are compared with it.
 */
export function isSelected(options: BenchOptions, name: ScenarioName): boolean {
  if (name === 'empty') return true
  return options.only ? options.only.includes(name) : !ONLY_WHEN_NAMED.includes(name)
}

/** Runs of a scenario: one under --profile, else --runs, else the scenario's default. */
export function runsFor(options: BenchOptions, defaultRuns: number): number {
  return options.profileDir ? 1 : (options.runs ?? defaultRuns)
}
