// Rebuilds the bundle into a temporary folder and fails when it differs from the committed dist/.
import { execFileSync } from 'node:child_process'
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

const out = mkdtempSync(join(tmpdir(), 'acm-expiry-audit-dist-'))
try {
  execFileSync(process.execPath, ['scripts/bundle.mjs', '--out', out], { stdio: ['ignore', 'ignore', 'inherit'] })
  const built = readdirSync(out).sort()
  const committed = readdirSync('dist').sort()
  const problems = []
  for (const name of new Set([...built, ...committed])) {
    if (!built.includes(name)) problems.push(`dist/${name} is committed but no longer built`)
    else if (!committed.includes(name)) problems.push(`dist/${name} is built but not committed`)
    else if (!readFileSync(join(out, name)).equals(readFileSync(join('dist', name))))
      problems.push(`dist/${name} differs from a fresh build`)
  }
  if (problems.length > 0) {
    console.error(`dist/ does not match src/:\n- ${problems.join('\n- ')}\nRun "npm run bundle" and commit dist/.`)
    process.exit(1)
  }
  console.log('dist/ matches a fresh build of src/.')
} finally {
  rmSync(out, { recursive: true, force: true })
}
