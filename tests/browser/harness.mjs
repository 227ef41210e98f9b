// What the browser tests share: a real index and `dealsearch serve` on a free port, Debian's
// Chromium driven by playwright-core, a static server on another port for a host page, and
// screenshots as test artifacts.
//
// ctest sets DEALSEARCH_BINARY, DEALSEARCH_SOURCE_DIR and DEALSEARCH_ARTIFACTS.
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const binary = requiredEnv('DEALSEARCH_BINARY');
export const sourceDir = requiredEnv('DEALSEARCH_SOURCE_DIR');
export const artifacts = process.env.DEALSEARCH_ARTIFACTS || join(tmpdir(), 'dealsearch-artifacts');
const chromiumPath = process.env.CHROMIUM || '/usr/bin/chromium';

function requiredEnv(name) {
  const value = process.env[name];
  if (!value) {
    throw new Error(`${name} is not set; run the browser tests through ctest (scripts/test)`);
  }
  return value;
}

async function loadPlaywright() {
  try {
    return await import('playwright-core');
  } catch (error) {
    throw new Error(
      'playwright-core is not installed: run `npm ci --prefix tests/browser` ' +
        '(scripts/test does it)', { cause: error });
  }
}

// A deal whose title and text try to run script: the page and the widget must show it as text.
export const hostileDeal = {
  id: 'hostile-deal',
  title: 'Test <script>alert(1)</script> deal',
  status: 'afgerond',
  signed: '2019-05-01',
  body:
    'Deze tekst bevat <img src=x onerror=alert(2)> en <script>alert(3)</script> ' +
    'naast gewone woorden over woningbouw en wijkaanpak.',
};

// A deal published as a web page that links to a PDF (tests/support/make_pdfs.py's note.pdf,
// one page): a search for a word of the PDF names it and its page.
export const pdfDeal = {
  id: 'warmte-in-de-wijk',
  word: 'warmtescan',
  source: 'Notitie van de gemeente, p. 1',
  pdfUrl: 'https://example.org/deals/pdfs/note.pdf#page=1',
};

function writePdfDeal(dir) {
  const python = process.env.DEALSEARCH_REPORTLAB_PYTHON || '/usr/bin/python3';
  const made = spawnSync(python, [join(sourceDir, 'tests/support/make_pdfs.py'), join(dir, 'pdfs')],
    { encoding: 'utf8' });
  if (made.status !== 0) {
    throw new Error(`make_pdfs.py failed (${made.status}): ${made.stderr}`);
  }
  const page = join(dir, 'site', 'warmte.html');
  mkdirSync(join(dir, 'site'), { recursive: true });
  writeFileSync(page, `<!DOCTYPE html><html lang="nl"><head><meta charset="utf-8">
<title>Warmte in de wijk | Voorbeeldprogramma</title>
<link rel="canonical" href="https://example.org/deals/${pdfDeal.id}/"></head>
<body><main><h1>Warmte in de wijk</h1><p>Status citydeal: in uitvoering</p>
<p>Gemeenten helpen huishoudens hun woning warm te houden.</p>
<p>Lees de <a href="../pdfs/note.pdf">Notitie van de gemeente</a>.</p></main></body></html>
`);
  return page;
}

// Indexes corpus/, the hostile deal and the PDF deal into a new temporary directory; returns
// its index path.
export function buildIndex() {
  const dir = mkdtempSync(join(tmpdir(), 'dealsearch-browser-'));
  const hostile = join(dir, 'hostile.jsonl');
  writeFileSync(hostile, JSON.stringify(hostileDeal) + '\n');
  const page = writePdfDeal(dir);
  const index = join(dir, 'index');
  const run = spawnSync(binary, ['index', '--quiet', '--db', index, join(sourceDir, 'corpus'), hostile, page],
    { encoding: 'utf8' });
  if (run.status !== 0) {
    throw new Error(`dealsearch index failed (${run.status}): ${run.stderr}`);
  }
  return { dir, index };
}

// Starts `dealsearch serve` on a free port; resolves to { origin, stop }.
export function startServer(index) {
  return new Promise((resolve, reject) => {
    const server = spawn(binary, ['serve', '--db', index, '--port', '0', '--quiet'],
      { stdio: ['ignore', 'ignore', 'pipe'] });
    let output = '';
    const timer = setTimeout(() => reject(new Error(`dealsearch serve did not start: ${output}`)), 15000);
    server.stderr.on('data', (chunk) => {
      output += chunk;
      const match = /serving .* on (http:\/\/[0-9.]+:\d+)/.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve({
          origin: match[1],
          stop: () => new Promise((done) => {
            server.once('exit', done);
            server.kill('SIGTERM');
          }),
        });
      }
    });
    server.once('exit', (code) => reject(new Error(`dealsearch serve exited (${code}): ${output}`)));
  });
}

// Serves one HTML page at / from another origin (another port), as a municipality's site would.
export function startStaticSite(html) {
  return new Promise((resolve) => {
    const site = createServer((req, res) => {
      if (req.url === '/' || req.url.startsWith('/?')) {
        res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' });
        res.end(html);
      } else {
        res.writeHead(404);
        res.end();
      }
    });
    // A site a failed test never stopped must not keep node, and so the test, running until
    // ctest's time-out: the failure should show at once.
    site.unref();
    site.listen(0, '127.0.0.1', () => {
      resolve({
        origin: `http://127.0.0.1:${site.address().port}`,
        stop: () => new Promise((done) => site.close(done)),
      });
    });
  });
}

// Debian's Chromium, headless, with the flags this closed network needs.
export async function launchBrowser() {
  if (!existsSync(chromiumPath)) {
    throw new Error(`no Chromium at ${chromiumPath}: apt-get install chromium (scripts/test does it)`);
  }
  const { chromium } = await loadPlaywright();
  const browser = await chromium.launch({
    executablePath: chromiumPath,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    // (playwright gives every launch a new, empty profile directory of its own.)
  });
  return {
    browser,
    close: () => browser.close(),
  };
}

// A new page that fails the test on any dialog (alert from injected script) or page error.
export async function openPage(browser, viewport = { width: 1280, height: 900 }) {
  const context = await browser.newContext({ viewport });
  const page = await context.newPage();
  const problems = [];
  page.on('dialog', async (dialog) => {
    problems.push(`a dialog opened: ${dialog.message()}`);
    await dialog.dismiss();
  });
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error') {
      problems.push(`console error: ${message.text()}`);
    }
  });
  return { page, problems, close: () => context.close() };
}

// Holds back the requests of `page` whose URL `matches` (a function of a URL), to look at the
// page while they are on their way; resolves to a function that lets them through.
export async function holdRequests(page, matches) {
  let release;
  const held = new Promise((resolve) => { release = resolve; });
  const continued = [];
  const handler = (route) => {
    const done = held.then(() => route.continue());
    continued.push(done);
    return done;
  };
  await page.route(matches, handler);
  return async () => {
    release();
    await Promise.all(continued); // unroute would pass on a request still held
    await page.unroute(matches, handler);
  };
}

export async function screenshot(page, name) {
  mkdirSync(artifacts, { recursive: true });
  const path = join(artifacts, `${name}.png`);
  await page.screenshot({ path, fullPage: true });
  return path;
}

// The API's answer, to compare what the browser shows with it.
export async function apiSearch(origin, query) {
  const response = await fetch(`${origin}/api/search?${query}`);
  return response.json();
}
