import { afterEach, beforeEach } from '@jest/globals'
import { AwsEmulator } from '../../emulator/aws-emulator.js'

/**
 * Gives each test of the enclosing file or describe block a fresh emulator, started before it and stopped
 * after it: `let emulator: AwsEmulator; emulatorPerTest((started) => (emulator = started))`.
 */
export function emulatorPerTest(assign: (emulator: AwsEmulator) => void): void {
  let current: AwsEmulator | undefined
  beforeEach(async () => {
    current = new AwsEmulator()
    await current.start()
    assign(current)
  })
  afterEach(async () => {
    await current?.stop()
    current = undefined
  })
}
