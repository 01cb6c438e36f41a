/** A lower-case hexadecimal digit's value; -1 for anything else. */
function nibble(code: number): number {
  if (code >= 48 && code <= 57) return code - 48
  if (code >= 97 && code <= 102) return code - 87
  return -1
}

const UUID_LENGTH = 36

/** Whether a UUID (8-4-4-4-12 lower-case hexadecimal digits) has a dash at `i`. */
function isDashAt(i: number): boolean {
  return i === 8 || i === 13 || i === 18 || i === 23
}

/**
 * Certificate ARNs, compact: the part before the certificate id is shared by a whole region, and an id that
 * is a UUID takes 16 bytes instead of a 36-character string. Anything else is kept as it is. Called for
 * every certificate listed, so it reads characters, without regular expressions or substrings.
 */
export class ArnStore {
  private prefix: string | undefined
  private bytes = new Uint8Array(16 * 1024)
  private readonly others = new Map<number, string>()

  set(id: number, arn: string): void {
    const start = arn.length - UUID_LENGTH
    this.prefix ??= start > 0 ? arn.slice(0, start) : undefined
    if (!(start > 0 && this.prefix?.length === start && arn.startsWith(this.prefix) && this.pack(id, arn, start))) {
      this.others.set(id, arn)
    }
  }

  /** Writes the UUID at `start` as 16 bytes; false when it is not one. */
  private pack(id: number, arn: string, start: number): boolean {
    if ((id + 1) * 16 > this.bytes.length) {
      const grown = new Uint8Array(this.bytes.length * 2)
      grown.set(this.bytes)
      this.bytes = grown
    }
    let byte = id * 16
    let high = -1
    for (let i = 0; i < UUID_LENGTH; i += 1) {
      const code = arn.charCodeAt(start + i)
      if (isDashAt(i)) {
        if (code !== 45) return false
        continue
      }
      const value = nibble(code)
      if (value < 0) return false
      if (high < 0) high = value
      else {
        this.bytes[byte] = high * 16 + value
        byte += 1
        high = -1
      }
    }
    return true
  }

  get(id: number): string {
    const other = this.others.get(id)
    if (other !== undefined) return other
    let hex = ''
    for (let i = 0; i < 16; i += 1) hex += (this.bytes[id * 16 + i] as number).toString(16).padStart(2, '0')
    return `${this.prefix ?? ''}${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`
  }
}

/** A typed array twice as long, holding the same values first. */
export function doubled(array: Float64Array<ArrayBuffer>): Float64Array<ArrayBuffer>
export function doubled(array: Int32Array<ArrayBuffer>): Int32Array<ArrayBuffer>
export function doubled(
  array: Float64Array<ArrayBuffer> | Int32Array<ArrayBuffer>
): Float64Array<ArrayBuffer> | Int32Array<ArrayBuffer> {
  const bigger = array instanceof Float64Array ? new Float64Array(array.length * 2) : new Int32Array(array.length * 2)
  bigger.set(array)
  return bigger
}
