// Builds the action's dist/ (or --out DIR) from src/index.ts and the command's dist-cli/ (or --cli-out DIR) from
// src/cli/index.ts with ncc, then writes licenses.txt for every package each bundle holds. Two bundles, so
// that the action's stays as small (and starts as fast) as without the command.
// ncc's own --license writes one list per chunk under the same name, so the lazily loaded EC2 chunk's
// list replaced the main one; the webpack stats name every bundled module, so the list is built from them.
import { execFileSync } from 'node:child_process'
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join, resolve } from 'node:path'

const argument = (name, fallback) => {
  const at = process.argv.indexOf(name)
  return resolve(at === -1 ? fallback : process.argv[at + 1])
}
bundle('src/index.ts', argument('--out', 'dist'))
bundle('src/cli/index.ts', argument('--cli-out', 'dist-cli'))

function bundle(entry, out) {
  // A chunk a previous build left behind would otherwise stay next to the new ones.
  rmSync(out, { recursive: true, force: true })
  const work = mkdtempSync(join(tmpdir(), 'acm-expiry-audit-stats-'))
  try {
    const stats = join(work, 'stats.json')
    execFileSync(
      process.execPath,
      ['node_modules/@vercel/ncc/dist/ncc/cli.js', 'build', entry, '-o', out, '--stats-out', stats, '--quiet'],
      {
        stdio: ['ignore', 'inherit', 'inherit']
      }
    )
    const packages = new Map()
    for (const module of JSON.parse(readFileSync(stats, 'utf8')).modules ?? []) {
      const id = String(module.name ?? module.identifier ?? '')
      const match = /^(.*node_modules\/((?:@[^/]+\/)?[^/]+))\//u.exec(id.replace(/^\.\//u, ''))
      if (match) packages.set(match[2], resolve(match[1]))
    }
    const sections = [...packages.keys()].sort().map((name) => {
      const folder = packages.get(name)
      const manifest = JSON.parse(readFileSync(join(folder, 'package.json'), 'utf8'))
      const licenseFile = readdirSync(folder).find((file) => /^(licen[cs]e|copying)(\.|$)/iu.test(file))
      const text = licenseFile ? readFileSync(join(folder, licenseFile), 'utf8').trim() : '(no license file in the package)'
      return `${name}@${manifest.version}\n${manifest.license ?? 'UNKNOWN'}\n${text}`
    })
    writeFileSync(join(out, 'licenses.txt'), `${sections.join('\n\n')}\n`)
    if (!existsSync(join(out, 'index.js'))) throw new Error(`ncc wrote no index.js to ${dirname(out)}`)
    console.log(`Bundled ${packages.size} packages into ${out}.`)
  } finally {
    rmSync(work, { recursive: true, force: true })
  }
}
