import { mkdtemp } from 'node:fs/promises'
import os from 'node:os'
import { join } from 'node:path'
import { performance } from 'node:perf_hooks'
import { setTimeout as sleep } from 'node:timers/promises'
import { acmResponseBody } from '../../emulator/acm-service.js'
import { AwsEmulator } from '../../emulator/aws-emulator.js'
import { runAction, spawnNode } from '../../emulator/run-action.js'
import { floorMs } from './floor.js'
import { callsText, mib, msText, problemsSuffix, secs, thousands } from './format.js'
import {
  type ActionScenario,
  EMPTY_SCENARIO,
  emptyRegion,
  type Layout,
  PAGE_SIZE,
  regionSeeds,
  RETAINED_EVERY_MS,
  roleArn,
  SETTLE_MS,
  THRESHOLD_DAYS
} from './scenarios.js'
import { callsPerRegion, checkOutputs, compareCalls, countCalls, expectedCalls, expectedTotals } from './stats.js'
import type { EmptyResult, RegionData, RunMeasure, ScenarioResult } from './types.js'

/** What the measuring needs from main: the bundle, the emulator's settings, and where to report. */
export interface MeasureContext {
  /** The index.js to run. */
  bundle: string
  /** With --profile: run under node --cpu-prof into this folder. */
  profileDir: string | undefined
  latencyMs: number
  quotas: Readonly<Record<string, number>>
  /** Temporary folders made while measuring; main removes them at the end. */
  temporary: string[]
  progress: (text: string) => void
}

export async function withEmulator<T>(
  options: { latencyMs: number; quotas: Readonly<Record<string, number>> },
  body: (emulator: AwsEmulator) => Promise<T>
): Promise<T> {
  const emulator = new AwsEmulator({ latencyMs: options.latencyMs, quotas: options.quotas })
  await emulator.start()
  try {
    return await body(emulator)
  } finally {
    await emulator.stop()
  }
}

/** Clears the emulator's counters and waits until its quota windows are empty. */
export async function settle(emulator: AwsEmulator): Promise<void> {
  emulator.calls.length = 0
  emulator.throttled = 0
  await sleep(SETTLE_MS)
}

/** Seeds every (account, region) of the layout, then pages through them once in-process (warmListings). */
export function seedLayout(emulator: AwsEmulator, layout: Layout, now: number): RegionData[] {
  const regions = layout.accounts.flatMap((account) =>
    layout.regions.map((region) => {
      const { seeds, data } = regionSeeds(account, region, layout.perRegion, now)
      emulator.addCertificates(region, seeds, account)
      return data
    })
  )
  warmListings(emulator, regions)
  return regions
}

/**
 * Pages through every seeded region once, so that the emulator has serialised each certificate's summary
 * before the first measured run (it reuses them), and run 1 is like the others.
 */
function warmListings(emulator: AwsEmulator, regions: readonly RegionData[]): void {
  for (const data of regions) {
    const certificates = emulator.certificatesOf(data.account, data.region)
    for (let offset = 0; offset < certificates.length; offset += PAGE_SIZE) {
      const params = {
        MaxItems: PAGE_SIZE,
        Includes: { keyTypes: ['RSA_2048', 'RSA_4096', 'EC_prime256v1'] },
        ...(offset > 0 ? { NextToken: Buffer.from(String(offset)).toString('base64url') } : {})
      }
      acmResponseBody('ListCertificates', params, certificates)
    }
  }
}

/** One run of the action; checks its outputs and the requests it made against the data. */
export async function runOnce(
  context: MeasureContext,
  emulator: AwsEmulator,
  regions: readonly RegionData[],
  inputs: Record<string, string>,
  env: Record<string, string | undefined> = {},
  retainedEveryMs?: number
): Promise<RunMeasure> {
  await settle(emulator)
  const cpuBefore = process.cpuUsage()
  const run = await runAction({
    ...(retainedEveryMs ? { retainedEveryMs } : {}),
    endpoint: emulator.url,
    inputs: { days: String(THRESHOLD_DAYS), 'fail-on': 'never', ...inputs },
    env,
    timeoutMs: 300_000,
    measure: true,
    bundle: context.bundle,
    ...(context.profileDir ? { nodeArgs: ['--cpu-prof', `--cpu-prof-dir=${context.profileDir}`] } : {})
  })
  const cpu = process.cpuUsage(cpuBefore)
  return {
    wallMs: run.wallMs,
    maxRssKb: run.resources?.maxRssKb,
    ...(run.resources?.retainedKb !== undefined ? { retainedKb: run.resources.retainedKb } : {}),
    cpuMs: run.resources ? run.resources.userCpuMs + run.resources.systemCpuMs : undefined,
    emulatorCpuMs: (cpu.user + cpu.system) / 1000,
    ...countCalls(emulator.calls),
    throttled: emulator.throttled,
    problems: [...checkOutputs(run, regions), ...compareCalls(callsPerRegion(emulator.calls), expectedCalls(regions))]
  }
}

/** The result of a scenario's action runs over `regions`. */
export function scenarioResult(
  scenario: Pick<ScenarioResult, 'name' | 'label' | 'data'>,
  runs: RunMeasure[],
  regions: readonly RegionData[],
  context: Pick<MeasureContext, 'latencyMs' | 'quotas'>
): ScenarioResult {
  return { ...scenario, runs, floorMs: floorMs(regions, context.latencyMs, context.quotas), expected: expectedTotals(regions) }
}

/** A scenario's runs of the action over its seeded layout (with one OIDC role per account if it asks). */
export async function actionScenario(
  context: MeasureContext,
  scenario: Pick<ActionScenario, 'name' | 'data' | 'layout' | 'oidc' | 'retained'> & { label: string },
  runs: number
): Promise<ScenarioResult> {
  return withEmulator(context, async (emulator) => {
    const started = performance.now()
    const regions = seedLayout(emulator, scenario.layout, Date.now())
    const roles = scenario.oidc ? scenario.layout.accounts.map(roleArn) : []
    roles.forEach((role) => emulator.sts.addRole(role))
    context.progress(
      `  seeded ${thousands(scenario.layout.perRegion * regions.length)} certificates in ${msText(performance.now() - started)}`
    )
    const inputs = {
      regions: scenario.layout.regions.join(','),
      ...(scenario.oidc ? { 'role-to-assume': roles.join('\n') } : {})
    }
    const env = scenario.oidc ? { AWS_ACCESS_KEY_ID: undefined, AWS_SECRET_ACCESS_KEY: undefined, ...emulator.sts.runnerEnv } : {}
    const measures: RunMeasure[] = []
    for (let i = 0; i < runs; i += 1) {
      const measure = await runOnce(context, emulator, regions, inputs, env)
      context.progress(
        `  run ${i + 1}/${runs}: ${secs(measure.wallMs)}, ${callsText(measure.calls)}, throttled ${measure.throttled}, peak RSS ${mib(measure.maxRssKb)}${problemsSuffix(measure.problems, 3)}`
      )
      measures.push(measure)
    }
    const result = scenarioResult(scenario, measures, regions, context)
    if (!scenario.retained) return result
    const retained = await runOnce(context, emulator, regions, inputs, env, RETAINED_EVERY_MS)
    context.progress(
      `  memory held after a full collection (one more run, collecting every ${RETAINED_EVERY_MS} ms): ${mib(retained.retainedKb)}`
    )
    return { ...result, ...(retained.retainedKb !== undefined ? { retainedKb: retained.retainedKb } : {}) }
  })
}

/** The action's fixed cost: 1 region, 0 certificates, no latency; next to a bare `node -e ""`. */
export async function emptyScenario(context: MeasureContext, runs: number): Promise<EmptyResult> {
  return withEmulator({ latencyMs: 0, quotas: context.quotas }, async (emulator) => {
    const regions = [emptyRegion(EMPTY_SCENARIO.account, EMPTY_SCENARIO.region)]
    const inputs = { regions: EMPTY_SCENARIO.region }
    const work = await mkdtemp(join(os.tmpdir(), 'acm-expiry-audit-bench-'))
    context.temporary.push(work)
    const bareNode = () =>
      spawnNode(['-e', ''], { env: { PATH: process.env.PATH ?? '' }, cwd: work, timeoutMs: 30_000, measure: true })
    const measures: RunMeasure[] = []
    const bareMs: number[] = []
    const bareRssKb: number[] = []
    // One unmeasured run of each first, so that both find the files in the page cache.
    await bareNode()
    await runOnce(context, emulator, regions, inputs)
    for (let i = 0; i < runs; i += 1) {
      const bare = await bareNode()
      bareMs.push(bare.wallMs)
      if (bare.resources) bareRssKb.push(bare.resources.maxRssKb)
      const measure = await runOnce(context, emulator, regions, inputs)
      context.progress(
        `  run ${i + 1}/${runs}: action ${secs(measure.wallMs)} (CPU ${msText(measure.cpuMs ?? NaN)}), bare node ${msText(bare.wallMs)}${problemsSuffix(measure.problems)}`
      )
      measures.push(measure)
    }
    const result = scenarioResult({ name: 'empty', label: 'empty', data: EMPTY_SCENARIO.data }, measures, regions, context)
    return { result: { ...result, floorMs: 0 }, bareMs, bareRssKb }
  })
}
