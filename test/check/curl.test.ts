// A curl command read back into the page's fetch(): DevTools' "Copy as cURL" from Chrome and
// Firefox, and hand-written commands that "work in curl". The words are what the shell passes.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { fromCurl } from '../../source/check/curl.js';
import { UsageError } from '../../source/cli/usage.js';

const CHROME_UA = 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/156.0.0.0 Safari/537.36';
const FIREFOX_UA = 'Mozilla/5.0 (X11; Linux x86_64; rv:153.0) Gecko/20100101 Firefox/153.0';
const SAFARI_UA = 'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/19.0 Safari/605.1.15';

// Chrome 156, "Copy as cURL (bash)", with "Disable cache" ticked, after the shell split it.
const CHROME = [
	'https://api.example.com/orders/7', '-X', 'PUT',
	'-H', 'accept: */*', '-H', 'accept-language: en-US,en;q=0.9', '-H', 'authorization: Bearer eyJhbGciOi', '-H', 'cache-control: no-cache',
	'-H', 'content-type: application/json', '-b', 'session=abc123; theme=dark', '-H', 'origin: https://app.example.com', '-H', 'pragma: no-cache',
	'-H', 'priority: u=1, i', '-H', 'referer: https://app.example.com/', '-H', 'sec-ch-ua: "Chromium";v="156", "Not-A.Brand";v="24"',
	'-H', 'sec-ch-ua-mobile: ?0', '-H', 'sec-ch-ua-platform: "Linux"', '-H', 'sec-fetch-dest: empty', '-H', 'sec-fetch-mode: cors', '-H', 'sec-fetch-site: same-site',
	'-H', `user-agent: ${CHROME_UA}`, '--data-raw', '{"qty":2}',
];

// Firefox ESR 153, "Copy as cURL (POSIX)".
const FIREFOX = [
	'https://api.example.com/items', '--compressed', '-X', 'POST', '-H', `User-Agent: ${FIREFOX_UA}`, '-H', 'Accept: application/json', '-H', 'Accept-Language: en-US,en;q=0.5',
	'-H', 'Accept-Encoding: gzip, deflate, br, zstd', '-H', 'Referer: https://app.example.com/', '-H', 'Content-Type: text/plain;charset=UTF-8', '-H', 'X-Requested-With: XMLHttpRequest',
	'-H', 'Origin: https://app.example.com', '-H', 'Connection: keep-alive', '-H', 'Sec-Fetch-Dest: empty', '-H', 'Sec-Fetch-Mode: cors', '-H', 'Sec-Fetch-Site: same-site',
	'-H', 'Priority: u=4', '--data-raw', 'hello',
];

describe("DevTools' Copy as cURL", () => {
	test('Chrome: the page set Authorization and Content-Type; everything else is the browser', () => {
		const r = fromCurl(CHROME);
		expect(r).toMatchObject({
			url: 'https://api.example.com/orders/7',
			method: 'PUT',
			headers: [['authorization', 'Bearer eyJhbGciOi'], ['content-type', 'application/json']],
			body: '{"qty":2}',
			origin: { value: 'https://app.example.com', from: 'Origin' },
			cookie: 'session=abc123; theme=dark',
			mode: 'cors',
			browser: 'chromium',
			insecure: false,
		});
		expect(r.browserHeaders).toEqual([
			'accept', 'accept-language', 'cache-control', 'origin', 'pragma', 'priority', 'referer', 'sec-ch-ua', 'sec-ch-ua-mobile', 'sec-ch-ua-platform',
			'sec-fetch-dest', 'sec-fetch-mode', 'sec-fetch-site', 'user-agent',
		]);
		expect(r.notes).toEqual([`Pragma and Cache-Control: no-cache are taken as DevTools' "Disable cache", not set by the page.`]);
	});

	test('Firefox: a non-default Accept and X-Requested-With are the page\'s; the User-Agent names Firefox', () => {
		const r = fromCurl(FIREFOX);
		expect(r).toMatchObject({ method: 'POST', body: 'hello', browser: 'firefox', mode: 'cors', origin: { value: 'https://app.example.com', from: 'Origin' } });
		expect(r.headers).toEqual([['Accept', 'application/json'], ['Content-Type', 'text/plain;charset=UTF-8'], ['X-Requested-With', 'XMLHttpRequest']]);
		expect(r.browserHeaders).toEqual(['user-agent', 'accept-language', 'accept-encoding', 'referer', 'origin', 'connection', 'sec-fetch-dest', 'sec-fetch-mode', 'sec-fetch-site', 'priority']);
		expect(r.cookie).toBeUndefined();
		expect(r.notes).toEqual([]);
	});

	test('Safari is told apart from Chrome (both say Safari/)', () => {
		expect(fromCurl(['https://a.example/', '-H', `User-Agent: ${SAFARI_UA}`]).browser).toBe('safari');
		expect(fromCurl(['https://a.example/', '-H', 'User-Agent: curl/8.5.0']).browser).toBeUndefined();
	});

	test('no-cors and same-origin modes come from Sec-Fetch-Mode; a page load is refused', () => {
		expect(fromCurl(['https://a.example/', '-H', 'sec-fetch-mode: no-cors']).mode).toBe('no-cors');
		expect(fromCurl(['https://a.example/', '-H', 'Sec-Fetch-Mode: same-origin']).mode).toBe('same-origin');
		expect(() => fromCurl(['https://a.example/', '-H', 'sec-fetch-mode: navigate'])).toThrow(/Sec-Fetch-Mode: navigate: it is a page load, not a fetch\(\), and CORS does not apply/);
	});

	test('Cache-Control alone is the page\'s (only the pair is DevTools\' "Disable cache")', () => {
		const r = fromCurl(['https://a.example/', '-H', 'Cache-Control: no-cache']);
		expect(r.headers).toEqual([['Cache-Control', 'no-cache']]);
		expect(r.notes).toEqual([]);
	});

	test('without Origin, the page origin comes from the Referer, and the report says so', () => {
		const r = fromCurl(['https://api.example.com/x', '-H', 'Referer: https://app.example.com/orders?id=7']);
		expect(r.origin).toEqual({ value: 'https://app.example.com', from: 'Referer' });
		expect(r.notes).toEqual(["The request has no Origin header; the page's origin is taken from its Referer (https://app.example.com)."]);
		expect(fromCurl(['https://api.example.com/x']).origin).toBeUndefined();
	});
});

describe('a command that "works in curl"', () => {
	test('-d makes a POST with a form body, joined with &, and the Content-Type curl sends', () => {
		const r = fromCurl(['-sS', 'https://api.example.com/login', '-H', 'Authorization: Bearer t', '-d', 'a=1', '--data', 'b=2']);
		expect(r).toMatchObject({ method: 'POST', body: 'a=1&b=2', headers: [['Authorization', 'Bearer t'], ['Content-Type', 'application/x-www-form-urlencoded']] });
		expect(r.notes).toEqual(['curl sends -d data as application/x-www-form-urlencoded; the page is taken to set that Content-Type too.']);
	});

	test('-G puts the data in the query; -I is HEAD; -X wins over both', () => {
		expect(fromCurl(['-G', 'https://a.example/s?q=1', '-d', 'x=2'])).toMatchObject({ url: 'https://a.example/s?q=1&x=2', method: 'GET', body: null });
		expect(fromCurl(['-I', 'https://a.example/'])).toMatchObject({ method: 'HEAD', body: null });
		expect(fromCurl(['-XDELETE', 'https://a.example/', '-d', 'x'])).toMatchObject({ method: 'DELETE', body: 'x' });
	});

	test('bundled switches, --opt=value, --url, a bare host', () => {
		expect(fromCurl(['-sSLk', '--request=PATCH', '--url', 'https://a.example/p'])).toMatchObject({ url: 'https://a.example/p', method: 'PATCH', insecure: true });
		expect(fromCurl(['localhost:3000/api']).url).toBe('http://localhost:3000/api');
	});

	test('-u, --json, --data-urlencode, -r, -A and -e become what curl sends', () => {
		expect(fromCurl(['https://a.example/', '-u', 'ann:pw']).headers).toEqual([['Authorization', `Basic ${Buffer.from('ann:pw').toString('base64')}`]]);
		expect(fromCurl(['https://a.example/', '--json', '{"a":1}'])).toMatchObject({
			method: 'POST', body: '{"a":1}', headers: [['Content-Type', 'application/json'], ['Accept', 'application/json']], notes: [],
		});
		expect(fromCurl(['https://a.example/', '--data-urlencode', 'q=a b&c', '--data-urlencode', '=x y']).body).toBe('q=a%20b%26c&x%20y');
		expect(fromCurl(['https://a.example/', '-r', '0-99']).headers).toEqual([['Range', 'bytes=0-99']]);
		const r = fromCurl(['https://a.example/', '-A', CHROME_UA, '-e', 'https://app.example/']);
		expect(r).toMatchObject({ browser: 'chromium', origin: { value: 'https://app.example', from: 'Referer' }, headers: [] });
	});

	test('curl header forms: "Name;" is an empty value, "Name:" removes it', () => {
		expect(fromCurl(['https://a.example/', '-H', 'X-Empty;', '-H', 'X-Gone:']).headers).toEqual([['X-Empty', '']]);
	});

	test('-d @file reads the file without its line breaks; --data-binary @file keeps them; --data-raw never reads', () => {
		const dir = mkdtempSync(join(tmpdir(), 'cors-tutor-curl-'));
		writeFileSync(join(dir, 'body.json'), '{"a":\n1}\n');
		const file = join(dir, 'body.json');
		expect(fromCurl(['https://a.example/', '-d', `@${file}`]).body).toBe('{"a":1}');
		expect(fromCurl(['https://a.example/', '--data-binary', `@${file}`]).body).toBe('{"a":\n1}\n');
		expect(fromCurl(['https://a.example/', '--data-raw', `@${file}`]).body).toBe(`@${file}`);
		expect(() => fromCurl(['https://a.example/', '-d', '@/no/such/file'])).toThrow(/--data @\/no\/such\/file: \/no\/such\/file cannot be read \(ENOENT\)/);
	});
});

describe('what cannot be read is refused with the option named and the fix', () => {
	test.each([
		[['https://a.example/', '--frobnicate'], /option check does not know: --frobnicate/],
		[['https://a.example/', '-sZ'], /option check does not know: -Z/],
		[['https://a.example/', '-F', 'file=@x.png'], /-F\) is not read: copy the request from DevTools/],
		[['https://a.example/', '-x', 'http://proxy:3128'], /connects to the URL directly/],
		[['-H', 'Origin: https://app.example'], /names no URL/],
		[['https://a.example/', 'https://b.example/'], /names two URLs: https:\/\/a\.example\/ and https:\/\/b\.example\//],
		[['https://a.example/', '-H'], /ends after -H, which needs a value/],
		[['https://a.example/', '-H', 'no colon here'], /header "no colon here" is not "Name: value"/],
		[['https://a.example/', '-b', 'cookies.txt'], /-b cookies\.txt names a cookie file/],
	])('%j', (args, message) => {
		expect(() => fromCurl(args)).toThrow(UsageError);
		expect(() => fromCurl(args)).toThrow(message);
	});
});
