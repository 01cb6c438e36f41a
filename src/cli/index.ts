import { runCommand } from './run.js'

process.exitCode = await runCommand({
  argv: process.argv.slice(2),
  env: process.env,
  stdout: process.stdout,
  stderr: process.stderr
})
