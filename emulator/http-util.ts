import type { IncomingMessage } from 'node:http'

export function readBody(request: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    request.on('data', (chunk: Buffer) => chunks.push(chunk))
    request.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')))
    request.on('error', reject)
  })
}

export function xmlEscape(text: string): string {
  return text.replace(/[<>&'"]/gu, (char) => `&#${char.charCodeAt(0)};`)
}
