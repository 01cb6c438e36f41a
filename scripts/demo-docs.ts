/**
 * `npm run docs:demo`: one demo run makes the README's excerpts of the job summary and the tracking issue, and
 * the screenshots of both in docs/ (rendered as GitHub renders them, in Chromium, at a job-summary pane's
 * width, by the code the browser test uses). A test checks that the README's excerpts match a fresh run.
 */
import { mkdir, readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { ROOT } from '../emulator/run-action.js'
import { checkPages, overflowing } from './browser.js'
import { demoRun } from './demo-run.js'
import { replaceExcerpts } from './demo-excerpts.js'
import { githubPage } from './github-view.js'

const { run, issue } = await demoRun()
if (!issue) throw new Error('The demo run opened no tracking issue.')
const docs = join(ROOT, 'docs')
await mkdir(docs, { recursive: true })
const measures = await checkPages([
  { name: 'summary', html: githubPage(run.summary, 'Job summary'), screenshot: join(docs, 'job-summary.png') },
  { name: 'issue', html: githubPage(issue.body, 'Tracking issue', { issue: true }), screenshot: join(docs, 'tracking-issue.png') }
])
for (const measure of measures) {
  const wide = overflowing(measure)
  if (wide.length > 0) console.warn(`${measure.name}: wider than the pane: ${JSON.stringify(wide)}`)
}
const readmePath = join(ROOT, 'README.md')
await writeFile(readmePath, replaceExcerpts(await readFile(readmePath, 'utf8'), run.summary, issue.body))
console.log(`Wrote ${join(docs, 'job-summary.png')}, ${join(docs, 'tracking-issue.png')} and the excerpts in README.md.`)
