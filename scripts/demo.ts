/**
 * `npm run demo`: starts the embedded AWS emulator with sample certificates in three regions, runs the
 * bundled action against it exactly as a runner would, and prints the job summary and outputs.
 */
import { AwsEmulator } from '../emulator/aws-emulator.js'
import { runAction } from '../emulator/run-action.js'
import { SAMPLE_INPUTS, seedSampleCertificates } from '../emulator/sample-data.js'

const emulator = new AwsEmulator()
await emulator.start()
seedSampleCertificates(emulator)
try {
  const run = await runAction({
    endpoint: emulator.url,
    inputs: { ...SAMPLE_INPUTS, 'create-issue': 'true' },
    env: { AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' }
  })
  const rule = '─'.repeat(72)
  console.log(`${rule}\nAction log (node dist/index.js)\n${rule}`)
  process.stdout.write(run.stdout)
  if (run.stderr) process.stdout.write(run.stderr)
  console.log(`${rule}\nJob summary (GITHUB_STEP_SUMMARY)\n${rule}`)
  process.stdout.write(run.summary)
  console.log(`${rule}\nOutputs (GITHUB_OUTPUT)\n${rule}`)
  for (const [name, value] of Object.entries(run.outputs)) {
    console.log(`${name}: ${value.length > 160 ? `${value.slice(0, 160)}… (${value.length} characters)` : value}`)
  }
  const issue = emulator.github.issues[0]
  if (issue) {
    console.log(`${rule}\nTracking issue #${issue.number}: ${issue.title} (in the emulated GitHub repository)\n${rule}`)
    console.log(issue.body)
  }
  console.log(rule)
  console.log(
    `The step would end with exit code ${run.exitCode}${run.exitCode === 1 ? ' (failed: fail-on is "expiring" and certificates were flagged)' : ''}.`
  )
  const calls = new Map<string, number>()
  for (const call of emulator.calls) calls.set(call.operation, (calls.get(call.operation) ?? 0) + 1)
  console.log(`AWS calls the emulator served: ${[...calls].map(([operation, n]) => `${operation} ${n}`).join(', ')}`)
} finally {
  await emulator.stop()
}
