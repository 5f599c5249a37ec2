// The browser check: a real Chromium (Debian's /usr/bin/chromium, driven by playwright-core, which downloads no
// browser) uses the running service as a developer and a partner portal would.
//
//   1. swagger-ui    opens /q/swagger-ui, expands GET /api/v1/framework/releases/{version} (operationId getRelease
//                    in openapi/openapi.yaml), uses "Try it out" with the version, presses Execute, and reads the
//                    live response panel: status 200 and the release document (its version and an outcome code).
//   2. cors-allowed  a page served from an allowed origin (http://127.0.0.1:PORTAL_PORT, which must be listed in
//                    the service's QUARKUS_HTTP_CORS_ORIGINS) fetches the release with fetch(): a simple GET and one
//                    with X-Request-Id (preflighted), and reads the exposed X-Request-Id and ETag headers.
//   3. cors-second-portal  the same page from a second allowed origin (http://127.0.0.1:SECOND_PORTAL_PORT, listed
//                    too), in the same browser: both origins are one site (127.0.0.1), so Chromium gives them one HTTP
//                    cache, which the first filled with the immutable release. The second must get its own answer
//                    from the service, not the first portal's (the response varies by Origin).
//   4. cors-blocked  the same page from an origin not listed (http://127.0.0.1:OTHER_PORT) cannot read the release:
//                    fetch() rejects and Chromium reports the CORS block.
//
// SwaggerUiBrowserIT runs it against the packaged jar. By hand, against a service started with
// QUARKUS_HTTP_CORS_ORIGINS=http://127.0.0.1:8091,http://127.0.0.1:8093:
//
//   npm ci --prefix src/test/browser
//   node src/test/browser/browser-check.mjs --api http://127.0.0.1:8080 --portal-port 8091 \
//       --second-portal-port 8093 --other-port 8092
//
// Prints one line per check (PASS or FAIL with the reason), saves a screenshot of each into --out, and exits 0
// only when every check passed.

import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';

import { chromium } from 'playwright-core';

const { values: options } = parseArgs({
    options: {
        api: { type: 'string' },
        'portal-port': { type: 'string' },
        'second-portal-port': { type: 'string' },
        'other-port': { type: 'string' },
        version: { type: 'string', default: '1.0.0' },
        'expect-code': { type: 'string', default: 'RH-H01' },
        chromium: { type: 'string', default: process.env.CHROMIUM || '/usr/bin/chromium' },
        out: { type: 'string', default: 'target/browser-check' },
        timeout: { type: 'string', default: '30000' },
    },
});
for (const required of ['api', 'portal-port', 'second-portal-port', 'other-port']) {
    if (!options[required]) {
        console.error(`usage: node browser-check.mjs --api URL --portal-port N --second-portal-port N --other-port N `
            + `[--version 1.0.0] `
            + `[--expect-code RH-H01] [--chromium PATH] [--out DIR]   (--${required} is missing)`);
        process.exit(2);
    }
}
const api = options.api.replace(/\/+$/, '');
const version = options.version;
const expectCode = options['expect-code'];
const timeout = Number(options.timeout);
const out = path.resolve(options.out);
fs.mkdirSync(out, { recursive: true });

// The operation as the contract names it.
const OPERATION_ID = 'getRelease';
const OPERATION_PATH = '/api/v1/framework/releases/{version}';

// Flags for this machine's closed network: without the background-networking ones Chromium's own connections
// (component updates, sync, QUIC probes) are refused and slow everything down. Playwright adds most of them too.
const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync'];

const results = [];

function report(name, passed, detail) {
    results.push({ name, passed });
    console.log(`${passed ? 'PASS' : 'FAIL'} ${name}: ${detail}`);
}

/** Runs one check; any exception fails it. A screenshot is taken either way. */
async function check(name, page, body) {
    try {
        const detail = await body();
        report(name, true, detail);
    } catch (e) {
        report(name, false, (e && e.message ? e.message : String(e)).split('\n')[0]);
    } finally {
        const file = path.join(out, `${name}.png`);
        await page.screenshot({ path: file, fullPage: false }).then(
            () => console.log(`     screenshot: ${path.relative(process.cwd(), file)}`),
            (e) => console.log(`     no screenshot: ${e.message.split('\n')[0]}`));
    }
}

function assert(condition, message) {
    if (!condition) {
        throw new Error(message);
    }
}

// --- The partner portal: one small page, served from two origins ------------------------------------------------

const PORTAL_PAGE = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Partner portal (browser check)</title></head>
<body><h1>Partner portal on <span id="origin"></span></h1><pre id="out">fetching…</pre>
<script>
document.getElementById('origin').textContent = location.origin;
const params = new URLSearchParams(location.search);
const url = params.get('api') + '/api/v1/framework/releases/' + encodeURIComponent(params.get('version'));
async function attempt(label, init) {
  try {
    const response = await fetch(url, init);
    const text = await response.text();
    let release = null;
    try { release = JSON.parse(text); } catch (notJson) { }
    return { label, status: response.status, version: release && release.version,
      hasCode: text.includes(params.get('code')), requestId: response.headers.get('X-Request-Id'),
      etag: response.headers.get('ETag') };
  } catch (e) {
    return { label, error: e.name + ': ' + e.message };
  }
}
window.portalResult = (async () => {
  const result = [await attempt('simple GET', {}),
    // no-store: past the browser's cache, which the first GET filled (the release is immutable).
    await attempt('GET with X-Request-Id (preflighted)',
      { cache: 'no-store', headers: { 'X-Request-Id': 'portal-' + location.port } })];
  document.getElementById('out').textContent = url + '\\n\\n' + JSON.stringify(result, null, 2);
  return result;
})();
</script></body></html>`;

function servePortal(port) {
    const server = http.createServer((request, response) => {
        if (request.url.startsWith('/portal')) {
            response.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-store' });
            response.end(PORTAL_PAGE);
        } else {
            response.writeHead(204).end(); // favicon.ico and the like: nothing, and no 404 in Chromium's log
        }
    });
    return new Promise((resolve, reject) => {
        server.once('error', reject);
        server.listen(Number(port), '127.0.0.1', () => resolve(server));
    });
}

function portalUrl(port) {
    const query = new URLSearchParams({ api, version, code: expectCode });
    return `http://127.0.0.1:${port}/portal?${query}`;
}

/** Opens the portal page in a fresh page and returns its fetch results and what Chromium logged. */
async function openPortal(context, port) {
    const page = await context.newPage();
    const logged = [];
    page.on('console', (message) => logged.push(message.text()));
    await page.goto(portalUrl(port), { timeout });
    const attempts = await page.evaluate(() => window.portalResult);
    return { page, attempts, logged };
}

// --- Run ------------------------------------------------------------------------------------------------------

const portals = [];
let browser;
try {
    for (const port of [options['portal-port'], options['second-portal-port'], options['other-port']]) {
        portals.push(await servePortal(port));
    }
    // Playwright starts Chromium with a fresh temporary profile (user data dir) of its own every run.
    browser = await chromium.launch({ executablePath: options.chromium, headless: true, args: CHROMIUM_ARGS, timeout });
    console.log(`     browser: Chromium ${browser.version()} (${options.chromium}); service: ${api}`);
    // Each check in a context of its own (its own cache and cookies), so that it sees the service's answers.
    const newContext = async () => {
        const context = await browser.newContext({ viewport: { width: 1280, height: 1000 } });
        context.setDefaultTimeout(timeout);
        return context;
    };

    // 1. Swagger UI: Try it out on the release endpoint.
    const page = await (await newContext()).newPage();
    await check('swagger-ui', page, async () => {
        await page.goto(`${api}/q/swagger-ui/`, { timeout });
        const operation = page.locator(`div.opblock[id$="-${OPERATION_ID}"]`);
        await operation.waitFor({ timeout });
        const shownPath = await operation.locator('.opblock-summary-path').getAttribute('data-path');
        assert(shownPath === OPERATION_PATH, `operation ${OPERATION_ID} shows path ${shownPath}, not ${OPERATION_PATH}`);
        await operation.locator('.opblock-summary-control').click();
        // quarkus.swagger-ui.try-it-out-enabled=true opens every operation in "Try it out" mode already, where the
        // button reads "Cancel"; press it only when it still reads "Try it out".
        const tryOut = operation.locator('button.try-out__btn');
        if ((await tryOut.innerText()).trim() === 'Try it out') {
            await tryOut.click();
        }
        // The contract's example ETag is filled into If-None-Match: clear it, as a reader who wants the body does.
        const ifNoneMatch = operation.locator('tr[data-param-name="If-None-Match"] input');
        if (await ifNoneMatch.count()) {
            await ifNoneMatch.fill('');
        }
        await operation.locator('tr[data-param-name="version"] input').fill(version);
        await operation.locator('button.execute').click();
        const status = operation.locator('.live-responses-table tr.response .response-col_status');
        await status.waitFor({ timeout });
        await status.scrollIntoViewIfNeeded();
        const code = (await status.innerText()).trim();
        const requestUrl = (await operation.locator('.request-url pre').innerText()).trim();
        const body = (await operation.locator('.live-responses-table tr.response .response-col_description pre')
            .first().innerText()).trim();
        assert(code === '200', `the response panel shows ${code} for ${requestUrl}, not 200: `
            + body.replace(/\s+/g, ' ').slice(0, 300));
        let release;
        try {
            release = JSON.parse(body);
        } catch (e) {
            throw new Error(`the response panel's body is not JSON: ${body.replace(/\s+/g, ' ').slice(0, 200)}`);
        }
        assert(release.version === version, `the response panel shows release ${release.version}, not ${version}`);
        assert(body.includes(`"${expectCode}"`), `the release in the response panel has no ${expectCode}`);
        return `Try it out on GET ${OPERATION_PATH} (${OPERATION_ID}) with version ${version}: ${requestUrl} `
            + `answered ${code} with release ${release.version} "${release.title}" (${body.length} characters, `
            + `${expectCode} in it)`;
    });

    // 2. CORS from the allowed origin.
    const portalContext = await newContext();
    const allowed = await openPortal(portalContext, options['portal-port']);
    await check('cors-allowed', allowed.page, async () => {
        for (const attempt of allowed.attempts) {
            assert(!attempt.error, `${attempt.label} from http://127.0.0.1:${options['portal-port']} failed: `
                + `${attempt.error}; Chromium: ${allowed.logged.join(' | ') || 'nothing logged'}`);
            assert(attempt.status === 200 && attempt.version === version && attempt.hasCode,
                `${attempt.label} gave ${JSON.stringify(attempt)}`);
            assert(attempt.etag && attempt.requestId, `${attempt.label}: the exposed headers ETag and X-Request-Id `
                + `are not readable: ${JSON.stringify(attempt)}`);
        }
        const preflighted = allowed.attempts[1];
        assert(preflighted.requestId === `portal-${options['portal-port']}`,
            `the service did not echo the portal's X-Request-Id: ${preflighted.requestId}`);
        return `a page on http://127.0.0.1:${options['portal-port']} fetched release ${version} `
            + allowed.attempts.map((a) => `(${a.label}: ${a.status}, ETag ${a.etag}, X-Request-Id ${a.requestId})`)
                .join(' ');
    });

    // 3. A second allowed portal in the same browser, after the first filled the shared cache.
    const second = await openPortal(portalContext, options['second-portal-port']);
    await check('cors-second-portal', second.page, async () => {
        for (const attempt of second.attempts) {
            assert(!attempt.error, `${attempt.label} from http://127.0.0.1:${options['second-portal-port']} failed `
                + `(a page on http://127.0.0.1:${options['portal-port']} had asked for the release first, in the `
                + `same browser): ${attempt.error}; Chromium: ${second.logged.join(' | ') || 'nothing logged'}`);
            assert(attempt.status === 200 && attempt.version === version && attempt.hasCode,
                `${attempt.label} gave ${JSON.stringify(attempt)}`);
        }
        return `a page on http://127.0.0.1:${options['second-portal-port']} fetched release ${version} too, in the `
            + `same browser (simple GET: ${second.attempts[0].status}, X-Request-Id ${second.attempts[0].requestId})`;
    });

    // 4. CORS from an origin the service does not list.
    const other = await openPortal(await newContext(), options['other-port']);
    await check('cors-blocked', other.page, async () => {
        for (const attempt of other.attempts) {
            assert(attempt.error && attempt.error.startsWith('TypeError'),
                `${attempt.label} from http://127.0.0.1:${options['other-port']} was not blocked: `
                + JSON.stringify(attempt));
        }
        const corsMessages = other.logged.filter((text) => text.includes('blocked by CORS policy'));
        assert(corsMessages.length > 0, `fetch failed, but Chromium did not say CORS blocked it: `
            + `${other.logged.join(' | ') || 'nothing logged'}`);
        return `a page on http://127.0.0.1:${options['other-port']} could not read the release `
            + `(${other.attempts.map((a) => a.error).join('; ')}); Chromium: ${corsMessages[0]}`;
    });
} catch (e) {
    report('browser-check', false, (e && e.message ? e.message : String(e)).split('\n')[0]);
} finally {
    await browser?.close().catch(() => {});
    portals.forEach((server) => server.close());
}

const failed = results.filter((r) => !r.passed).length;
console.log(`browser check: ${results.length - failed} of ${results.length} checks passed`);
process.exit(failed === 0 && results.length === 4 ? 0 : 1);
