/**
 * Opens pages in headless Chromium (Debian's `chromium` package, driven by playwright-core, which never
 * downloads a browser) and measures what a person would see: whether any table or the page scrolls
 * sideways, and which certificate the page shows first. Optionally keeps a screenshot of each page.
 */
import { existsSync } from 'node:fs'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { chromium } from 'playwright-core'
import { PANE_WIDTH } from './github-view.js'

export const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium'

/** Flags for a headless Chromium run as root in a container, offline. */
const FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync'
]

export interface PageToCheck {
  name: string
  html: string
  /** Where to keep a screenshot of the top of the page (at most `screenshotHeight` CSS pixels). */
  screenshot?: string
}

export interface Overflow {
  what: string
  scrollWidth: number
  clientWidth: number
}

export interface PageMeasure {
  name: string
  /** Every table, and the page and its content column, with their widths. */
  boxes: Overflow[]
  /** The text of the first table row or list item that links to a certificate in the ACM console. */
  firstFinding: string | undefined
  /** Each table's header cells, in order. */
  headers: string[][]
  /** For each table: a heading (or a collapsed section's summary) comes before it, no other table between. */
  headed: boolean[]
}

/** The boxes (tables, the content column, the page) wider than they show: each would scroll sideways. */
export function overflowing(measure: PageMeasure): Overflow[] {
  return measure.boxes.filter((box) => box.scrollWidth > box.clientWidth)
}

/** Runs in the page (a string: the project's TypeScript has no DOM types). */
const MEASURE = `(() => {
  const box = (what, element) => ({ what, scrollWidth: element.scrollWidth, clientWidth: element.clientWidth })
  const tables = [...document.querySelectorAll('.markdown-body table')]
  const column = document.querySelector('.markdown-body')
  const boxes = [
    ...tables.map((table, index) => box('table ' + (index + 1), table)),
    ...(column ? [box('content column', column)] : []),
    box('page', document.documentElement)
  ]
  const consoleLink = 'a[href*=".console.aws.amazon.com/acm/"], a[href*=".console.amazonaws.cn/acm/"]'
  const findings = [...document.querySelectorAll('.markdown-body tbody tr, .markdown-body li')].filter((element) =>
    element.querySelector(consoleLink)
  )
  const headers = tables.map((table) => [...table.querySelectorAll('thead th')].map((cell) => cell.textContent || ''))
  // A table is headed when a heading (or a collapsed section's summary) comes before it, with no other table between.
  const headed = tables.map((table) => {
    for (let element = table.previousElementSibling; element; element = element.previousElementSibling) {
      if (/^H[1-6]$/.test(element.tagName) || element.tagName === 'SUMMARY') return true
      if (element.tagName === 'TABLE') return false
    }
    return false
  })
  const first = findings[0]
  return { boxes, firstFinding: first ? first.textContent.trim() : undefined, headers, headed }
})()`

export async function checkPages(pages: readonly PageToCheck[], screenshotHeight = 1_600): Promise<PageMeasure[]> {
  if (!existsSync(CHROMIUM)) {
    throw new Error(
      `No Chromium at ${CHROMIUM}: install Debian's chromium package (apt-get install -y chromium), as .ci/run does.`
    )
  }
  const profile = await mkdtemp(join(tmpdir(), 'acm-expiry-audit-chromium-'))
  // A fresh profile (--user-data-dir) for every run.
  const browser = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: FLAGS,
    viewport: { width: PANE_WIDTH + 48, height: 900 },
    deviceScaleFactor: 1
  })
  try {
    const measures: PageMeasure[] = []
    for (const page of pages) {
      const tab = await browser.newPage()
      await tab.setContent(page.html, { waitUntil: 'load' })
      await tab.evaluate('document.fonts.ready.then(() => undefined)')
      const measured = await tab.evaluate<Omit<PageMeasure, 'name'>>(MEASURE)
      if (page.screenshot) {
        const height = await tab.evaluate<number>('document.documentElement.scrollHeight')
        await tab.screenshot({
          path: page.screenshot,
          clip: { x: 0, y: 0, width: PANE_WIDTH + 48, height: Math.min(height, screenshotHeight) },
          fullPage: true
        })
      }
      await tab.close()
      measures.push({ name: page.name, ...measured })
    }
    return measures
  } finally {
    await browser.close()
    await rm(profile, { recursive: true, force: true })
  }
}
