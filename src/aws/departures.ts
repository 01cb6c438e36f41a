import { AsyncLocalStorage } from 'node:async_hooks'
import diagnosticsChannel from 'node:diagnostics_channel'
import type { ClientRequest } from 'node:http'

/** Called once, when a request has been handed to the operating system (its ClientRequest's 'finish'). */
export type OnSent = () => void

const pending = new AsyncLocalStorage<OnSent>()
let listening = false

function onRequestStart(message: unknown): void {
  const onSent = pending.getStore()
  const request = (message as { request?: ClientRequest } | undefined)?.request
  if (onSent && request) request.once('finish', onSent)
}

/**
 * Runs `send` and calls `onSent` when the HTTP request it makes has actually left: its headers and body
 * handed to the operating system, after the connection (a new one may take several turns of a busy event
 * loop) is open. Node publishes every outgoing request on the `http.client.request.start` diagnostics
 * channel, within the async context of the code that made it; the first call subscribes, once per process.
 * A request that never leaves (it failed before) never calls `onSent`.
 */
export function whenSent<T>(onSent: OnSent, send: () => Promise<T>): Promise<T> {
  if (!listening) {
    diagnosticsChannel.subscribe('http.client.request.start', onRequestStart)
    listening = true
  }
  return pending.run(onSent, send)
}
