// Networks as a kind, end to end: the built CLI in a real pty against the private engine, checked
// with the docker CLI on the same daemon. `:networks` lists what `docker network ls` lists; create
// (subnet, gateway, internal, labels) goes through the dialogs and `docker network inspect`
// confirms it; connect and disconnect a container; remove is refused for a predefined network and
// while a container is attached, allowed after; prune previews then prunes; read-only refuses and
// leaves the daemon as it was; hostile names and labels reach the terminal as plain text; 80×24.
// Every network here is internal (no route out) and every container is attached only to those.
import {afterAll, afterEach, beforeAll, describe, expect, it} from 'vitest';
import {TEST_IMAGE, docker, removeTestContainers, runContainer, uniqueName, waitForState} from '../helpers/docker.js';
import {answerInput, applyFilter, columnOf, expectKindKeysAct, openKind, parseKindTable} from '../helpers/kind-table.js';
import {disposeAllTerms, startTerm, type Term} from '../helpers/term.js';

const ESC = '\x1b';
const BEL = '\x07';
const prefix = uniqueName('e2e-net');

/** `docker network ls` lines "ID NAME DRIVER SCOPE", sorted. */
async function dockerNetworks(filter?: string): Promise<string[]> {
	const out = await docker(['network', 'ls', ...(filter ? ['--filter', filter] : []), '--format', '{{.ID}} {{.Name}} {{.Driver}} {{.Scope}}']);
	return out ? out.split('\n').sort() : [];
}

const networkNames = async (filter?: string) => (await dockerNetworks(filter)).map((line) => line.split(' ')[1]!).sort();

async function removeTestNetworks(): Promise<void> {
	const ids = (await docker(['network', 'ls', '-q', '--filter', 'label=porthole.test=1'])).split('\n').filter(Boolean);
	for (const id of ids) await docker(['network', 'rm', id]).catch(() => undefined);
}

/** An internal network (no route out), labelled for cleanup. */
async function createNetwork(name: string, extra: string[] = []): Promise<void> {
	await docker(['network', 'create', '--internal', '--label', 'porthole.test=1', ...extra, name]);
}

/** A running container attached only to `network` (internal). */
async function runOn(name: string, network: string): Promise<void> {
	await runContainer(name, ['--network', network, TEST_IMAGE, 'sh', '-c', 'while true; do sleep 1; done']);
	await waitForState(name, 'running');
}

const names = (screen: string) => columnOf(screen, 'NETWORK ID', 'NAME');
const rowOf = (screen: string, name: string) => parseKindTable(screen, 'NETWORK ID').find((row) => row.cells['NAME'] === name);

async function openNetworks(term: Term): Promise<void> {
	await term.waitForText('NAMES', {timeout: 10_000});
	await openKind(term, 'networks', 'NETWORK ID');
}

/** Move the choice dialog's marker to the line holding `text`. */
async function choose(term: Term, text: string): Promise<void> {
	for (let i = 0; i < 20 && !new RegExp(`› ${text}`).test(term.screen()); i += 1) await term.press('j');
	expect(term.screen()).toMatch(new RegExp(`› ${text}`));
	await term.press('enter');
}

beforeAll(async () => {
	await removeTestContainers();
	await removeTestNetworks();
});
afterEach(disposeAllTerms);
afterAll(async () => {
	await removeTestContainers();
	await removeTestNetworks();
});

describe(':networks on a real daemon', () => {
	it('lists exactly what docker network ls lists (NETWORK ID, NAME, DRIVER, SCOPE), plus SUBNET, INTERNAL and CONTAINERS', async () => {
		const withSubnet = `${prefix}-sub`;
		await createNetwork(withSubnet, ['--subnet', '198.18.71.0/24', '--gateway', '198.18.71.1']);
		await createNetwork(`${prefix}-b2`);
		await createNetwork(`${prefix}-b10`);
		await runOn(`${prefix}-member`, withSubnet);
		const term = startTerm({cols: 200, rows: 40});
		await openNetworks(term);
		const expected = await dockerNetworks();
		await term.waitFor((screen) => parseKindTable(screen, 'NETWORK ID').length === expected.length && rowOf(screen, withSubnet)?.cells['CONTAINERS'] === '1', 10_000, `${expected.length} network rows`);
		const shown = parseKindTable(term.screen(), 'NETWORK ID').map((row) => `${row.cells['NETWORK ID']} ${row.cells['NAME']} ${row.cells['DRIVER']} ${row.cells['SCOPE']}`);
		expect([...shown].sort()).toEqual(expected);
		expect(names(term.screen()).indexOf(`${prefix}-b2`)).toBeLessThan(names(term.screen()).indexOf(`${prefix}-b10`));
		const row = rowOf(term.screen(), withSubnet)!;
		expect([row.cells['SUBNET'], row.cells['GATEWAY'], row.cells['INTERNAL']]).toEqual(['198.18.71.0/24', '198.18.71.1', 'true']);
		// A daemon filter: type=custom leaves the predefined ones out, as docker does.
		await applyFilter(term, 'type=custom');
		const custom = await networkNames('type=custom');
		await term.waitFor((screen) => [...names(screen)].sort().join() === custom.join(), 10_000, 'only the custom networks');
		await term.press('escape');
		await expectKindKeysAct(term, 'NETWORK ID');
	});

	it('creates an internal network with subnet, gateway and labels through the dialogs; bad input is refused in the dialog', async () => {
		const name = `${prefix}-made`;
		const term = startTerm({cols: 160, rows: 36});
		await openNetworks(term);
		await term.press('c');
		await term.waitForText('Create network (1/6)');
		await answerInput(term, name);
		await term.waitForText('Create network (2/6)');
		await answerInput(term, '');
		await term.waitForText('Create network (3/6)');
		await answerInput(term, '198.18.72.0/40');
		await term.waitForText('invalid CIDR address: 198.18.72.0/40');
		await term.press('ctrl-u');
		await answerInput(term, '198.18.72.0/24');
		await term.waitForText('Create network (4/6)');
		await answerInput(term, '198.18.73.1');
		await term.waitForText('no matching subnet for gateway 198.18.73.1');
		expect(await networkNames()).not.toContain(name);
		await term.press('ctrl-u');
		await answerInput(term, '198.18.72.1');
		await term.waitForText('Create network (5/6)');
		await choose(term, 'yes');
		await term.waitForText('Create network (6/6)');
		await answerInput(term, 'porthole.test=1 app=web');
		await term.waitForText(`Created network ${name}`, {timeout: 10_000});
		const inspected = JSON.parse(await docker(['network', 'inspect', name]))[0];
		expect(inspected.Name).toBe(name);
		expect(inspected.Driver).toBe('bridge');
		expect(inspected.Internal).toBe(true);
		expect(inspected.IPAM.Config).toEqual([{Subnet: '198.18.72.0/24', Gateway: '198.18.72.1'}]);
		expect(inspected.Labels).toEqual({'porthole.test': '1', app: 'web'});
		await term.waitFor((screen) => rowOf(screen, name)?.cells['SUBNET'] === '198.18.72.0/24', 10_000, 'the new network in the list');
		await expectKindKeysAct(term, 'NETWORK ID');
	});

	it('connects a container with an alias, refuses removing while it is attached, disconnects it, then removes', async () => {
		const home = `${prefix}-home`;
		const other = `${prefix}-other`;
		const container = `${prefix}-c1`;
		await createNetwork(home);
		await createNetwork(other);
		await runOn(container, home);
		const term = startTerm({cols: 160, rows: 36});
		await openNetworks(term);
		await applyFilter(term, `name=${other}`);
		await term.waitFor((screen) => names(screen).join() === other, 10_000, 'the other network alone');
		// The predefined networks and attached ones cannot go: here, nobody yet.
		await term.press('C');
		await term.waitForText(`Connect which container to ${other}?`);
		await choose(term, container);
		await term.waitForText(`Connect ${container} to ${other}`);
		await answerInput(term, 'web-alias');
		await term.waitForText(`Connected ${container} to ${other}.`, {timeout: 10_000});
		const endpoints = JSON.parse(await docker(['inspect', '--format', '{{json .NetworkSettings.Networks}}', container]));
		expect(Object.keys(endpoints).sort()).toEqual([home, other].sort());
		expect(endpoints[other].Aliases).toContain('web-alias');
		await term.waitFor((screen) => rowOf(screen, other)?.cells['CONTAINERS'] === '1', 10_000, 'CONTAINERS to count it');
		// Enter: the containers on this network, as docker ps --filter network= lists them; Tab comes back.
		expect(await docker(['ps', '-a', '--filter', `network=${other}`, '--format', '{{.Names}}'])).toBe(container);
		await term.press('enter');
		await term.waitFor((screen) => /\bNAMES\b/.test(screen) && screen.includes(`network=${other}`) && new RegExp(`\\s${container}\\s*$`, 'm').test(screen), 10_000, 'the containers view filtered by network');
		await term.type(':net');
		await term.press('enter');
		await term.waitFor((screen) => names(screen).join() === other, 10_000, 'back on the networks, still filtered');
		await term.press('D');
		await term.waitForText(`Network ${other} cannot be removed while container ${container} is attached: disconnect it first.`);
		expect(await networkNames()).toContain(other);
		// Inspect names the member with its address and alias.
		await term.press('i');
		await term.waitForText(`Inspect network ${other}`);
		await term.waitForText(/Containers \(1\)/);
		expect(term.screen()).toMatch(new RegExp(`${container}\\s+running\\s+198\\.18\\.|${container}\\s+running\\s+\\d+\\.\\d+\\.\\d+\\.\\d+`));
		expect(term.screen()).toContain('web-alias');
		await term.press('escape');
		await term.waitForText('NETWORK ID');
		await term.press('X');
		await term.waitForText(`Disconnect which container from ${other}?`);
		await choose(term, container);
		await term.waitForText(`Disconnected ${container} from ${other}.`, {timeout: 10_000});
		expect(Object.keys(JSON.parse(await docker(['inspect', '--format', '{{json .NetworkSettings.Networks}}', container])))).toEqual([home]);
		await term.waitFor((screen) => rowOf(screen, other)?.cells['CONTAINERS'] === '0', 10_000, 'CONTAINERS back to 0');
		await term.press('D');
		await term.waitForText(`Remove network ${other}?`);
		await term.press('y');
		await term.waitForText(`Removed network ${other}.`, {timeout: 10_000});
		expect(await networkNames()).not.toContain(other);
		// bridge is refused before the daemon is asked.
		await term.press('escape');
		await term.waitFor((screen) => names(screen).includes('host'), 10_000, 'the filter cleared');
		await applyFilter(term, 'name=bridge');
		await term.waitFor((screen) => names(screen).includes('bridge'), 10_000, 'bridge');
		await term.press('D');
		await term.waitForText('bridge is a pre-defined network and cannot be removed.');
		await term.press('escape');
		await expectKindKeysAct(term, 'NETWORK ID');
	});

	it('prunes after a preview naming the unused networks; docker network ls agrees', async () => {
		const unused = [`${prefix}-p1`, `${prefix}-p2`];
		const kept = `${prefix}-busy`;
		for (const name of [...unused, kept]) await createNetwork(name);
		await runOn(`${prefix}-c2`, kept);
		const term = startTerm({cols: 160, rows: 40});
		await openNetworks(term);
		await term.press('P');
		await term.waitForText(/Prune \d+ unused networks?\?/, {timeout: 15_000});
		for (const name of unused) expect(term.screen()).toContain(name);
		await term.press('y');
		await term.waitForText(/Pruned \d+ unused networks?/, {timeout: 15_000});
		const after = await networkNames();
		for (const name of unused) expect(after).not.toContain(name);
		expect(after).toEqual(expect.arrayContaining([kept, 'bridge', 'host', 'none']));
		await term.waitFor((screen) => !names(screen).includes(unused[0]!) && names(screen).includes(kept), 10_000, 'the list after the prune');
		await expectKindKeysAct(term, 'NETWORK ID');
	});

	it('read-only: create, remove, connect, disconnect and prune are refused and the daemon is unchanged', async () => {
		const network = `${prefix}-ro`;
		await createNetwork(network);
		await runOn(`${prefix}-c3`, network);
		const before = await dockerNetworks();
		const term = startTerm({cols: 160, rows: 30, args: ['--read-only']});
		await openNetworks(term);
		await applyFilter(term, `name=${network}`);
		await term.waitFor((screen) => names(screen).join() === network, 10_000, 'the network');
		expect(term.screen()).not.toMatch(/D remove|c create|C connect|X disconnect|P prune/);
		for (const key of ['D', 'c', 'C', 'X', 'P']) {
			await term.press(key);
			await term.waitForText(new RegExp(`^${key} \\(.*is refused: porthole is read-only`, 'm'));
		}
		expect(term.screen()).not.toMatch(/Create network|Connect which|Disconnect which|Prune \d/);
		expect(await dockerNetworks()).toEqual(before);
		await term.press('escape');
		await expectKindKeysAct(term, 'NETWORK ID');
	});

	it('shows a network name and labels full of control sequences as plain text, and fits 80×24', async () => {
		const hostile = `${prefix}-${ESC}]0;pwned${BEL}${ESC}[2J`;
		await docker(['network', 'create', '--internal', '--label', 'porthole.test=1', '--label', `clip=${ESC}]52;c;cHduZWQ=${BEL}`, hostile]);
		expect(await networkNames()).toContain(hostile);
		const term = startTerm({cols: 80, rows: 24});
		const titles: string[] = [];
		term.xterm.onTitleChange((title) => titles.push(title));
		const mark = term.mark();
		await openNetworks(term);
		await applyFilter(term, 'label=clip');
		await term.waitFor((screen) => names(screen).length === 1, 10_000, 'the hostile network');
		const screen = term.screen();
		for (const title of ['NETWORK ID', 'NAME', 'DRIVER', 'SCOPE']) expect(screen).toContain(title);
		expect(screen).toMatch(/^j\/k move/m);
		await term.press('i');
		await term.waitForText('Inspect network');
		await term.waitForText('clip');
		await term.press('tab');
		await term.waitForText('"Name"');
		const written = term.rawBytesSince(mark).toString('latin1');
		expect(written).not.toContain(`${ESC}]`);
		expect(written).not.toContain(BEL);
		expect(written).not.toContain(`${ESC}[2J`);
		expect(titles.filter((title) => title.includes('pwned'))).toEqual([]);
		await term.press('escape');
		await term.waitForText('NETWORK ID');
		await term.press('escape');
		await expectKindKeysAct(term, 'NETWORK ID');
	});
});
