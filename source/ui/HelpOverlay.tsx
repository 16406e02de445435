/** The `?` overlay: every binding from the key table, grouped by where it applies. */
import {Box, Text} from 'ink';
import {helpRows, type Binding, type Scope} from '../keymap/keymap.js';
import {messages} from '../messages.js';
import {theme} from './theme.js';

const SCOPE_TITLES: Record<Scope, string> = {list: 'Container list', filter: 'Filter bar', help: 'This help', global: 'Everywhere'};

/** Full-height help, `height` lines tall. */
export function HelpOverlay({bindings, height, width}: {bindings: readonly Binding[]; height: number; width: number}) {
	const rows = helpRows(bindings);
	const lines: Array<{kind: 'title' | 'row'; text: string; keys?: string}> = [];
	for (const scope of ['list', 'filter', 'global', 'help'] as const) {
		const inScope = rows.filter((row) => row.scope === scope);
		if (inScope.length === 0) continue;
		lines.push({kind: 'title', text: SCOPE_TITLES[scope]});
		for (const row of inScope) lines.push({kind: 'row', text: row.title, keys: row.keys});
	}
	const keyWidth = Math.max(...lines.map((line) => line.keys?.length ?? 0)) + 2;
	return (
		<Box flexDirection="column" height={height} width={width} flexShrink={0} borderStyle="round" borderColor={theme.accent}>
			<Text bold color={theme.accent}>
				{messages.helpTitle}
			</Text>
			{lines.slice(0, Math.max(0, height - 3)).map((line, index) =>
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
