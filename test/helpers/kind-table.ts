/** Reading a kind's table (volumes, networks…) off a pty screen, cell by cell, under its column titles. */
import type {Term} from './term.js';

/** One drawn row: whether it is selected, and each cell under its column title. */
export interface KindRow {
	selected: boolean;
	cells: Record<string, string>;
}

/**
 * The table whose header line starts with `firstTitle` (e.g. "DRIVER", "NETWORK ID"), cut into cells
 * at the title positions. Rows end at the first line that is not a table row.
 */
export function parseKindTable(screen: string, firstTitle: string): KindRow[] {
	const lines = screen.split('\n');
	const headerIndex = lines.findIndex((line) => line.startsWith(`  ${firstTitle}`));
	if (headerIndex < 0) return [];
	const titles = [...lines[headerIndex]!.matchAll(/\S+(?: \S+)*/g)].map((match) => ({title: match[0], start: match.index}));
	const rows: KindRow[] = [];
	for (const line of lines.slice(headerIndex + 1)) {
		if (!/^(?:› | {2}|[› ]●)\S/.test(line)) break;
		const cells: Record<string, string> = {};
		titles.forEach(({title, start}, index) => {
			// Right-aligned cells may start before their title: cut at the gap before the next title.
			const end = titles[index + 1]?.start ?? line.length;
			cells[title] = line.slice(index === 0 ? 2 : start, end).trim();
		});
		rows.push({selected: line.startsWith('›'), cells});
	}
	return rows;
}

/** The values of one column, top to bottom. */
export function columnOf(screen: string, firstTitle: string, title: string): string[] {
	return parseKindTable(screen, firstTitle).map((row) => row.cells[title] ?? '');
}

/** `:name` Enter, then wait for the kind's header. */
export async function openKind(term: Term, name: string, header: string): Promise<void> {
	await term.type(`:${name}`);
	await term.press('enter');
	await term.waitForText(header, {timeout: 10_000});
}

/** Type a filter into the filter bar and keep it (Enter). */
export async function applyFilter(term: Term, text: string): Promise<void> {
	await term.press('/');
	await term.waitFor((screen) => /^filter› /m.test(screen), 5000, 'the filter bar');
	await term.type(text, {settle: 60});
	await term.press('enter');
	await term.waitFor((screen) => !/^filter› /m.test(screen), 5000, 'the filter bar to close');
}

/** Answer the open input dialog: type the text (if any), then Enter. */
export async function answerInput(term: Term, text: string): Promise<void> {
	if (text) await term.type(text, {settle: 40});
	await term.press('enter');
}

/**
 * After a flow on a kind's list, keys still act: `?` opens the help and Esc closes it, j/k moves the
 * selection (with two rows or more), `/` opens the filter bar and takes text, Esc closes it, and `q`
 * quits with exit code 0 and the terminal's normal screen back.
 */
export async function expectKindKeysAct(term: Term, firstTitle: string): Promise<void> {
	term.write('?');
	await term.waitForText('porthole — keys', {timeout: 5000});
	term.write('\u001B');
	await term.waitForNoText('porthole — keys', {timeout: 5000});
	await term.waitFor((screen) => parseKindTable(screen, firstTitle).length > 0 || screen.includes(`  ${firstTitle}`), 5000, 'the list');
	const rows = parseKindTable(term.screen(), firstTitle);
	const selectedIndex = rows.findIndex((row) => row.selected);
	if (rows.length >= 2 && selectedIndex >= 0) {
		term.write(selectedIndex === rows.length - 1 ? 'k' : 'j');
		const want = selectedIndex === rows.length - 1 ? selectedIndex - 1 : selectedIndex + 1;
		await term.waitFor((screen) => parseKindTable(screen, firstTitle).findIndex((row) => row.selected) === want, 5000, 'j/k to move the selection');
	}
	term.write('/zq');
	await term.waitFor((screen) => /^filter› .*zq /m.test(screen), 5000, 'the filter bar with the typed text');
	term.write('\u001B');
	await term.waitFor((screen) => !/^filter› /m.test(screen), 5000, 'the filter bar to close');
	term.write('q');
	const exit = await term.exited;
	if (exit.exitCode !== 0) throw new Error(`q quit with exit code ${exit.exitCode}`);
	if (term.isAlternateScreen()) throw new Error('the terminal is still on the alternate screen after q');
}
