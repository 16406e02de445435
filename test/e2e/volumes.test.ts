// Volumes as a kind, end to end: the built CLI in a real pty against the private engine, checked
// with the docker CLI on the same daemon. `:volumes` lists what `docker volume ls` lists; create
// goes through the dialogs and `docker volume inspect` confirms it; remove is refused while a
// container mounts the volume and allowed after; prune previews then prunes; read-only refuses and
// leaves the daemon as it was; hostile labels reach the terminal as plain text; 80×24 is usable.
import {afterAll, afterEach, beforeAll, describe, expect, it} from 'vitest';
import {TEST_IMAGE, docker, removeTestContainers, runContainer, uniqueName} from '../helpers/docker.js';
import {answerInput, applyFilter, columnOf, expectKindKeysAct, openKind, parseKindTable} from '../helpers/kind-table.js';
import {disposeAllTerms, startTerm} from '../helpers/term.js';

const ESC = '\x1b';
const BEL = '\x07';
const prefix = uniqueName('e2e-vol');

/** `docker volume ls` names, sorted. */
async function dockerVolumes(filter?: string): Promise<string[]> {
	const out = await docker(['volume', 'ls', ...(filter ? ['--filter', filter] : []), '--format', '{{.Name}}']);
	return out ? out.split('\n').sort() : [];
}

async function removeTestVolumes(): Promise<void> {
	const names = await dockerVolumes('label=porthole.test=1');
	if (names.length > 0) await docker(['volume', 'rm', '-f', ...names]).catch(() => undefined);
}

async function createVolume(name: string, labels: string[] = []): Promise<void> {
	await docker(['volume', 'create', '--label', 'porthole.test=1', ...labels.flatMap((label) => ['--label', label]), name]);
}

const names = (screen: string) => columnOf(screen, 'DRIVER', 'VOLUME NAME');

beforeAll(async () => {
	await removeTestContainers();
	await removeTestVolumes();
});
afterEach(disposeAllTerms);
afterAll(async () => {
	await removeTestContainers();
	await removeTestVolumes();
});

describe(':volumes on a real daemon', () => {
	it('lists exactly what docker volume ls lists, with its DRIVER and VOLUME NAME', async () => {
		await createVolume(`${prefix}-a`, ['team=ops']);
		await createVolume(`${prefix}-b2`);
		await createVolume(`${prefix}-b10`);
		const term = startTerm({cols: 200, rows: 40});
		await term.waitForText('NAMES', {timeout: 10_000});
		await openKind(term, 'volumes', 'VOLUME NAME');
		const expected = await dockerVolumes();
		await term.waitFor((screen) => names(screen).length === expected.length, 10_000, `${expected.length} volume rows`);
		expect([...names(term.screen())].sort()).toEqual(expected);
		// docker volume ls' own order (natural): b2 before b10.
		const shown = names(term.screen());
		expect(shown.indexOf(`${prefix}-b2`)).toBeLessThan(shown.indexOf(`${prefix}-b10`));
		const drivers = Object.fromEntries((await docker(['volume', 'ls', '--format', '{{.Name}} {{.Driver}}'])).split('\n').map((line) => line.split(' ')));
		for (const row of parseKindTable(term.screen(), 'DRIVER')) expect(row.cells['DRIVER']).toBe(drivers[row.cells['VOLUME NAME']!]);
		// A daemon filter: only the labelled one.
		await applyFilter(term, 'label=team=ops');
		await term.waitFor((screen) => names(screen).join() === `${prefix}-a`, 10_000, 'only the labelled volume');
		expect(await dockerVolumes('label=team=ops')).toEqual([`${prefix}-a`]);
		await term.press('escape');
		await term.waitFor((screen) => names(screen).length === expected.length, 10_000, 'the whole list again');
		await expectKindKeysAct(term, 'DRIVER');
	});

	it('creates a volume through the dialogs: a bad name is refused in the dialog, then docker volume inspect shows name and labels', async () => {
		const name = `${prefix}-made`;
		const term = startTerm({cols: 160, rows: 36});
		await term.waitForText('NAMES', {timeout: 10_000});
		await openKind(term, 'vol', 'VOLUME NAME');
		await term.press('c');
		await term.waitForText('Create volume (1/4)');
		await answerInput(term, 'no/slash');
		await term.waitForText('includes invalid characters for a local volume name');
		expect(await dockerVolumes()).not.toContain('no/slash');
		await term.press('ctrl-u');
		await answerInput(term, name);
		await term.waitForText('Create volume (2/4)');
		await answerInput(term, '');
		await term.waitForText('Create volume (3/4)');
		await answerInput(term, 'porthole.test=1 team=ops');
		await term.waitForText('Create volume (4/4)');
		await answerInput(term, '');
		await term.waitForText(`Created volume ${name}.`, {timeout: 10_000});
		const inspected = JSON.parse(await docker(['volume', 'inspect', name]))[0];
		expect(inspected.Name).toBe(name);
		expect(inspected.Driver).toBe('local');
		expect(inspected.Labels).toEqual({'porthole.test': '1', team: 'ops'});
		await term.waitFor((screen) => names(screen).includes(name), 10_000, 'the new volume in the list');
		await expectKindKeysAct(term, 'DRIVER');
	});

	it('refuses to remove a volume a container mounts, naming it; removes it once the container is gone', async () => {
		const volume = `${prefix}-used`;
		const user = `${prefix}-user`;
		await createVolume(volume);
		await runContainer(user, ['-v', `${volume}:/data`, TEST_IMAGE, 'true'], {detach: false});
		const term = startTerm({cols: 160, rows: 30});
		await term.waitForText('NAMES', {timeout: 10_000});
		await openKind(term, 'volumes', 'VOLUME NAME');
		await applyFilter(term, `name=${volume}`);
		await term.waitFor((screen) => names(screen).join() === volume && parseKindTable(screen, 'DRIVER')[0]?.cells['USED BY'] === user, 10_000, 'the volume, used by its container');
		await term.press('D');
		await term.waitForText(`Volume ${volume} is in use by container ${user}: remove it first.`);
		expect(await dockerVolumes()).toContain(volume);
		// Enter: the containers using it, as docker ps -a --filter volume= lists them; then back.
		expect(await docker(['ps', '-a', '--filter', `volume=${volume}`, '--format', '{{.Names}}'])).toBe(user);
		await term.press('enter');
		await term.waitFor((screen) => /\bNAMES\b/.test(screen) && screen.includes(`volume=${volume}`) && new RegExp(`\\s${user}\\s*$`, 'm').test(screen), 10_000, 'the containers view filtered by volume');
		await term.type(':vol');
		await term.press('enter');
		await term.waitFor((screen) => names(screen).join() === volume, 10_000, 'back on the volumes, still filtered');
		await docker(['rm', user]);
		await term.waitFor((screen) => parseKindTable(screen, 'DRIVER')[0]?.cells['USED BY'] === '', 10_000, 'USED BY to empty');
		await term.press('D');
		await term.waitForText(`Remove volume ${volume}?`);
		await term.press('y');
		await term.waitForText(`Removed volume ${volume}.`, {timeout: 10_000});
		expect(await dockerVolumes()).not.toContain(volume);
		await term.waitFor((screen) => !names(screen).includes(volume), 10_000, 'the volume gone from the list');
		await term.press('escape');
		await expectKindKeysAct(term, 'DRIVER');
	});

	it('prunes after a preview listing the unused volumes; docker volume ls agrees', async () => {
		const unused = [`${prefix}-p1`, `${prefix}-p2`];
		const kept = `${prefix}-kept`;
		for (const name of [...unused, kept]) await createVolume(name);
		const keeper = `${prefix}-keeper`;
		await runContainer(keeper, ['-v', `${kept}:/data`, TEST_IMAGE, 'true'], {detach: false});
		const term = startTerm({cols: 160, rows: 40});
		await term.waitForText('NAMES', {timeout: 10_000});
		await openKind(term, 'volumes', 'VOLUME NAME');
		await term.press('P');
		await term.waitForText(/Prune \d+ unused volumes?: reclaims up to/, {timeout: 15_000});
		const preview = term.screen();
		for (const name of unused) expect(preview).toContain(name);
		expect(preview.split('\n').filter((line) => line.includes(kept) && line.includes('│'))).toEqual([]);
		await term.press('y');
		await term.waitForText(/Pruned \d+ unused volumes? \(/, {timeout: 15_000});
		const after = await dockerVolumes();
		for (const name of unused) expect(after).not.toContain(name);
		expect(after).toContain(kept);
		await term.waitFor((screen) => !names(screen).includes(unused[0]!) && names(screen).includes(kept), 10_000, 'the list after the prune');
		await expectKindKeysAct(term, 'DRIVER');
	});

	it('read-only: create, remove and prune are refused on screen and the daemon keeps every volume', async () => {
		const volume = `${prefix}-ro`;
		await createVolume(volume);
		const before = await dockerVolumes();
		const term = startTerm({cols: 160, rows: 30, args: ['--read-only']});
		await term.waitForText('NAMES', {timeout: 10_000});
		await openKind(term, 'volumes', 'VOLUME NAME');
		await applyFilter(term, `name=${volume}`);
		await term.waitFor((screen) => names(screen).join() === volume, 10_000, 'the volume');
		expect(term.screen()).not.toMatch(/D remove|c create|P prune/);
		for (const key of ['D', 'c', 'P']) {
			await term.press(key);
			// The message names the key, so each key's refusal is seen, not the previous one's.
			await term.waitForText(new RegExp(`^${key} \\(.*is refused: porthole is read-only`, 'm'));
		}
		expect(term.screen()).not.toContain('Create volume');
		expect(await dockerVolumes()).toEqual(before);
		await term.press('escape');
		await expectKindKeysAct(term, 'DRIVER');
	});

	it('shows labels full of control sequences as plain text (inspect), and fits 80×24', async () => {
		const volume = `${prefix}-hostile`;
		await docker(['volume', 'create', '--label', 'porthole.test=1', '--label', `clip=${ESC}]52;c;cHduZWQ=${BEL}`, '--label', `${ESC}]0;key${BEL}=title`, '--label', `csi=${ESC}[2J`, volume]);
		expect(JSON.parse(await docker(['volume', 'inspect', volume]))[0].Labels.clip).toBe(`${ESC}]52;c;cHduZWQ=${BEL}`);
		const term = startTerm({cols: 80, rows: 24});
		const titles: string[] = [];
		term.xterm.onTitleChange((title) => titles.push(title));
		await term.waitForText('NAMES', {timeout: 10_000});
		const mark = term.mark();
		await openKind(term, 'volumes', 'VOLUME NAME');
		await applyFilter(term, `name=${volume}`);
		await term.waitFor((screen) => names(screen).join() === volume, 10_000, 'the hostile volume');
		// 80×24: the docker columns and USED BY are there, no line overflows, the footer is whole.
		const screen = term.screen();
		for (const title of ['DRIVER', 'VOLUME NAME', 'USED BY']) expect(screen).toContain(title);
		expect(screen).toMatch(/^j\/k move/m);
		await term.press('i');
		await term.waitForText(`Inspect volume ${volume}`);
		await term.waitForText('clip');
		await term.press('tab');
		await term.waitForText('"Labels"');
		const written = term.rawBytesSince(mark).toString('latin1');
		expect(written).not.toContain(`${ESC}]`);
		expect(written).not.toContain(BEL);
		expect(written).not.toContain(`${ESC}[2J`);
		expect(titles.filter((title) => title.includes('key') || title.includes('pwned'))).toEqual([]);
		await term.press('escape');
		await term.waitForText('VOLUME NAME');
		await term.press('escape');
		await expectKindKeysAct(term, 'DRIVER');
	});
});
