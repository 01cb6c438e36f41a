/** whenSent and pacedBy: the pacer learns when each request actually left, from Node's own HTTP client. */
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals'
import { ACMClient, ListCertificatesCommand } from '@aws-sdk/client-acm'
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import { pacedBy } from '../../src/aws/clients.js'
import { whenSent } from '../../src/aws/departures.js'
import { Pacer } from '../../src/aws/pacer.js'

let server: http.Server
let port: number
const events: string[] = []

beforeEach(async () => {
  events.length = 0
  server = http.createServer((request, response) => {
    request.resume()
    request.on('end', () => {
      events.push('arrived')
      response.writeHead(200, { 'content-type': 'application/x-amz-json-1.1' }).end('{"CertificateSummaryList":[]}')
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  port = (server.address() as AddressInfo).port
})

afterEach(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()))
})

function post(tag: string, headers: Record<string, string> = {}): Promise<void> {
  return new Promise((resolve, reject) => {
    const request = http.request({ host: '127.0.0.1', port, method: 'POST', agent: false, headers }, (response) => {
      events.push(`response ${tag}`)
      response.resume()
      response.on('end', resolve)
    })
    request.on('error', reject)
    request.end('body')
  })
}

describe('whenSent', () => {
  it('calls back once the request has been handed to the system, before the server has it, and only for its own', async () => {
    await Promise.all([
      whenSent(
        () => events.push('sent a'),
        () => post('a')
      ),
      whenSent(
        () => events.push('sent b'),
        () => post('b')
      )
    ])
    await post('outside')
    expect(events.filter((event) => event.startsWith('sent')).sort()).toEqual(['sent a', 'sent b'])
    expect(events.indexOf('sent a')).toBeLessThan(events.indexOf('response a'))
    expect(events.indexOf('sent b')).toBeLessThan(events.indexOf('response b'))
    expect(events.filter((event) => event === 'arrived')).toHaveLength(3)
  })
})

describe('whenSent with a filter', () => {
  it('ignores the requests it does not recognise as its own, such as a credential refresh made meanwhile', async () => {
    const isOurs = (request: http.ClientRequest) => request.getHeader('x-amz-target') === 'Ours'
    await whenSent(
      () => events.push('sent'),
      async () => {
        await post('refresh')
        events.push('refreshed')
        await post('ours', { 'x-amz-target': 'Ours' })
      },
      isOurs
    )
    expect(events.indexOf('sent')).toBeGreaterThan(events.indexOf('refreshed'))
    expect(events.filter((event) => event === 'sent')).toHaveLength(1)
  })
})

describe('pacedBy', () => {
  it('takes a token for every attempt of a paced command and reports each request as it leaves', async () => {
    const client = new ACMClient({
      region: 'us-east-1',
      endpoint: `http://127.0.0.1:${port}`,
      credentials: { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'secret' }
    })
    const pacer = new Pacer(10, 5)
    const take = pacer.take.bind(pacer)
    const taken: string[] = []
    pacer.take = async () => {
      const departed = await take()
      taken.push('token')
      let reported = false
      return () => {
        // The first call counts (the request left); the one after the answer does nothing.
        if (!reported) events.push('departed')
        reported = true
        departed()
      }
    }
    pacedBy(client, (command) => (command === 'ListCertificatesCommand' ? pacer : undefined), 'testPacer')
    await client.send(new ListCertificatesCommand({}))
    await client.send(new ListCertificatesCommand({}))
    client.destroy()
    expect(taken).toEqual(['token', 'token'])
    expect(events).toEqual(['departed', 'arrived', 'departed', 'arrived'])
  })
})
