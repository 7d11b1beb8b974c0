// The misconfiguration classes an audit looks for, as the scanners name them (Corsy,
// CORScanner, CORStest, PortSwigger research; what-users-use.md), each with its severity,
// what an attacker can do with it and the fix. Severity measures what an attacker gains:
// reading answers with the victim's cookies is high; without credentials one level lower.

import type { OriginClassId } from './origins.js';

export type Severity = 'high' | 'medium' | 'low' | 'info';
export const SEVERITIES: readonly Severity[] = ['high', 'medium', 'low', 'info'];
export const atLeast = (s: Severity, floor: Severity): boolean => SEVERITIES.indexOf(s) <= SEVERITIES.indexOf(floor);

export type ClassId = OriginClassId | 'wildcard-credentials' | 'missing-vary' | 'max-age-above-caps';

export interface ClassDef {
	readonly id: ClassId;
	readonly title: string;
	/** Severity when credentials are allowed with it, and when they are not. */
	readonly severity: { readonly credentials: Severity; readonly anonymous: Severity };
	/** What an attacker gains; `example` is a crafted origin of this class (one the target admitted, if any). */
	readonly impact: (credentials: boolean, example: string) => string;
	readonly fix: string;
	/** Narrower classes this broken check also admits: reported as covered by this one. */
	readonly covers?: readonly ClassId[];
}

const READ = (who: string, credentials: boolean) =>
	credentials
		? `${who} can send requests with your users' cookies and read the answers: their data, CSRF tokens, anything the API returns to them.`
		: `${who} can read these answers from its visitors' browsers. No cookies are sent, so it gains what the visitor's network position grants (intranet, IP allowlists), and adding credentials later makes it a full account takeover.`;

const EXACT_LIST = 'Compare the whole Origin value with an exact list of trusted origins (string equality), and answer only those.';
const ORIGIN_CLASSES: readonly OriginClassId[] = ['prefix-match', 'suffix-match', 'substring-match', 'unescaped-dot', 'special-chars', 'null-origin', 'http-origin', 'any-subdomain', 'third-party-hosting'];
const HIGH_MEDIUM = { credentials: 'high', anonymous: 'medium' } as const;

export const CLASSES: readonly ClassDef[] = [
	{
		id: 'reflect-any-origin', title: 'Any origin is trusted (the Origin header is reflected)', severity: HIGH_MEDIUM,
		impact: (c) => READ('Any website', c),
		fix: `${EXACT_LIST} Send "*" instead only if the data is public and no cookies or Authorization are involved.`,
		covers: ORIGIN_CLASSES,
	},
	{
		id: 'substring-match', title: 'Origins containing the site name are trusted (substring match)', severity: HIGH_MEDIUM,
		impact: (c, ex) => READ(`A site such as ${ex}, which anyone can register,`, c),
		fix: `${EXACT_LIST} A check like origin.includes("example.com") or allowed.includes(origin) matches far more than intended.`,
		covers: ['prefix-match', 'suffix-match', 'special-chars', 'any-subdomain', 'http-origin'],
	},
	{
		id: 'prefix-match', title: 'Origins starting with the site origin are trusted (prefix match)', severity: HIGH_MEDIUM,
		impact: (c, ex) => READ(`A site such as ${ex}, a subdomain of the attacker's domain,`, c),
		fix: `${EXACT_LIST} origin.startsWith(allowed), or a regular expression without "$" at the end, accepts anything after the name.`,
		covers: ['special-chars'],
	},
	{
		id: 'suffix-match', title: 'Origins ending with the domain name are trusted (suffix match)', severity: HIGH_MEDIUM,
		impact: (c, ex) => READ(`A site such as ${ex}, which anyone can register,`, c),
		fix: `${EXACT_LIST} For subdomains, require a dot before the domain (host === "example.com" || host.endsWith(".example.com")) and check the scheme too.`,
		covers: ['any-subdomain', 'http-origin'],
	},
	{
		id: 'unescaped-dot', title: 'A dot in an origin pattern matches any character (unescaped "." in a regex)', severity: HIGH_MEDIUM,
		impact: (c, ex) => READ(`A site on a look-alike name (${ex} is admitted, so is every name with another character in place of that dot)`, c),
		fix: 'Escape the dots in the regular expression (/^https:\\/\\/app\\.example\\.com$/), anchor it with ^ and $, or better, compare with an exact list.',
	},
	{
		id: 'special-chars', title: 'Special characters after the host name pass the check (broken origin parsing)', severity: HIGH_MEDIUM,
		impact: (c, ex) => READ(`A site such as ${ex} (Safari and others allow _ \` } and more in host names), on the attacker's domain,`, c),
		fix: `${EXACT_LIST} Do not take the host from the Origin with a hand-made parser or a regular expression that stops at unusual characters.`,
	},
	{
		id: 'null-origin', title: 'The origin "null" is trusted', severity: HIGH_MEDIUM,
		impact: (c) => READ('Any website, through a sandboxed iframe or a data: document (both send Origin: null),', c),
		fix: 'Never allow "null": it is not one origin but every sandboxed, file: and data: document. Serve local tools from a real origin instead.',
	},
	{
		id: 'http-origin', title: 'The plain-http origin of an https site is trusted', severity: { credentials: 'medium', anonymous: 'low' },
		impact: (c) => `Anyone on the network path of one of your users (public Wi-Fi, a hostile proxy) can inject a page on the http:// origin, and it ${c ? "can read the answers with the user's cookies" : 'can read these answers'}: https no longer protects this API.`,
		fix: 'Trust only https:// origins in production; keep http://localhost style origins in a development-only configuration.',
	},
	{
		id: 'any-subdomain', title: 'Any subdomain is trusted', severity: { credentials: 'medium', anonymous: 'low' },
		impact: (c) => `Any subdomain that serves user content, has an XSS hole or can be taken over (a dangling DNS record) ${c ? "can read the answers with your users' cookies" : 'can read these answers'}.`,
		fix: 'List the subdomains that really call this API; keep a pattern only if every subdomain is yours and hosts no user content.',
	},
	{
		id: 'third-party-hosting', title: 'Sites on shared hosting (github.io, netlify.app …) are trusted', severity: HIGH_MEDIUM,
		impact: (c, ex) => READ(`Anyone who publishes a free site on that host (such as ${ex})`, c),
		fix: 'Trust your exact origin on the hosting platform (https://yourname.github.io), never the whole platform.',
		covers: ['any-subdomain'],
	},
	{
		id: 'wildcard-credentials', title: 'Access-Control-Allow-Origin "*" together with credentials', severity: { credentials: 'low', anonymous: 'low' },
		impact: () => 'Browsers refuse credentialed requests answered with "*", so your own front-end fails when it sends cookies. The usual next step, echoing the Origin to make it work, is the worst misconfiguration there is.',
		fix: 'If the data is public, drop Access-Control-Allow-Credentials and keep "*". If it needs cookies, answer with the exact trusted origin (and Vary: Origin) instead of "*".',
	},
	{
		id: 'missing-vary', title: 'Answers that depend on Origin lack Vary: Origin', severity: { credentials: 'medium', anonymous: 'medium' },
		impact: () => 'A shared cache (CDN, proxy) or the browser cache can store the answer made for one origin and serve it to another: your front-end fails at random, and an attacker can plant answers in the cache (web cache poisoning).',
		fix: 'Send Vary: Origin on every answer whose CORS headers depend on the Origin, including answers that leave them out.',
	},
	{
		id: 'max-age-above-caps', title: 'Access-Control-Max-Age is beyond what browsers keep', severity: { credentials: 'info', anonymous: 'info' },
		impact: () => 'No attack: browsers clamp the value (Chromium 2 h, Firefox 24 h, Safari 10 min), so it misleads whoever reads the configuration, and a permission you revoke stays cached up to that cap.',
		fix: 'Set Access-Control-Max-Age to 7200 or less (Safari keeps at most 600).',
	},
];

export const classDef = (id: ClassId): ClassDef => CLASSES.find((c) => c.id === id) as ClassDef;
