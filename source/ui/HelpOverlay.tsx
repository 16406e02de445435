/**
 * The `?` overlay: every binding from the key table, grouped by where it applies, the group of
 * the screen it was opened from first. Scrolls when the terminal is shorter than the list.
 */
import {Box, Text} from 'ink';
import {helpRows, type Binding, type Scope} from '../keymap/keymap.js';
import {messages} from '../messages.js';
import {theme} from './theme.js';

const SCOPE_TITLES: Record<Scope, string> = {
	list: 'Container list',
	filter: 'Filter bar',
	logs: 'Logs',
	prompt: 'Logs prompts',
	confirm: 'Questions',
	dialog: 'Dialogs (confirm, signal, remove, prune)',
	doc: 'Inspect, diff, what happened',
	global: 'Everywhere',
	help: 'This help',
};

/** Help lines for the given scope order. */
export function helpLines(bindings: readonly Binding[], first: Scope): Array<{kind: 'title' | 'row'; text: string; keys?: string}> {
	const rows = helpRows(bindings);
	const order: Scope[] = [first, ...(['list', 'logs', 'doc', 'dialog', 'filter', 'prompt', 'confirm', 'global', 'help'] as const).filter((s) => s !== first)];
	const lines: Array<{kind: 'title' | 'row'; text: string; keys?: string}> = [];
	for (const scope of order) {
		const inScope = rows.filter((row) => row.scope === scope);
		if (inScope.length === 0) continue;
		lines.push({kind: 'title', text: SCOPE_TITLES[scope]});
		for (const row of inScope) lines.push({kind: 'row', text: row.title, keys: row.keys});
	}
	return lines;
}

/** Full-height help, `height` lines tall, starting at line `scroll`. */
export function HelpOverlay({bindings, height, width, first = 'list', scroll = 0}: {bindings: readonly Binding[]; height: number; width: number; first?: Scope; scroll?: number}) {
	const lines = helpLines(bindings, first);
	const room = Math.max(1, height - 3);
	const start = Math.max(0, Math.min(scroll, lines.length - room));
	const keyWidth = Math.max(...lines.map((line) => line.keys?.length ?? 0)) + 2;
	return (
		<Box flexDirection="column" height={height} width={width} flexShrink={0} borderStyle="round" borderColor={theme.accent}>
			<Text bold color={theme.accent} wrap="truncate">
				{messages.helpTitle}
				<Text color={theme.muted}>{lines.length > room ? `  (${start + 1}–${Math.min(lines.length, start + room)} of ${lines.length}, j/k to scroll)` : ''}</Text>
			</Text>
			{lines.slice(start, start + room).map((line, index) =>
				line.kind === 'title' ? (
					<Text key={index} bold wrap="truncate">
						{line.text}
					</Text>
				) : (
					<Text key={index} wrap="truncate">
						{'  '}
						<Text color={theme.key}>{(line.keys ?? '').padEnd(keyWidth)}</Text>
						{line.text}
					</Text>
				),
			)}
		</Box>
	);
}
