// Captures the publish offers of sdp/offers.mjs's scenarios from Chromium and Firefox into
// server/src/test/resources/sdp/<browser>-<scenario>.offer.sdp, and each browser's answer to the
// SFU's golden subscribe offer there (subscribe.offer.sdp) as <browser>-subscribe.answer.sdp:
// `node sdp/capture-offers.mjs` from e2e/ (PARLEY_E2E_CHROMIUM and PARLEY_E2E_FIREFOX as for the tests);
// `node sdp/capture-offers.mjs answers` captures the answers alone.
/* global process, console */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from '@playwright/test';
import puppeteer from 'puppeteer-core';
import { SCENARIOS, answerOffer, makeOffer } from './offers.mjs';

const out = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../server/src/test/resources/sdp');
const answersOnly = process.argv[2] === 'answers';
const firstOf = (...paths) => paths.find((p) => p && existsSync(p));

async function capture(browserName, newPage) {
  for (const [name, scenario] of answersOnly ? [] : Object.entries(SCENARIOS)) {
    const page = await newPage();
    const sdp = await page.evaluate(makeOffer, scenario);
    writeFileSync(path.join(out, `${browserName}-${name}.offer.sdp`), sdp);
    console.log(`${browserName} ${name}: ${sdp.split('\r\n').length} lines`);
    await page.close();
  }
  const subscribe = path.join(out, 'subscribe.offer.sdp');
  if (existsSync(subscribe)) {
    const page = await newPage();
    const answer = await page.evaluate(answerOffer, readFileSync(subscribe, 'utf8'));
    writeFileSync(path.join(out, `${browserName}-subscribe.answer.sdp`), answer);
    console.log(`${browserName} answer to subscribe.offer.sdp: ${answer.split('\r\n').length} lines`);
    await page.close();
  }
}

const chrome = await chromium.launch({
  executablePath: firstOf(process.env.PARLEY_E2E_CHROMIUM, '/usr/bin/chromium', '/usr/bin/chromium-browser'),
  args: ['--no-sandbox', '--disable-gpu', '--autoplay-policy=no-user-gesture-required'],
});
try {
  await capture('chromium', () => chrome.newPage());
} finally {
  await chrome.close();
}
const firefox = await puppeteer.launch({
  browser: 'firefox',
  executablePath: firstOf(process.env.PARLEY_E2E_FIREFOX, '/usr/bin/firefox-esr', '/usr/bin/firefox'),
  headless: true,
  extraPrefsFirefox: { 'media.autoplay.default': 0 },
  env: { ...process.env, MOZ_DISABLE_NONLOCAL_CONNECTIONS: '1' },
});
try {
  await capture('firefox', () => firefox.newPage());
} finally {
  await firefox.close();
}
