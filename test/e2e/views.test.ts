// Issue 12: the views that are not lists of one kind, through the real pty on the private engine:
// `:df` shows what `docker system df` shows, `:events` what `docker events` shows (live, filtered,
// paused), and the `:` command line and Tab reach every kind. Keys act after every flow.
import {afterAll, afterEach, describe, expect, it} from 'vitest';
import {TEST_IMAGE, TEST_LABEL, docker, removeTestContainers, uniqueName} from '../helpers/docker.js';
import {disposeAllTerms, startTerm, type Term} from '../helpers/term.js';

afterEach(disposeAllTerms);
afterAll(removeTestContainers);

/** porthole at `cols`×`rows` with its list on screen. */
async function open(cols = 120, rows = 30, args: string[] = []): Promise<Term> {
	const term = startTerm({cols, rows, args});
	await term.waitForText('NAMES', {timeout: 15_000});
	return term;
}

/** Go somewhere with the command line. */
async function go(term: Term, name: string): Promise<void> {
	term.write(':');
	await term.waitFor((screen) => /^:\s/m.test(screen), 5000, 'the command line');
	term.write(`${name}\r`);
}

describe(':df', () => {
	it('shows the lines docker system df shows, then the -v sections, and keys act after', async () => {
		const term = await open();
		await go(term, 'df');
		await term.waitForText(/measured .* ago/, {timeout: 30_000});
		const cli = (await docker(['system', 'df', '--format', '{{json .}}'])).split('\n').map((line) => JSON.parse(line) as Record<string, string>);
		const screen = term.screen();
		for (const row of cli) {
			const line = screen.split('\n').find((text) => text.includes(row['Type']!));
			expect(line, row['Type']).toBeDefined();
			const cells = line!.replace(/^[›\s]+/, '').split(/\s{2,}/);
			expect(cells).toEqual([row['Type'], String(row['TotalCount']), String(row['Active']), row['Size'], row['Reclaimable']]);
		}
		term.write('v');
		await term.waitForText('Images space usage:');
		await term.waitForText('Local Volumes space usage:');
		term.write('\u001B');
		await term.waitForText('RECLAIMABLE');
		term.write('\u001B');
		await term.waitForText('NAMES');
		term.write('?');
		await term.waitForText('porthole — keys');
	});

	it('refuses prune in read-only mode, saying so, and the daemon is unchanged', async () => {
		const name = uniqueName('e2e-df-ro');
		await docker(['create', '--network', 'none', '--label', TEST_LABEL, '--name', name, TEST_IMAGE, 'true']);
		const term = await open(120, 30, ['--read-only']);
		await go(term, 'df');
		await term.waitForText(/measured .* ago/, {timeout: 30_000});
		expect(term.screen()).not.toContain('P prune');
		term.write('P');
		await term.waitForText(/read-only/i);
		expect(await docker(['ps', '-a', '--filter', `name=${name}`, '--format', '{{.Names}}'])).toBe(name);
	});
});

describe(':events', () => {
	it('shows a container\'s life as docker events does, filters with its grammar, pauses, and keys act after', async () => {
		const name = uniqueName('e2e-ev');
		const term = await open(200, 40);
		await go(term, 'events');
		await term.waitForText('Events since 10m');
		await docker(['run', '--rm', '--network', 'none', '--label', TEST_LABEL, '--name', name, TEST_IMAGE, 'true']);
		for (const action of ['create', 'start', 'die', 'destroy']) await term.waitForText(new RegExp(`container +${action} +${name}`), {timeout: 10_000});
		// The same line docker events printed for the die, by id, time to the nanosecond at 200 columns.
		const since = String(Math.floor(Date.now() / 1000) - 120);
		const cliDie = (await docker(['events', '--since', since, '--until', String(Math.ceil(Date.now() / 1000)), '--filter', `container=${name}`, '--filter', 'event=die', '--format', '{{json .}}'])).split('\n').map((line) => JSON.parse(line) as {id: string; timeNano: number});
		expect(cliDie).toHaveLength(1);
		expect(term.screen()).toContain(cliDie[0]!.id.slice(0, 12));
		term.write('f');
		await term.waitForText('Filter events');
		term.write('event=die\r');
		await term.waitFor((screen) => screen.includes('filter: event=die') && new RegExp(`die +${name}`).test(screen) && !new RegExp(`start +${name}`).test(screen), 5000, 'only the die');
		term.write('p');
		await term.waitForText('PAUSED');
		await docker(['run', '--rm', '--network', 'none', '--label', TEST_LABEL, '--name', `${name}-2`, TEST_IMAGE, 'true']);
		await term.waitForText('PAUSED (1 new)', {timeout: 10_000});
		expect(term.screen()).not.toContain(`${name}-2`);
		term.write('p');
		await term.waitForText(`${name}-2`);
		term.write('\u001B');
		await term.waitForText('NAMES');
		term.write('?');
		await term.waitForText('porthole — keys');
	});
});

describe('the : command line and Tab', () => {
	it('reach the volumes as docker volume ls lists them, and come back', async () => {
		const volume = uniqueName('e2e-cmd-vol');
		await docker(['volume', 'create', '--label', TEST_LABEL, volume]);
		try {
			const term = await open(100, 30);
			await go(term, 'vol');
			await term.waitForText('VOLUME NAME');
			const names = (await docker(['volume', 'ls', '--format', '{{.Name}}'])).split('\n').filter(Boolean);
			for (const name of names.slice(0, 20)) await term.waitForText(name.length > 40 ? name.slice(0, 12) : name);
			term.write('\u001B');
			await term.waitForText('NAMES');
			term.write('j');
			await term.waitForText('NAMES');
		} finally {
			await docker(['volume', 'rm', volume]).catch(() => undefined);
		}
	});
});
