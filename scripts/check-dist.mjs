// Rebuilds both bundles into a temporary folder and fails when either differs from the committed dist/ (the
// action) or dist-cli/ (the command).
import { execFileSync } from 'node:child_process'
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

const out = mkdtempSync(join(tmpdir(), 'acm-expiry-audit-dist-'))
try {
  execFileSync(process.execPath, ['scripts/bundle.mjs', '--out', join(out, 'dist'), '--cli-out', join(out, 'dist-cli')], {
    stdio: ['ignore', 'ignore', 'inherit']
  })
  const problems = []
  for (const folder of ['dist', 'dist-cli']) {
    const built = readdirSync(join(out, folder)).sort()
    const committed = readdirSync(folder).sort()
    for (const name of new Set([...built, ...committed])) {
      if (!built.includes(name)) problems.push(`${folder}/${name} is committed but no longer built`)
      else if (!committed.includes(name)) problems.push(`${folder}/${name} is built but not committed`)
      else if (!readFileSync(join(out, folder, name)).equals(readFileSync(join(folder, name))))
        problems.push(`${folder}/${name} differs from a fresh build`)
    }
  }
  if (problems.length > 0) {
    console.error(`dist/ or dist-cli/ does not match src/:\n- ${problems.join('\n- ')}\nRun "npm run bundle" and commit both.`)
    process.exit(1)
  }
  console.log('dist/ and dist-cli/ match a fresh build of src/.')
} finally {
  rmSync(out, { recursive: true, force: true })
}
