import { randomUUID } from 'node:crypto'
import type { IncomingMessage, ServerResponse } from 'node:http'
import { performance } from 'node:perf_hooks'
import { type RecordedCall, ServiceError } from './types.js'

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

/** An STS query-protocol answer: the action's result as XML, or its error, with the call's status and time recorded. */
export function stsAnswer(
  response: ServerResponse,
  call: RecordedCall,
  started: number,
  action: string,
  outcome: { result: string } | { error: unknown }
): void {
  if ('result' in outcome) {
    call.serverMs = performance.now() - started
    response
      .writeHead(200, { 'content-type': 'text/xml' })
      .end(
        `<${action}Response xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><${action}Result>${outcome.result}</${action}Result><ResponseMetadata><RequestId>${randomUUID()}</RequestId></ResponseMetadata></${action}Response>`
      )
    return
  }
  const failure =
    outcome.error instanceof ServiceError ? outcome.error : new ServiceError(500, 'InternalFailure', String(outcome.error))
  call.status = failure.status
  call.serverMs = performance.now() - started
  response
    .writeHead(failure.status, { 'content-type': 'text/xml' })
    .end(
      `<ErrorResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><Error><Type>Sender</Type><Code>${failure.code}</Code><Message>${xmlEscape(failure.message)}</Message></Error><RequestId>${randomUUID()}</RequestId></ErrorResponse>`
    )
}
