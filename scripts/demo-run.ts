/**
 * One run of the bundled action against the emulator with the sample certificates, as `npm run demo` makes it:
 * the job summary, the tracking issue it opened, the outputs and the log. The demo, the README's excerpts and
 * screenshots (`npm run docs:demo`) and the browser test all start from it.
 */
import { AwsEmulator } from '../emulator/aws-emulator.js'
import { type ActionRun, runAction } from '../emulator/run-action.js'
import { SAMPLE_INPUTS, seedSampleCertificates } from '../emulator/sample-data.js'

export interface DemoRun {
  run: ActionRun
  /** The tracking issue the run opened. */
  issue: { number: number; title: string; body: string } | undefined
  /** API calls the emulator served, by operation. */
  calls: Map<string, number>
  endpoint: string
}

export async function demoRun(): Promise<DemoRun> {
  const emulator = new AwsEmulator()
  await emulator.start()
  seedSampleCertificates(emulator)
  try {
    const run = await runAction({
      endpoint: emulator.url,
      inputs: { ...SAMPLE_INPUTS, 'create-issue': 'true' },
      env: { AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' }
    })
    const calls = new Map<string, number>()
    for (const call of emulator.calls) calls.set(call.operation, (calls.get(call.operation) ?? 0) + 1)
    const issue = emulator.github.issues[0]
    return {
      run,
      issue: issue ? { number: issue.number, title: issue.title, body: issue.body } : undefined,
      calls,
      endpoint: emulator.url
    }
  } finally {
    await emulator.stop()
  }
}
