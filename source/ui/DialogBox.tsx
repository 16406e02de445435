/** The action dialogs: confirmations that say what will be lost, pickers, text prompts. */
import {Box, Text} from 'ink';
import {KILL_SIGNALS} from '../engine/types.js';
import {namesText} from '../present/containers.js';
import {prunePreviewLines, prunePreviewTitle} from '../present/prune.js';
import {sanitizeLine} from '../present/sanitize.js';
import {bytesSize} from '../present/stats.js';
import {theme} from './theme.js';
import {type Dialog, PRUNE_KINDS} from '../actions/container-flow.js';
import type {Dialog as AskedDialog} from '../actions/dialogs.js';

/** Either dialog: the containers' own (use-actions) or one an action asked for (actions/dialogs.ts). */
export type AnyDialog = Dialog | AskedDialog;

/** Lines of a dialog an action asked for. */
function askedContent(dialog: AskedDialog): ReturnType<typeof content> {
	switch (dialog.type) {
		case 'confirm':
			return {
				title: sanitizeLine(dialog.title),
				lines: [
					...dialog.lines.map((text) => ({text: '  ' + sanitizeLine(text)})),
					...(dialog.toggles.length > 0 ? [{text: dialog.toggles.map((toggle) => `[${toggle.on ? 'x' : ' '}] ${toggle.id === 'force' ? 'f' : 'v'}  ${toggle.label}`).join('    ')}] : []),
				],
				keys: [...dialog.toggles.map((toggle) => `${toggle.id === 'force' ? 'f' : 'v'} ${toggle.id}`), 'Enter/y confirm', 'Esc/n cancel'].join(' · '),
				danger: dialog.danger ?? false,
			};
		case 'input':
			return {
				title: sanitizeLine(dialog.title),
				lines: [
					{text: `${sanitizeLine(dialog.label)}: ${sanitizeLine(dialog.text)}█`},
					dialog.error ? {text: sanitizeLine(dialog.error), color: theme.error} : {text: dialog.hint ? sanitizeLine(dialog.hint) : '', color: theme.muted},
				],
				keys: 'Enter ok · Esc cancel · Ctrl-U clear',
				danger: false,
			};
		case 'choice':
			return {
				title: sanitizeLine(dialog.title),
				lines: dialog.choices.map((choice, index) => ({text: `${index === dialog.choice ? '›' : ' '} ${sanitizeLine(choice)}`, color: index === dialog.choice ? theme.accent : undefined})),
				keys: 'j/k choose · Enter ok · Esc cancel',
				danger: false,
			};
		case 'task':
			return {
				title: `${sanitizeLine(dialog.title)}  (${Math.floor((Date.now() - dialog.startedAt) / 1000)} s)`,
				lines: dialog.lines.length > 0 ? dialog.lines.map((text) => ({text: sanitizeLine(text)})) : [{text: 'Waiting for the daemon…', color: theme.muted}],
				keys: 'Esc cancel',
				danger: false,
			};
	}
}

/** Lines of a dialog: title, body, and the keys. */
function content(dialog: Dialog): {title: string; lines: Array<{text: string; color?: string}>; keys: string; danger: boolean} {
	switch (dialog.kind) {
		case 'confirm':
			return {title: dialog.title, lines: dialog.lines.map((text) => ({text: '  ' + text})), keys: 'Enter/y confirm · Esc/n cancel', danger: false};
		case 'kill':
			return {
				title: `Kill ${dialog.targets.length === 1 ? namesText(dialog.targets[0]!) : `${dialog.targets.length} containers`} with which signal?`,
				lines: [
					...KILL_SIGNALS.map((signal, index) => ({
						text: `${index === dialog.choice && !dialog.typed ? '›' : ' '} ${signal}${signal === 'SIGKILL' ? '  (default: cannot be caught; unsaved work in the process is lost)' : ''}`,
						color: index === dialog.choice && !dialog.typed ? theme.accent : undefined,
					})),
					{text: dialog.typed ? `› other: ${dialog.typed}█` : '  other: type a name (HUP, SIGRTMIN+3) or a number (9)', color: dialog.typed ? theme.accent : theme.muted},
					...(dialog.error ? [{text: dialog.error, color: theme.error}] : []),
				],
				keys: 'j/k choose · or type one · Enter kill · Esc cancel',
				danger: true,
			};
		case 'remove': {
			const lines: Array<{text: string; color?: string}> = [];
			let size = 0;
			let anonymous = 0;
			for (const target of dialog.targets.slice(0, 8)) {
				const impact = dialog.impacts.get(target.id);
				if (!impact) continue;
				size += impact.sizeRw;
				anonymous += impact.anonymousVolumes.length;
				lines.push({text: `  ${namesText(target)} (${target.state}): writable layer ${bytesSize(impact.sizeRw)}`});
				for (const volume of impact.anonymousVolumes)
					lines.push({
						text: `    anonymous volume ${volume.name.slice(0, 12)} at ${sanitizeLine(volume.destination)}: ${dialog.volumes ? 'REMOVED with it' : 'left behind, dangling'}`,
						color: dialog.volumes ? theme.error : theme.warning,
					});
				for (const mount of impact.keptMounts) lines.push({text: `    ${mount.type} ${sanitizeLine(mount.source)} at ${sanitizeLine(mount.destination)}: kept`, color: theme.muted});
			}
			if (dialog.targets.length > 8) lines.push({text: `  … and ${dialog.targets.length - 8} more`});
			lines.push({text: `Files created or changed inside ${dialog.targets.length === 1 ? 'the container' : 'these containers'} (${bytesSize(size)}) are deleted for good.`, color: theme.error});
			const running = dialog.targets.filter((t) => t.state === 'running' || t.state === 'paused' || t.state === 'restarting').length;
			if (running > 0) lines.push({text: `${running} running: ${dialog.force ? 'force is ON — it will be killed first' : 'the daemon refuses unless force is on (f)'}`, color: theme.warning});
			lines.push({text: `[${dialog.force ? 'x' : ' '}] f  force    [${dialog.volumes ? 'x' : ' '}] v  remove anonymous volumes${anonymous > 0 ? ` (${anonymous})` : ''}`});
			return {title: `Remove ${dialog.targets.length === 1 ? namesText(dialog.targets[0]!) : `${dialog.targets.length} containers`}?`, lines, keys: 'f force · v volumes · Enter/y remove · Esc/n cancel', danger: true};
		}
		case 'forceRemove':
			return {
				title: `The daemon refused: ${sanitizeLine(dialog.reason)}`,
				lines: [
					{text: `Force-remove ${dialog.targets.length === 1 ? namesText(dialog.targets[0]!) : `${dialog.targets.length} running containers`}? It is killed (SIGKILL) and removed; its files are lost.`, color: theme.error},
					{text: `[${dialog.volumes ? 'x' : ' '}] v  remove anonymous volumes too`},
				],
				keys: 'Enter/y force remove · v volumes · Esc/n cancel',
				danger: true,
			};
		case 'text':
			return {
				title: dialog.label,
				lines: [{text: `› ${dialog.text}█`}, ...(dialog.error ? [{text: dialog.error, color: theme.error}] : [])],
				keys: 'Enter ok · Esc cancel',
				danger: false,
			};
		case 'prunePick':
			return {
				title: 'Prune what? A preview lists exactly what will be removed before anything is.',
				lines: PRUNE_KINDS.map((kind, index) => ({text: `${index === dialog.choice ? '›' : ' '} ${kind.title}`, color: index === dialog.choice ? theme.accent : undefined})),
				keys: 'j/k choose · Enter preview · Esc cancel',
				danger: false,
			};
		case 'prunePreview': {
			const items = dialog.preview.items;
			return {
				title: prunePreviewTitle(dialog.preview),
				lines: prunePreviewLines(dialog.preview).map((text) => ({text: '  ' + text, ...(text.startsWith('untagged') ? {color: theme.warning} : {})})),
				keys: items.length === 0 ? 'Esc close' : 'Enter/y prune these · Esc/n cancel',
				danger: items.length > 0,
			};
		}
		case 'attachWarning':
			return {
				title: `Attach to ${namesText(dialog.target)}'s main process?`,
				lines: [
					{text: 'Your keys go to the main process. With a TTY, Ctrl-C there may STOP the container.', color: theme.warning},
					{text: 'Press Ctrl-P then Ctrl-Q to detach and return to porthole, leaving it running.'},
					{text: 'Without a TTY (run with -i only): lines are sent on Enter; Ctrl-C detaches and is not sent.', color: theme.muted},
				],
				keys: 'Enter/y attach · Esc/n cancel',
				danger: true,
			};
	}
}

function anyContent(dialog: AnyDialog): ReturnType<typeof content> {
	return 'type' in dialog ? askedContent(dialog) : content(dialog);
}

/** A dialog box `width` wide. */
export function DialogBox({dialog, width}: {dialog: AnyDialog; width: number}) {
	const {title, lines, keys, danger} = anyContent(dialog);
	return (
		<Box flexDirection="column" width={width} borderStyle="round" borderColor={danger ? theme.error : theme.accent} flexShrink={0}>
			<Text bold wrap="truncate">
				{title}
			</Text>
			{lines.map((line, index) => (
				<Text key={index} color={line.color} wrap="truncate">
					{line.text}
				</Text>
			))}
			<Text color={theme.muted} wrap="truncate">
				{keys}
			</Text>
		</Box>
	);
}

/** Height a dialog takes (border included), for the layout. */
export function dialogHeight(dialog: AnyDialog): number {
	return anyContent(dialog).lines.length + 4;
}
