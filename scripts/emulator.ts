/**
 * `npm run emulator -- [--port N]`: the AWS and GitHub emulator with the demo's sample certificates,
 * listening on 127.0.0.1 until stopped. The project's own workflow runs the action (`uses: ./`) against it.
 */
import { AwsEmulator, STATIC_ACCESS_KEY_ID, STATIC_SECRET_ACCESS_KEY } from '../emulator/aws-emulator.js'
import { seedSampleCertificates } from '../emulator/sample-data.js'

const portArgument = process.argv.indexOf('--port')
const port = portArgument === -1 ? 4599 : Number(process.argv[portArgument + 1])
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  console.error('Usage: npm run emulator -- [--port N] (N from 0 to 65535)')
  process.exit(2)
}
const emulator = new AwsEmulator()
const url = await emulator.start(port)
seedSampleCertificates(emulator)
console.log(`AWS emulator listening on ${url}`)
console.log(`  AWS_ENDPOINT_URL=${url}`)
console.log(`  AWS_ACCESS_KEY_ID=${STATIC_ACCESS_KEY_ID}`)
console.log(`  AWS_SECRET_ACCESS_KEY=${STATIC_SECRET_ACCESS_KEY}`)
console.log(`  GITHUB_API_URL=${emulator.github.apiUrl}`)
const stop = async () => {
  await emulator.stop()
  process.exit(0)
}
process.on('SIGINT', () => void stop())
process.on('SIGTERM', () => void stop())
