/**
 * The `?` overlay: the key table in columns (present/help.ts), the section of the screen it was
 * opened from first, then the keys that work everywhere. It fits one screen where the terminal
 * allows; on a small one it scrolls by rows (j/k, PgUp/PgDn, g/G).
 */
import {Box, Text} from 'ink';
import type {Binding, Scope} from '../keymap/keymap.js';
import {messages} from '../messages.js';
import {type HelpLayout, type HelpLine, helpLayout, helpLines} from '../present/help.js';
import {truncateToWidth} from '../present/text.js';
import {theme} from './theme.js';

/** The layout the overlay draws at this size (App uses it to bound scrolling). */
export function overlayLayout(bindings: readonly Binding[], first: Scope | readonly Scope[], width: number, height: number): {layout: HelpLayout; room: number} {
	const room = Math.max(1, height - 3);
	// Inside the border: two columns of it.
	return {layout: helpLayout(helpLines(bindings, first, {only: true}), Math.max(1, width - 2), room), room};
}

/** Full-height help, `height` lines tall, starting at row `scroll`, drawn from App's layout (App bounds scrolling by it). */
export function HelpOverlay({help: {layout, room}, height, width, scroll = 0}: {help: ReturnType<typeof overlayLayout>; height: number; width: number; scroll?: number}) {
	const start = Math.max(0, Math.min(scroll, layout.rows - room));
	const shownRows = Array.from({length: Math.min(room, layout.rows - start)}, (_, index) => start + index);
	return (
		<Box flexDirection="column" height={height} width={width} flexShrink={0} borderStyle="round" borderColor={theme.accent}>
			<Text bold color={theme.accent} wrap="truncate">
				{messages.helpTitle}
				<Text color={theme.muted}>
					{layout.rows > room ? `  (${start + 1}–${start + shownRows.length} of ${layout.rows}, j/k to scroll)` : ''}
					{'  ✎ changes the daemon'}
				</Text>
			</Text>
			{shownRows.map((row) => (
				<Text key={row} wrap="truncate">
					{layout.columns.map((column, index) => (
						<HelpCell key={index} line={column[row]} width={layout.columnWidth} keyWidth={layout.keyWidths[index]!} last={index === layout.columns.length - 1} />
					))}
				</Text>
			))}
		</Box>
	);
}

/** One line of one column, exactly `width` wide (plus the gap) unless it is the last column. */
function HelpCell({line, width, keyWidth, last}: {line: HelpLine | undefined; width: number; keyWidth: number; last: boolean}) {
	const gap = last ? '' : '  ';
	if (!line) return <Text>{last ? '' : ' '.repeat(width) + gap}</Text>;
	if (line.kind === 'title') {
		const text = truncateToWidth(line.text, width);
		return (
			<Text>
				<Text bold>{text}</Text>
				{last ? '' : ' '.repeat(Math.max(0, width - text.length)) + gap}
			</Text>
		);
	}
	const keys = truncateToWidth(line.keys ?? '', keyWidth - 1).padEnd(keyWidth);
	const title = truncateToWidth(line.text, Math.max(1, width - keyWidth - 4));
	const used = 2 + keys.length + 2 + title.length;
	return (
		<Text>
			{'  '}
			<Text color={theme.key}>{keys}</Text>
			{line.dangerous ? '✎ ' : '  '}
			{title}
			{last ? '' : ' '.repeat(Math.max(0, width - used)) + gap}
		</Text>
	);
}
