// Several keys in one read are handed to Ink one at a time; text and pastes stay whole.
import { PassThrough } from 'node:stream';
import { expect, test } from 'vitest';
import { keysApart, splitKeys } from '../../source/app/keys-apart.js';

test.each([
	['\u001b[B\u001b[B\r', ['\u001b[B', '\u001b[B', '\r']],
	['\u001b[A\u001b[5~\t\u007f', ['\u001b[A', '\u001b[5~', '\t', '\u007f']],
	['\u001bOA\u001b', ['\u001bOA', '\u001b']],
	['\u0003\u0003', ['\u0003', '\u0003']],
])('keys only: one by one (%j)', (chunk, keys) => {
	expect(splitKeys(chunk)).toEqual(keys);
});

test.each([
	'y',
	'\u001b[B',
	'hello',
	"Access to fetch at 'https://a.example/' …\r\nGET https://a.example/ net::ERR_FAILED 200\r",
	'ab\r',
	'\u001b[Bq',
])('text, a paste or a single key: whole (%j)', (chunk) => {
	expect(splitKeys(chunk)).toEqual([chunk]);
});

test('the stream reads only while in raw mode, and writes the keys of one read apart', async () => {
	const input = Object.assign(new PassThrough(), { isTTY: true, raw: [] as boolean[], setRawMode(m: boolean) { this.raw.push(m); return this; }, ref() { return this; }, unref() { return this; } });
	const out = keysApart(input as unknown as NodeJS.ReadStream, 5);
	expect(out.isTTY).toBe(true);
	const seen: string[] = [];
	out.on('data', (d: Buffer) => seen.push(d.toString()));
	out.setRawMode(true);
	input.write(Buffer.from('\u001b[B\u001b[B\r'));
	input.write(Buffer.from([0xc3]));
	input.write(Buffer.from([0xa9]));
	await new Promise((r) => setTimeout(r, 60));
	expect(seen).toEqual(['\u001b[B', '\u001b[B', '\r', 'é']);
	out.setRawMode(false);
	expect(input.raw).toEqual([true, false]);
	input.write('x');
	await new Promise((r) => setTimeout(r, 20));
	expect(seen).toHaveLength(4);
});

test('raw mode switched on twice still passes each key once', async () => {
	const input = Object.assign(new PassThrough(), { isTTY: true, setRawMode() { return this; }, ref() { return this; }, unref() { return this; } });
	const out = keysApart(input as unknown as NodeJS.ReadStream, 1);
	const seen: string[] = [];
	out.on('data', (d: Buffer) => seen.push(d.toString()));
	out.setRawMode(true);
	out.setRawMode(true);
	input.write('q');
	await new Promise((r) => setTimeout(r, 20));
	expect(seen).toEqual(['q']);
});
