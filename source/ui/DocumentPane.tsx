/** Renders a document (inspect, diff, forensics): a title line, the visible lines, a prompt line. */
import {Box, Text} from 'ink';
import {matchRanges} from '../present/logs.js';
import {segmentLine} from '../present/log-segments.js';
import type {DocLine} from './use-document.js';
import {theme} from './theme.js';

interface DocumentPaneProps {
	title: string;
	variants: string[];
	variant: number;
	hasSecrets: boolean;
	reveal: boolean;
	lines: readonly DocLine[];
	top: number;
	pattern?: RegExp;
	prompt?: {kind: 'search' | 'save'; text: string};
	message?: {text: string; error: boolean};
	height: number;
}

/** The document pane, exactly `height` lines tall. */
export function DocumentPane({title, variants, variant, hasSecrets, reveal, lines, top, pattern, prompt, message, height}: DocumentPaneProps) {
	const body = Math.max(1, height - 2);
	const visible = lines.slice(top, top + body);
	return (
		<Box flexDirection="column" height={height} flexShrink={0}>
			<Text wrap="truncate">
				<Text bold color={theme.accent}>
					{title}
				</Text>
				{variants.length > 1 ? <Text color={theme.muted}>{'  ' + variants.map((v, i) => (i === variant ? `[${v}]` : v)).join(' ')}</Text> : null}
				{hasSecrets ? <Text color={reveal ? theme.error : theme.ok}>{reveal ? '  SECRETS REVEALED' : '  secrets masked'}</Text> : null}
				<Text color={theme.muted}>{`  ${lines.length === 0 ? 0 : top + 1}–${Math.min(lines.length, top + body)} of ${lines.length}`}</Text>
			</Text>
			<Box flexDirection="column" height={body} flexShrink={0} overflow="hidden">
				{visible.map((line, index) => (
					<Text key={top + index} wrap="truncate" color={line.color} bold={line.bold}>
						{/* An empty Text has no height in Ink: draw blank lines as a space. */}
						{segmentLine(line.text || ' ', undefined, matchRanges(line.text, pattern), false).map((segment, i) => (
							<Text key={i} backgroundColor={segment.match ? theme.warning : undefined} color={segment.match ? 'black' : undefined}>
								{segment.text}
							</Text>
						))}
					</Text>
				))}
			</Box>
			{prompt ? (
				<Text wrap="truncate">
					<Text color={theme.accent}>{prompt.kind === 'search' ? 'search› ' : 'save to› '}</Text>
					{prompt.text}
					<Text inverse> </Text>
				</Text>
			) : message ? (
				<Text wrap="truncate" color={message.error ? theme.error : theme.ok}>
					{message.text}
				</Text>
			) : (
				<Text> </Text>
			)}
		</Box>
	);
}
