import { chromium } from './chromium.js';
import { firefox } from './firefox.js';
import { safari } from './safari.js';
import type { BrowserId, BrowserProfile } from './types.js';

export const PROFILES: Readonly<Record<BrowserId, BrowserProfile>> = { chromium, firefox, safari };
export const BROWSER_IDS = Object.keys(PROFILES) as BrowserId[];
export const isBrowserId = (s: string): s is BrowserId => Object.hasOwn(PROFILES, s);
export type { BrowserId, BrowserProfile } from './types.js';
