/**
 * `npm run demo`: starts the embedded AWS and GitHub emulator with sample certificates in three regions,
 * runs the bundled action against it exactly as a runner would, and shows what a person would see: the
 * log, the findings, the outputs, the tracking issue, and the job summary and issue as markdown and as
 * pages rendered as GitHub renders them (the pages the browser test checks).
 */
import { mkdir, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { ROOT } from '../emulator/run-action.js'
import { demoRun } from './demo-run.js'
import { findingsTable, paletteFor, readableLog } from './demo-view.js'
import { githubPage } from './github-view.js'

const palette = paletteFor(process.stdout, process.env)
const heading = (text: string) => `\n${palette.bold(text)}\n${palette.dim('─'.repeat(Math.min(72, text.length)))}`

console.log(palette.dim('Running node dist/index.js against the emulator …'))
const { run, issue, calls } = await demoRun()

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

if (issue) {
  console.log(heading(`Tracking issue #${issue.number}: ${issue.title}`))
  console.log(palette.dim(issue.body.split('\n').slice(1, 14).join('\n')))
  console.log(palette.dim('…'))
}

const folder = join(ROOT, 'demo-output')
await mkdir(folder, { recursive: true })
await writeFile(join(folder, 'job-summary.md'), run.summary)
await writeFile(join(folder, 'job-summary.html'), githubPage(run.summary, 'ACM certificate expiry audit — job summary'))
if (issue) {
  await writeFile(join(folder, 'tracking-issue.md'), issue.body)
  await writeFile(join(folder, 'tracking-issue.html'), githubPage(issue.body, `#${issue.number} ${issue.title}`, { issue: true }))
}

console.log(heading('Result'))
console.log(`API calls served: ${[...calls].map(([operation, n]) => `${operation} ×${n}`).join(', ')}`)
console.log(
  run.exitCode === 0
    ? palette.green('The step would succeed.')
    : palette.red(`The step would fail (exit code ${run.exitCode}): fail-on is "expiring" and certificates were flagged.`)
)
console.log(`Job summary: ${join(folder, 'job-summary.md')}`)
console.log(`Open in a browser: ${join(folder, 'job-summary.html')}, ${join(folder, 'tracking-issue.html')}`)
