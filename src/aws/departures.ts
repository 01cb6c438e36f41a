import { AsyncLocalStorage } from 'node:async_hooks'
import diagnosticsChannel from 'node:diagnostics_channel'
import type { ClientRequest } from 'node:http'

/** Called once, when a request has been handed to the operating system (its ClientRequest's 'finish'). */
export type OnSent = () => void

/** Whether an outgoing request is the one a send made (not, say, a credential refresh it waited for). */
export type IsOurs = (request: ClientRequest) => boolean

const pending = new AsyncLocalStorage<{ onSent: OnSent; isOurs: IsOurs }>()
let listening = false

function onRequestStart(message: unknown): void {
  const waiting = pending.getStore()
  const request = (message as { request?: ClientRequest } | undefined)?.request
  if (waiting && request && waiting.isOurs(request)) request.once('finish', waiting.onSent)
}

/**
 * Runs `send` and calls `onSent` when the HTTP request it makes has actually left: its headers and body
 * handed to the operating system, after the connection (a new one may take several turns of a busy event
 * loop) is open. Node publishes every outgoing request on the `http.client.request.start` diagnostics
 * channel, within the async context of the code that made it; the first call subscribes, once per process.
 * Only requests `isOurs` accepts count: a request made meanwhile for another reason (the SDK refreshing
 * credentials from STS) is not the one that left. A request that never leaves (it failed before) never
 * calls `onSent`.
 */
export function whenSent<T>(onSent: OnSent, send: () => Promise<T>, isOurs: IsOurs = () => true): Promise<T> {
  if (!listening) {
    diagnosticsChannel.subscribe('http.client.request.start', onRequestStart)
    listening = true
  }
  return pending.run({ onSent, isOurs }, send)
}
