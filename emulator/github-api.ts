import type { IncomingMessage, ServerResponse } from 'node:http'
import type { EmulatorHost } from './types.js'

/** The longest issue or comment body GitHub accepts, in characters. */
export const GITHUB_BODY_LIMIT = 65_536

export interface FakeIssue {
  number: number
  title: string
  body: string
  state: 'open' | 'closed'
  state_reason: string | null
  labels: string[]
  assignees: string[]
  locked: boolean
  isPullRequest: boolean
  comments: string[]
  /** How many times the body was changed after creation. */
  edits: number
  /** Who opened it: github-actions[bot] (a Bot) unless a test says otherwise. */
  author: GitHubUser
}

export interface GitHubUser {
  login: string
  type: 'Bot' | 'User' | 'Organization'
}

/** The identity GITHUB_TOKEN writes as. */
export const ACTIONS_BOT: GitHubUser = { login: 'github-actions[bot]', type: 'Bot' }

export interface GitHubCall {
  method: string
  path: string
  status: number
  token: string | undefined
}

/**
 * The GitHub REST endpoints the tracking issue uses (list with labels and Link-header pagination,
 * create, update, comment), mounted under /github of an AwsEmulator and reached through GITHUB_API_URL.
 * Its issues persist across runs of the action, like a real repository's.
 */
export class GitHubApiEmulator {
  readonly issues: FakeIssue[] = []
  readonly calls: GitHubCall[] = []
  /** Tokens and what they may do with issues. */
  readonly tokens = new Map<string, 'write' | 'read'>([['ghs_emulator_write_token', 'write']])
  /**
   * Who each token is. GET /user answers for a user's token (a personal access token) and 403 for an
   * installation token such as GITHUB_TOKEN, as GitHub does; a token not listed is github-actions[bot].
   */
  readonly tokenUsers = new Map<string, GitHubUser>()
  readonly owner = 'octo-org'
  readonly repo = 'infrastructure'
  /** A repository with issues turned off answers every issues request with 410 Gone. */
  issuesDisabled = false
  /** The state_reason values accepted when closing (GitHub Enterprise Server before "duplicate": completed, not_planned). */
  stateReasons: readonly string[] = ['completed', 'not_planned', 'duplicate', 'reopened']
  /** Writes answered with GitHub's secondary rate limit (HTTP 403 with retry-after), as many times as this says. */
  secondaryRateLimitedWrites = 0

  constructor(private readonly aws: EmulatorHost) {
    aws.routes.push((request, body, response) => this.route(request, body, response))
  }

  get apiUrl(): string {
    return `${this.aws.url}/github`
  }

  addIssue(issue: Partial<FakeIssue> & { title: string }): FakeIssue {
    const created: FakeIssue = {
      number: this.issues.length + 1,
      body: '',
      state: 'open',
      state_reason: null,
      labels: [],
      assignees: [],
      locked: false,
      isPullRequest: false,
      comments: [],
      edits: 0,
      author: ACTIONS_BOT,
      ...issue
    }
    this.issues.push(created)
    return created
  }

  private async route(request: IncomingMessage, body: string, response: ServerResponse): Promise<boolean> {
    const url = new URL(request.url ?? '/', 'http://127.0.0.1')
    if (!url.pathname.startsWith('/github/')) return false
    const path = url.pathname.slice('/github'.length)
    const token = /^(?:token|bearer) (.+)$/iu.exec(String(request.headers.authorization ?? ''))?.[1]
    const call: GitHubCall = { method: request.method ?? 'GET', path: `${path}${url.search}`, status: 200, token }
    this.aws.calls.push({
      service: 'github',
      operation: `${call.method} ${path.replace(/\/\d+(?=\/|$)/gu, '/{number}')}`,
      params: {},
      status: 200,
      serverMs: 0
    })
    this.calls.push(call)
    const send = (status: number, payload: unknown, headers: Record<string, string> = {}) => {
      call.status = status
      response.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...headers }).end(JSON.stringify(payload))
    }
    const permission = token ? this.tokens.get(token) : undefined
    if (!permission) {
      send(401, { message: 'Bad credentials', documentation_url: 'https://docs.github.com/rest', status: '401' })
      return true
    }
    const user = (token ? this.tokenUsers.get(token) : undefined) ?? ACTIONS_BOT
    if (path === '/user' && request.method === 'GET') {
      if (user.type === 'Bot') send(403, { message: 'Resource not accessible by integration', status: '403' })
      else send(200, { login: user.login, type: user.type, id: 7 })
      return true
    }
    const base = `/repos/${this.owner}/${this.repo}/issues`
    const match = new RegExp(`^${base}(?:/(\\d+))?(/comments)?$`, 'u').exec(path)
    if (!match) {
      send(404, { message: 'Not Found', status: '404' })
      return true
    }
    if (this.issuesDisabled) {
      send(410, {
        message: 'Issues are disabled for this repo',
        documentation_url: 'https://docs.github.com/rest/issues/issues',
        status: '410'
      })
      return true
    }
    const number = match[1] ? Number(match[1]) : undefined
    const isWrite = request.method !== 'GET'
    if (isWrite && this.secondaryRateLimitedWrites > 0) {
      this.secondaryRateLimitedWrites -= 1
      send(
        403,
        {
          message:
            'You have exceeded a secondary rate limit. Please wait a few minutes before you try again. If you reach out to GitHub Support for help, please include the request ID.',
          documentation_url:
            'https://docs.github.com/rest/using-the-rest-api/rate-limits-for-the-rest-api#about-secondary-rate-limits',
          status: '403'
        },
        { 'retry-after': '60' }
      )
      return true
    }
    if (isWrite && permission !== 'write') {
      send(403, {
        message: 'Resource not accessible by integration',
        documentation_url: 'https://docs.github.com/rest/issues/issues',
        status: '403'
      })
      return true
    }
    const payload = body ? (JSON.parse(body) as Record<string, unknown>) : {}
    // GitHub refuses issue and comment bodies longer than 65,536 characters.
    if (isWrite && typeof payload.body === 'string' && [...payload.body].length > GITHUB_BODY_LIMIT) {
      send(422, {
        message: 'Validation Failed',
        errors: [
          {
            resource: match[2] ? 'IssueComment' : 'Issue',
            code: 'custom',
            field: 'body',
            message: `body is too long (maximum is ${GITHUB_BODY_LIMIT} characters)`
          }
        ],
        documentation_url: 'https://docs.github.com/rest/issues/issues',
        status: '422'
      })
      return true
    }
    if (request.method === 'GET' && number === undefined) {
      this.list(url, send)
      return true
    }
    if (request.method === 'POST' && number === undefined) {
      const issue = this.addIssue({
        title: String(payload.title ?? ''),
        body: String(payload.body ?? ''),
        labels: (payload.labels as string[] | undefined) ?? [],
        assignees: (payload.assignees as string[] | undefined) ?? [],
        author: user
      })
      send(201, this.toJson(issue))
      return true
    }
    const issue = this.issues.find((candidate) => candidate.number === number)
    if (!issue) {
      send(404, { message: 'Not Found', status: '404' })
      return true
    }
    if (request.method === 'PATCH' && !match[2]) {
      if (typeof payload.state_reason === 'string' && !this.stateReasons.includes(payload.state_reason)) {
        send(422, {
          message: 'Validation Failed',
          errors: [{ resource: 'Issue', code: 'invalid', field: 'state_reason' }],
          status: '422'
        })
        return true
      }
      if (typeof payload.body === 'string' && payload.body !== issue.body) {
        issue.body = payload.body
        issue.edits += 1
      }
      if (payload.state === 'open' || payload.state === 'closed') issue.state = payload.state
      if (typeof payload.state_reason === 'string') issue.state_reason = payload.state_reason
      send(200, this.toJson(issue))
      return true
    }
    if (request.method === 'POST' && match[2]) {
      if (issue.locked) {
        send(403, { message: 'Unable to create comment because issue is locked.', status: '403' })
        return true
      }
      issue.comments.push(String(payload.body ?? ''))
      send(201, { id: issue.comments.length, body: payload.body })
      return true
    }
    send(404, { message: 'Not Found', status: '404' })
    return true
  }

  private list(url: URL, send: (status: number, payload: unknown, headers?: Record<string, string>) => void): void {
    const state = url.searchParams.get('state') ?? 'open'
    const labels = (url.searchParams.get('labels') ?? '').split(',').filter(Boolean)
    const perPage = Math.min(100, Number(url.searchParams.get('per_page') ?? '30'))
    const page = Number(url.searchParams.get('page') ?? '1')
    const matching = this.issues
      .filter((issue) => state === 'all' || issue.state === state)
      .filter((issue) => labels.every((label) => issue.labels.includes(label)))
      .sort((a, b) => b.number - a.number)
    const pages = Math.max(1, Math.ceil(matching.length / perPage))
    const link = (n: number) => {
      const next = new URL(url.toString())
      next.searchParams.set('page', String(n))
      next.searchParams.set('per_page', String(perPage))
      return `<${this.aws.url}${next.pathname}${next.search}>`
    }
    const links = [...(page < pages ? [`${link(page + 1)}; rel="next"`, `${link(pages)}; rel="last"`] : [])]
    send(
      200,
      matching.slice((page - 1) * perPage, page * perPage).map((issue) => this.toJson(issue)),
      links.length > 0 ? { link: links.join(', ') } : {}
    )
  }

  private toJson(issue: FakeIssue) {
    const html = `https://github.com/${this.owner}/${this.repo}/${issue.isPullRequest ? 'pull' : 'issues'}/${issue.number}`
    return {
      id: 1000 + issue.number,
      number: issue.number,
      title: issue.title,
      body: issue.body,
      state: issue.state,
      state_reason: issue.state_reason,
      locked: issue.locked,
      labels: issue.labels.map((name, i) => ({ id: i + 1, name })),
      assignees: issue.assignees.map((login) => ({ login })),
      user: { login: issue.author.login, type: issue.author.type },
      html_url: html,
      url: `${this.apiUrl}/repos/${this.owner}/${this.repo}/issues/${issue.number}`,
      ...(issue.isPullRequest ? { pull_request: { url: html } } : {})
    }
  }
}
