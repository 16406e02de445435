/** The keyboard reference as Markdown, generated from the key table (docs/keys.md). */
import {BINDINGS, displayKey, type Scope} from './keymap.js';

const SCOPES: Array<[Scope, string]> = [
	['list', 'Container list'],
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
	out += 'Keys marked ✎ change the daemon and are hidden and refused in read-only mode.\n';
	for (const [scope, title] of SCOPES) {
		const rows = BINDINGS.filter((binding) => binding.scope === scope);
		if (rows.length === 0) continue;
		out += `\n## ${title}\n\n| keys | what |\n|---|---|\n`;
		for (const binding of rows)
			out += `| ${binding.keys.map((key) => '`' + displayKey(key).replace('|', '\\|') + '`').join(' ')} | ${binding.title}${binding.dangerous ? ' ✎' : ''} |\n`;
	}
	return out;
}
