// The Markdown subset lessons use, rendered to terminal lines of at most `width` columns:
// paragraphs, "-" and "1." lists, `code`, **bold**, *emphasis*, tables, fenced code and
// "###" headings. Pure: text in, lines out.

import type { Style } from './color.js';
import { wrap } from './text.js';

function inline(s: string, c: Style): string {
	return s
		.replace(/`([^`]+)`/g, (_, x: string) => c.cyan(x))
		.replace(/\*\*([^*]+)\*\*/g, (_, x: string) => c.bold(x))
		.replace(/(^|[^*])\*([^*\s][^*]*)\*/g, (_, a: string, x: string) => `${a}${c.yellow(x)}`);
}

// biome-ignore lint/suspicious/noControlCharactersInRegex: measuring without ANSI escapes
const visibleLength = (s: string): number => s.replace(/\u001b\[[0-9;]*m/g, '').length;

function table(rows: string[][], c: Style, width: number): string[] {
	const cols = Math.max(...rows.map((r) => r.length));
	const widths = Array.from({ length: cols }, (_, i) => Math.max(...rows.map((r) => visibleLength(inline(r[i] ?? '', c)))));
	const total = widths.reduce((a, b) => a + b, 0) + (cols - 1) * 3;
	if (total > width) {
		// Too wide: one item per row. With three or more columns, name each cell by its column.
		const head = rows[0] ?? [];
		const cell = (x: string, i: number) => (i > 0 && cols >= 3 && head[i] ? `${inline(head[i] ?? '', c)}: ${inline(x, c)}` : inline(x, c));
		return rows.flatMap((r, ri) => (ri === 0 ? [] : wrap(`• ${r.map(cell).join(' — ')}`, width, 2).split('\n')));
	}
	return rows.flatMap((r, ri) => {
		const line = r.map((x, i) => {
			const t = inline(x, c);
			return t + ' '.repeat(Math.max(0, (widths[i] ?? 0) - visibleLength(t)));
		}).join(' │ ');
		return ri === 0 ? [c.bold(line), c.dim(widths.map((w) => '─'.repeat(w)).join('─┼─'))] : [line];
	});
}

export function markdownToLines(md: string, width: number, c: Style): string[] {
	const out: string[] = [];
	const lines = md.split('\n');
	let para: string[] = [];
	const flush = () => {
		if (para.length) out.push(...wrap(inline(para.join(' '), c), width, 0).split('\n'), '');
		para = [];
	};
	for (let i = 0; i < lines.length; i++) {
		const line = lines[i] ?? '';
		if (/^```/.test(line)) {
			flush();
			// Code is wrapped only where it would not fit (at spaces, continuing further in).
			for (i++; i < lines.length && !/^```/.test(lines[i] ?? ''); i++)
				out.push(...wrap(`  ${lines[i] ?? ''}`, width, 6).split('\n').map((l) => l.replace(/^(\s*)(.*)$/, (_, lead: string, code: string) => `${lead}${code ? c.cyan(code) : ''}`)));
			out.push('');
			continue;
		}
		if (/^\|/.test(line)) {
			flush();
			const rows: string[][] = [];
			for (; i < lines.length && /^\|/.test(lines[i] ?? ''); i++) {
				const cells = (lines[i] ?? '').replace(/^\||\|$/g, '').split('|').map((x) => x.trim());
				if (!cells.every((x) => /^:?-+:?$/.test(x))) rows.push(cells);
			}
			i--;
			out.push(...table(rows, c, width), '');
			continue;
		}
		const h = /^#{3,6} (.+)$/.exec(line);
		if (h) {
			flush();
			out.push(c.bold(inline(h[1] ?? '', c)), '');
			continue;
		}
		const item = /^(\s*)([-*]|\d+\.) (.+)$/.exec(line);
		if (item) {
			flush();
			const bullet = item[2] === '-' || item[2] === '*' ? '•' : item[2];
			const indent = (item[1] ?? '').length + (bullet?.length ?? 1) + 1;
			let text = item[3] ?? '';
			while (i + 1 < lines.length && /^\s{2,}\S/.test(lines[i + 1] ?? '') && !/^\s*([-*]|\d+\.) /.test(lines[i + 1] ?? '')) text += ` ${(lines[++i] ?? '').trim()}`;
			out.push(...wrap(`${item[1] ?? ''}${bullet} ${inline(text, c)}`, width, indent).split('\n'));
			if (!/^\s*([-*]|\d+\.) /.test(lines[i + 1] ?? '')) out.push('');
			continue;
		}
		if (/^>\s?/.test(line)) {
			flush();
			out.push(...wrap(c.dim(`│ ${inline(line.replace(/^>\s?/, ''), c)}`), width, 2).split('\n'));
			// The quote ends at a blank line: keep the gap before what follows.
			if ((lines[i + 1] ?? '').trim() === '' && i + 1 < lines.length) out.push('');
			continue;
		}
		if (line.trim() === '') flush();
		else para.push(line.trim());
	}
	flush();
	while (out.length && out[out.length - 1] === '') out.pop();
	return out;
}
