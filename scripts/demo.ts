/**
 * `npm run demo`: starts the embedded AWS and GitHub emulator with sample certificates in three regions,
 * runs the bundled action against it exactly as a runner would, and shows what a person would see: the
 * log, the findings, the outputs, the tracking issue, and the job summary as markdown and as an HTML page.
 */
import { mkdir, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { AwsEmulator } from '../emulator/aws-emulator.js'
import { ROOT, runAction } from '../emulator/run-action.js'
import { SAMPLE_INPUTS, seedSampleCertificates } from '../emulator/sample-data.js'
import { findingsTable, paletteFor, readableLog, summaryPage } from './demo-view.js'

const palette = paletteFor(process.stdout, process.env)
const heading = (text: string) => `\n${palette.bold(text)}\n${palette.dim('─'.repeat(Math.min(72, text.length)))}`

const emulator = new AwsEmulator()
await emulator.start()
seedSampleCertificates(emulator)
try {
  console.log(palette.dim(`Running node dist/index.js against the emulator at ${emulator.url} …`))
  const run = await runAction({
    endpoint: emulator.url,
    inputs: { ...SAMPLE_INPUTS, 'create-issue': 'true' },
    env: { AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' }
  })

  console.log(heading('Action log'))
  console.log(readableLog(run.stdout, palette))
  if (run.stderr.trim()) console.log(palette.dim(run.stderr))

  const findings = JSON.parse(run.outputs.findings ?? '[]') as Parameters<typeof findingsTable>[0]
  console.log(heading(`Flagged certificates (${findings.length})`))
  console.log(findingsTable(findings, palette))

  console.log(heading('Outputs'))
  for (const [name, value] of Object.entries(run.outputs)) {
    console.log(`${name.padEnd(15)} ${value.length > 100 ? `${value.slice(0, 100)}… (${value.length} characters)` : value}`)
  }

  const issue = emulator.github.issues[0]
  if (issue) {
    console.log(heading(`Tracking issue #${issue.number}: ${issue.title}`))
    console.log(palette.dim(issue.body.split('\n').slice(1, 14).join('\n')))
    console.log(palette.dim('…'))
  }

  const folder = join(ROOT, 'demo-output')
  await mkdir(folder, { recursive: true })
  await writeFile(join(folder, 'job-summary.md'), run.summary)
  await writeFile(join(folder, 'job-summary.html'), summaryPage(run.summary))
  if (issue) await writeFile(join(folder, 'tracking-issue.md'), issue.body)

  console.log(heading('Result'))
  const calls = new Map<string, number>()
  for (const call of emulator.calls) calls.set(call.operation, (calls.get(call.operation) ?? 0) + 1)
  console.log(`API calls served: ${[...calls].map(([operation, n]) => `${operation} ×${n}`).join(', ')}`)
  console.log(
    run.exitCode === 0
      ? palette.green('The step would succeed.')
      : palette.red(`The step would fail (exit code ${run.exitCode}): fail-on is "expiring" and certificates were flagged.`)
  )
  console.log(`Job summary: ${join(folder, 'job-summary.md')}`)
  console.log(`Open in a browser: ${join(folder, 'job-summary.html')}`)
} finally {
  await emulator.stop()
}
