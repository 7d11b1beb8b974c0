// Keys one at a time. A terminal multiplexer (tmux, screen), a slow machine or key repeat can
// deliver several keys in one read ("↓↓⏎"). Ink emits them in one go, before the screen has
// re-rendered, so handlers that compute from the current state (ink-select-input moving its
// highlight, a screen reading its state) see the same state for each key: two ↓ move once
// and ⏎ opens the wrong entry. This stream hands Ink such reads key by key, 40 ms apart.
// Text (anything printable, a paste) is passed through whole, so pasting stays one input.

import { PassThrough } from 'node:stream';
import { StringDecoder } from 'node:string_decoder';

// biome-ignore lint/suspicious/noControlCharactersInRegex: terminal key sequences
const KEY = /\u001b\[[0-?]*[ -/]*[@-~]|\u001bO[\s\S]|\u001b[\u0000-\u007f]?|[\u0000-\u001f\u007f]/y;

/** The keys of one read when it holds only keys (arrows, Enter, Tab, Backspace, Esc…); else the read whole. */
export function splitKeys(chunk: string): string[] {
	const keys: string[] = [];
	KEY.lastIndex = 0;
	while (KEY.lastIndex < chunk.length) {
		const at = KEY.lastIndex;
		const m = KEY.exec(chunk);
		if (!m || m.index !== at) return [chunk];
		keys.push(m[0]);
	}
	return keys.length > 1 ? keys : [chunk];
}

export interface KeyStream extends PassThrough {
	isTTY: boolean;
	setRawMode(mode: boolean): KeyStream;
	ref(): KeyStream;
	unref(): KeyStream;
}

/**
 * A stdin for Ink that reads `input` and passes on one key at a time, `gapMs` apart: long
 * enough for the previous key's render and effects (Ink draws at most 30 frames a second;
 * measured in tmux: keys 10 ms apart still lose one, 20 ms apart do not).
 */
export function keysApart(input: NodeJS.ReadStream, gapMs = 40): KeyStream {
	const out = new PassThrough() as KeyStream;
	let queue: Promise<void> = Promise.resolve();
	// The gap, then a turn of the check phase: if the event loop was busy (a screen loading),
	// the timer fires late, and the render work queued meanwhile (React's scheduler runs on
	// setImmediate) must run before the next key.
	const pause = () => new Promise<void>((resolve) => setTimeout(() => setImmediate(resolve), gapMs));
	// A read can end inside a multi-byte character: the decoder keeps the rest for the next.
	const decoder = new StringDecoder('utf8');
	const onData = (chunk: Buffer | string) => {
		const text = typeof chunk === 'string' ? chunk : decoder.write(chunk);
		if (text === '') return;
		const keys = splitKeys(text);
		queue = queue.then(async () => {
			for (const [i, k] of keys.entries()) {
				if (i > 0) await pause();
				out.write(k);
			}
		});
	};
	out.isTTY = input.isTTY === true;
	out.setRawMode = (mode) => {
		input.setRawMode(mode);
		// Read only while Ink listens, so that stdin does not keep the process alive after it.
		// (Idempotent: one listener however often it is called.)
		input.off('data', onData);
		if (mode) input.on('data', onData).resume();
		else input.pause();
		return out;
	};
	out.ref = () => {
		input.ref();
		return out;
	};
	out.unref = () => {
		input.unref();
		return out;
	};
	return out;
}
