import { randomUUID } from 'node:crypto'
import type { IncomingMessage, ServerResponse } from 'node:http'
import { performance } from 'node:perf_hooks'
import { type RecordedCall, ServiceError, type EmulatorHost } from './types.js'

export type EmulatedAccountState = 'ACTIVE' | 'SUSPENDED' | 'PENDING_CLOSURE'

/** An account of the emulated organization. */
export interface EmulatedAccount {
  id: string
  name: string
  email: string
  state: EmulatedAccountState
  /** The root (r-…) or organizational unit (ou-…) that holds it. */
  parent: string
}

export interface EmulatedUnit {
  id: string
  name: string
  parent: string
}

/** Organizations returns at most 20 accounts or units per page. */
export const ORGANIZATIONS_PAGE_SIZE = 20
const TARGET_PREFIX = 'AWSOrganizationsV20161128.'

/**
 * AWS Organizations (ListAccounts, ListAccountsForParent, ListOrganizationalUnitsForParent, ListRoots) in its
 * awsJson1_1 protocol, installed as a route of an AwsEmulator. Only the management account and delegated
 * administrators may call it; an emulator without a management account answers AWSOrganizationsNotInUseException.
 */
export class OrganizationsEmulator {
  /** The organization's management account; undefined: the caller's account is in no organization. */
  managementAccount: string | undefined
  readonly delegatedAdministrators = new Set<string>()
  readonly rootId = 'r-a1b2'
  readonly organizationId = 'o-exampleorg1'
  readonly accounts = new Map<string, EmulatedAccount>()
  readonly units = new Map<string, EmulatedUnit>()
  /** Requests per second per calling account; excess is answered with TooManyRequestsException. */
  requestsPerSecond: number | undefined
  throttled = 0
  private readonly recent = new Map<string, number[]>()
  private nextUnit = 0

  constructor(private readonly aws: EmulatorHost) {
    aws.routes.push((request, body, response) => this.route(request, body, response))
  }

  /** Starts an organization whose management account is `management` (also added as an account). */
  create(management: string, name = 'management'): void {
    this.managementAccount = management
    this.addAccount({ id: management, name, parent: this.rootId })
  }

  addAccount(account: Partial<EmulatedAccount> & { id: string }): EmulatedAccount {
    const added: EmulatedAccount = {
      id: account.id,
      name: account.name ?? `account-${account.id}`,
      email: account.email ?? `aws+${account.id}@example.com`,
      state: account.state ?? 'ACTIVE',
      parent: account.parent ?? this.rootId
    }
    this.accounts.set(added.id, added)
    return added
  }

  /** Adds an organizational unit under the root or another unit; returns its id (ou-…). */
  addUnit(name: string, parent: string = this.rootId): string {
    this.nextUnit += 1
    const id = `ou-a1b2-${String(this.nextUnit).padStart(8, '0')}`
    this.units.set(id, { id, name, parent })
    return id
  }

  private async route(request: IncomingMessage, body: string, response: ServerResponse): Promise<boolean> {
    const target = request.headers['x-amz-target']
    if (typeof target !== 'string' || !target.startsWith(TARGET_PREFIX)) return false
    const operation = target.slice(TARGET_PREFIX.length)
    const started = performance.now()
    const call: RecordedCall = { service: 'organizations', operation, params: {}, status: 200, serverMs: 0 }
    this.aws.calls.push(call)
    try {
      const params = body ? (JSON.parse(body) as Record<string, unknown>) : {}
      call.params = params
      const { identity, region } = await this.aws.authenticate(request, body)
      Object.assign(call, { account: identity.account, region, accessKeyId: identity.accessKeyId })
      if (await this.aws.injectFault(call, response, started, 'json')) return true
      this.authorise(identity.account, identity.arn, operation)
      this.pace(identity.account)
      const payload = this.answer(operation, params)
      call.serverMs = performance.now() - started
      response
        .writeHead(200, { 'content-type': 'application/x-amz-json-1.1', 'x-amzn-requestid': randomUUID() })
        .end(JSON.stringify(payload))
    } catch (error) {
      const failure = error instanceof ServiceError ? error : new ServiceError(500, 'ServiceException', String(error))
      call.status = failure.status
      call.serverMs = performance.now() - started
      response
        .writeHead(failure.status, { 'content-type': 'application/x-amz-json-1.1', 'x-amzn-requestid': randomUUID() })
        .end(JSON.stringify({ __type: failure.code, Message: failure.message }))
    }
    return true
  }

  private authorise(account: string, arn: string, operation: string): void {
    if (this.managementAccount === undefined || !this.accounts.has(account)) {
      throw new ServiceError(400, 'AWSOrganizationsNotInUseException', 'Your account is not a member of an organization.')
    }
    if (account !== this.managementAccount && !this.delegatedAdministrators.has(account)) {
      throw new ServiceError(
        400,
        'AccessDeniedException',
        `You don't have permissions to access this resource. (${arn} is not allowed organizations:${operation} from account ${account})`
      )
    }
  }

  private pace(account: string): void {
    if (!this.requestsPerSecond) return
    const now = performance.now()
    const recent = (this.recent.get(account) ?? []).filter((at) => now - at < 1000)
    if (recent.length >= this.requestsPerSecond) {
      this.recent.set(account, recent)
      this.throttled += 1
      throw new ServiceError(400, 'TooManyRequestsException', 'You have sent too many requests in too short a period of time.')
    }
    recent.push(now)
    this.recent.set(account, recent)
  }

  private answer(operation: string, params: Record<string, unknown>): Record<string, unknown> {
    switch (operation) {
      case 'ListRoots':
        return this.page(
          params,
          [this.rootId],
          (id) => ({
            Id: id,
            Arn: `arn:aws:organizations::${this.managementAccount}:root/${this.organizationId}/${id}`,
            Name: 'Root',
            PolicyTypes: []
          }),
          'Roots'
        )
      case 'ListAccounts':
        return this.page(params, this.sortedAccounts(), (account) => this.accountJson(account), 'Accounts')
      case 'ListAccountsForParent': {
        const parent = this.parentOf(params)
        const accounts = this.sortedAccounts().filter((account) => account.parent === parent)
        return this.page(params, accounts, (account) => this.accountJson(account), 'Accounts')
      }
      case 'ListOrganizationalUnitsForParent': {
        const parent = this.parentOf(params)
        const units = [...this.units.values()].filter((unit) => unit.parent === parent)
        return this.page(
          params,
          units,
          (unit) => ({
            Id: unit.id,
            Arn: `arn:aws:organizations::${this.managementAccount}:ou/${this.organizationId}/${unit.id}`,
            Name: unit.name
          }),
          'OrganizationalUnits'
        )
      }
      default:
        throw new ServiceError(400, 'UnknownOperationException', `Operation ${operation} is not emulated.`)
    }
  }

  private parentOf(params: Record<string, unknown>): string {
    const parent = typeof params.ParentId === 'string' ? params.ParentId : ''
    if (parent !== this.rootId && !this.units.has(parent)) {
      throw new ServiceError(
        400,
        'ParentNotFoundException',
        `We can't find a root or OU with the ParentId that you specified: ${parent}`
      )
    }
    return parent
  }

  private sortedAccounts(): EmulatedAccount[] {
    return [...this.accounts.values()].sort((a, b) => a.id.localeCompare(b.id))
  }

  private accountJson(account: EmulatedAccount): Record<string, unknown> {
    return {
      Id: account.id,
      Arn: `arn:aws:organizations::${this.managementAccount}:account/${this.organizationId}/${account.id}`,
      Email: account.email,
      Name: account.name,
      // Status is being retired in favour of State; during the transition AWS sends both.
      Status: account.state,
      State: account.state,
      JoinedMethod: account.id === this.managementAccount ? 'CREATED' : 'INVITED',
      JoinedTimestamp: 1_600_000_000
    }
  }

  /** One page of `items`: MaxResults (1 to 20, default 20) and an opaque NextToken. */
  private page<T>(
    params: Record<string, unknown>,
    items: readonly T[],
    toJson: (item: T) => unknown,
    key: string
  ): Record<string, unknown> {
    const max = params.MaxResults === undefined ? ORGANIZATIONS_PAGE_SIZE : Number(params.MaxResults)
    if (!Number.isInteger(max) || max < 1 || max > ORGANIZATIONS_PAGE_SIZE) {
      throw new ServiceError(400, 'InvalidInputException', 'MaxResults must be from 1 to 20.')
    }
    let start = 0
    if (typeof params.NextToken === 'string') {
      start = Number(Buffer.from(params.NextToken, 'base64url').toString('utf8'))
      if (!Number.isInteger(start) || start < 0 || start > items.length) {
        throw new ServiceError(400, 'InvalidInputException', 'The NextToken is not valid.')
      }
    }
    const end = Math.min(items.length, start + max)
    return {
      [key]: items.slice(start, end).map(toJson),
      ...(end < items.length ? { NextToken: Buffer.from(String(end), 'utf8').toString('base64url') } : {})
    }
  }
}
