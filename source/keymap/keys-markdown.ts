/** The keyboard reference as Markdown, generated from the key table (docs/keys.md). */
import {LIST_KINDS} from '../resources/registry.js';
import {BINDINGS, displayKey, kindBindings, type Scope} from './keymap.js';

const SCOPES: Array<[Scope, string]> = [
	['list', 'Every list (containers, images, volumes, networks)'],
	['containers', 'Container list'],
	['images', 'Images (:images)'],
	['volumes', 'Volumes (:volumes)'],
	['networks', 'Networks (:networks)'],
	['df', 'Disk usage (:df)'],
	['events', 'Events (:events)'],
	['command', 'Command line (:)'],
	['logs', 'Logs'],
	['doc', 'Inspect, diff, what happened'],
	['dialog', 'Dialogs'],
	['filter', 'Filter bar'],
	['prompt', 'Logs prompts'],
	['confirm', 'Questions'],
	['help', 'Help'],
	['global', 'Everywhere'],
];

/** docs/keys.md's content. */
export function keysMarkdown(): string {
	let out = '# porthole keys\n\nGenerated from `source/keymap/keymap.ts` by `node scripts/keys-doc.mjs`; do not edit by hand.\n';
	out += 'Keys marked ✎ change the daemon and are hidden and refused in read-only mode. The command is the stable name of what a key does.\n';
	const all = [...BINDINGS, ...kindBindings(Object.values(LIST_KINDS))];
	for (const [scope, title] of SCOPES) {
		const rows = all.filter((binding) => binding.scope === scope);
		if (rows.length === 0) continue;
		out += `\n## ${title}\n\n| keys | what | command |\n|---|---|---|\n`;
		for (const binding of rows)
			out += `| ${binding.keys.map((key) => '`' + displayKey(key).replace('|', '\\|') + '`').join(' ')} | ${binding.title}${binding.dangerous ? ' ✎' : ''} | \`${binding.command}\` |\n`;
	}
	return out;
}
