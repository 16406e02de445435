// `npm run media`: README screenshots from a real run. Starts the private engine and the demo
// containers, runs the built porthole in a pty at 120×32 through the e2e harness
// (test/helpers/term.ts, imported as TypeScript: Node 22 strips the types), waits until the list
// shows the demo containers and their stats, and writes
//   media/containers.svg  the xterm buffer drawn cell by cell (colours, bold, dim, inverse…)
//   media/containers.txt  the plain screen
// then quits porthole with `q`.
//
//   node scripts/media.mjs [-- COMMAND ARGS…]   render another program instead (to check the renderer)
import {execFileSync} from 'node:child_process';
import {mkdirSync, writeFileSync} from 'node:fs';
import {join} from 'node:path';
import {ROOT, startTerm} from '../test/helpers/term.ts';

const COLS = 120;
const ROWS = 32;
const DEMO_NAMES = ['shop-web-1', 'shop-api-1', 'shop-db-1', 'log-shipper', 'flaky-worker', 'migrate-once', 'report-builder', 'thumbnailer', 'cache', 'backup-nightly'];

// A dark theme (close to VS Code's "Dark+" terminal colours) for the 16 ANSI colours.
const THEME = {
	background: '#1e1e1e',
	foreground: '#d4d4d4',
	ansi: [
		'#000000', '#cd3131', '#0dbc79', '#e5e510', '#2472c8', '#bc3fbc', '#11a8cd', '#e5e5e5',
		'#666666', '#f14c4c', '#23d18b', '#f5f543', '#3b8eea', '#d670d6', '#29b8db', '#ffffff',
	],
};

/** The xterm 256-colour palette: 16 theme colours, a 6×6×6 cube, 24 greys. */
const PALETTE = (() => {
	const hex = n => n.toString(16).padStart(2, '0');
	const colors = [...THEME.ansi];
	const steps = [0, 95, 135, 175, 215, 255];
	for (let r = 0; r < 6; r++) for (let g = 0; g < 6; g++) for (let b = 0; b < 6; b++) {
		colors.push(`#${hex(steps[r])}${hex(steps[g])}${hex(steps[b])}`);
	}
	for (let i = 0; i < 24; i++) colors.push(`#${hex(8 + i * 10).repeat(3)}`);
	return colors;
})();

const rgb = n => `#${n.toString(16).padStart(6, '0')}`;
const escapeXml = s => s.replace(/[&<>"']/g, c => ({'&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;'})[c]);

/** Foreground and background of a cell as CSS colours (null background = the terminal's own). */
function cellColors(cell) {
	let fg = cell.isFgRGB() ? rgb(cell.getFgColor()) : cell.isFgPalette() ? PALETTE[cell.getFgColor()] : null;
	let bg = cell.isBgRGB() ? rgb(cell.getBgColor()) : cell.isBgPalette() ? PALETTE[cell.getBgColor()] : null;
	// Bold text in a basic colour shows the bright variant, as most terminals do.
	if (cell.isBold() && cell.isFgPalette() && cell.getFgColor() < 8) fg = PALETTE[cell.getFgColor() + 8];
	if (cell.isInverse()) [fg, bg] = [bg ?? THEME.background, fg ?? THEME.foreground];
	return {fg: fg ?? THEME.foreground, bg};
}

/** An SVG of the terminal's visible buffer: one rect per background run, one text per style run. */
function renderSvg(xterm, {title = 'porthole', fontSize = 14} = {}) {
	const cellW = fontSize * 0.6;
	const cellH = Math.round(fontSize * 1.3);
	const pad = 16;
	const bar = 30;
	const width = Math.ceil(xterm.cols * cellW + pad * 2);
	const height = xterm.rows * cellH + pad * 2 + bar;
	const buffer = xterm.buffer.active;
	const rects = [];
	const texts = [];
	for (let y = 0; y < xterm.rows; y++) {
		const line = buffer.getLine(buffer.viewportY + y);
		if (!line) continue;
		const top = bar + pad + y * cellH;
		const baseline = top + Math.round(cellH * 0.75);
		let run = null; // {x, cols, text, key, style}
		let bgRun = null; // {x, cols, color}
		const flush = () => {
			if (run && (run.text.trim() || run.style.underline || run.style.strike)) {
				const {fg, bold, italic, dim, underline, strike} = run.style;
				if (!underline && !strike && !run.wide) {
					// Blank edges draw nothing: drop them so runs stay short.
					const lead = run.text.length - run.text.trimStart().length;
					run.text = run.text.trim();
					run.x += lead;
					run.cols = run.text.length;
				}
				const attrs = [`x="${(pad + run.x * cellW).toFixed(1)}"`, `y="${baseline}"`, `fill="${fg}"`];
				if (bold) attrs.push('font-weight="bold"');
				if (italic) attrs.push('font-style="italic"');
				if (dim) attrs.push('opacity="0.6"');
				const decorations = [underline && 'underline', strike && 'line-through'].filter(Boolean);
				if (decorations.length) attrs.push(`text-decoration="${decorations.join(' ')}"`);
				// textLength pins each run to its cells, whatever the viewer's monospace font measures.
				attrs.push(`textLength="${(run.cols * cellW).toFixed(1)}"`, 'lengthAdjust="spacingAndGlyphs"');
				texts.push(`<text ${attrs.join(' ')}>${escapeXml(run.text)}</text>`);
			}
			run = null;
		};
		const flushBg = () => {
			if (bgRun) {
				rects.push(`<rect x="${(pad + bgRun.x * cellW).toFixed(1)}" y="${top}" width="${(bgRun.cols * cellW).toFixed(1)}" height="${cellH}" fill="${bgRun.color}"/>`);
			}
			bgRun = null;
		};
		for (let x = 0; x < xterm.cols; x++) {
			const cell = line.getCell(x);
			if (!cell) continue;
			const width = cell.getWidth();
			if (width === 0) continue; // the second half of a wide character
			const {fg, bg} = cellColors(cell);
			if (bg) {
				if (bgRun && bgRun.color === bg && bgRun.x + bgRun.cols === x) bgRun.cols += width;
				else {
					flushBg();
					bgRun = {x, cols: width, color: bg};
				}
			} else flushBg();
			const chars = cell.isInvisible() ? ' ' : cell.getChars() || ' ';
			const style = {fg, bold: !!cell.isBold(), italic: !!cell.isItalic(), dim: !!cell.isDim(), underline: !!cell.isUnderline(), strike: !!cell.isStrikethrough()};
			const key = JSON.stringify(style);
			// Wide characters get their own run so textLength stays exact.
			if (run && run.key === key && width === 1 && !run.wide) {
				run.text += chars;
				run.cols += 1;
			} else {
				flush();
				run = {x, cols: width, text: chars, key, style, wide: width > 1};
			}
		}
		flush();
		flushBg();
	}
	const dots = ['#ff5f56', '#ffbd2e', '#27c93f'].map((c, i) => `<circle cx="${pad + 6 + i * 20}" cy="${bar / 2 + 4}" r="6" fill="${c}"/>`).join('');
	return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}">
<rect width="100%" height="100%" rx="8" fill="${THEME.background}"/>
${dots}<text x="${width / 2}" y="${bar / 2 + 8}" fill="#8a8a8a" font-family="sans-serif" font-size="13" text-anchor="middle">${escapeXml(title)}</text>
<g shape-rendering="crispEdges">
${rects.join('\n')}
</g>
<g font-family="'DejaVu Sans Mono', 'SF Mono', Menlo, Consolas, 'Liberation Mono', monospace" font-size="${fontSize}" xml:space="preserve">
${texts.join('\n')}
</g>
</svg>
`;
}

const sh = (...args) => execFileSync('bash', args, {cwd: ROOT, stdio: ['ignore', 'inherit', 'inherit']});

async function main() {
	const separator = process.argv.indexOf('--');
	const custom = separator === -1 ? undefined : process.argv.slice(separator + 1);

	const engineWasUp = (() => {
		try {
			sh('scripts/test-engine.sh', 'status');
			return true;
		} catch {
			return false;
		}
	})();
	sh('scripts/test-engine.sh', 'start');
	const host = execFileSync('bash', ['scripts/test-engine.sh', 'env'], {cwd: ROOT, encoding: 'utf8'}).trim().replace(/^export DOCKER_HOST=/, '');
	process.env.DOCKER_HOST = host;
	let failed = false;
	try {
		sh('scripts/demo-containers.sh', 'create');
		const term = custom
			? startTerm({command: custom[0], args: custom.slice(1), cols: COLS, rows: ROWS, env: {DOCKER_HOST: host}})
			: startTerm({cols: COLS, rows: ROWS, env: {DOCKER_HOST: host}});
		try {
			for (const name of DEMO_NAMES.slice(0, 4)) await term.waitForText(name, {timeout: 20_000});
			// CPU % needs a second stats sample; let one more cycle land and the output go quiet.
			await new Promise(resolve => setTimeout(resolve, 3000));
			await term.waitForIdle(300, 5000);
			const missing = DEMO_NAMES.filter(name => !term.screen().includes(name));
			if (missing.length) console.warn(`media: not on screen: ${missing.join(', ')}`);
			mkdirSync(join(ROOT, 'media'), {recursive: true});
			writeFileSync(join(ROOT, 'media', 'containers.svg'), renderSvg(term.xterm));
			writeFileSync(join(ROOT, 'media', 'containers.txt'), term.screen().replace(/\n+$/, '') + '\n');
			console.log('media: wrote media/containers.svg and media/containers.txt');
			await term.press('q');
			const exit = await Promise.race([term.exited, new Promise(resolve => setTimeout(resolve, 5000, undefined))]);
			if (!exit) {
				console.error('media: porthole did not quit within 5 s of `q`');
				failed = true;
			} else if (exit.exitCode !== 0) {
				console.error(`media: porthole exited with code ${exit.exitCode}`);
				failed = true;
			}
		} catch (error) {
			console.error(`media: ${error instanceof Error ? error.message : error}`);
			failed = true;
		} finally {
			await term.dispose();
		}
	} finally {
		if (!engineWasUp) sh('scripts/test-engine.sh', 'stop');
	}
	process.exitCode = failed ? 1 : 0;
}

await main();
