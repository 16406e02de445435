/**
 * Networks, as `docker network ls` shows them (NETWORK ID cut to 12, NAME, DRIVER, SCOPE) plus
 * SUBNET, GATEWAY, INTERNAL and CONTAINERS (live endpoints, from the container list: `/networks`
 * has not carried them since API 1.28). Create, inspect (with the attached containers and their
 * addresses), remove (refused for the predefined ones and while containers are attached), connect,
 * disconnect, prune with a preview, and Enter for the containers on the selected network.
 */
import {runWithStatus} from '../actions/status.js';
import type {NetworkSummary} from '../engine/networks-api.js';
import type {ContainerSummary, Engine} from '../engine/types.js';
import {gatewayProblem, parseSubnet} from '../present/addresses.js';
import {shortId} from '../present/containers.js';
import {naturalCompare} from '../present/natural-sort.js';
import {isActiveMember, type NetworkMember, networkMembers, networkRemovalText, validNetworkName, parseNetworkFilters} from '../present/networks.js';
import {sanitizeLine} from '../present/sanitize.js';
import type {ResourceKind} from './kind.js';
import {askPairs, inspectDocument, mapRows, plainWordProblem, pruneAction} from './kind-steps.js';

/** Events after which the networks list (or its CONTAINERS counts) may differ. */
const NETWORK_EVENTS = /^(create|destroy|remove|connect|disconnect|prune)/;

/** Container events that change which containers hold an endpoint (CONTAINERS, remove refusals). */
const CONTAINER_EVENTS = /^(start|die|destroy|pause|unpause)$/;

/** Drivers whose networks take no other container (`docker network connect` fails on them). */
const UNCONNECTABLE_DRIVERS = new Set(['host', 'null']);

/**
 * A row of the networks list: the summary plus the containers attached to it, read with the list.
 * The container list is read again with each networks refresh because connect and disconnect change
 * a container's networks without any container event, so the host's container list (CellContext)
 * does not follow them.
 */
export interface NetworkListRow extends NetworkSummary {
	/** Attached containers with their addresses (stopped ones too: see isActiveMember). */
	members: NetworkMember[];
	/** The same containers' summaries, for networkRemovalText. */
	attached: ContainerSummary[];
}

/** A network with its members, from one container list. */
export function networkListRow(network: NetworkSummary, containers: readonly ContainerSummary[]): NetworkListRow {
	const members = networkMembers(network, containers);
	const keys = new Set(members.map((member) => member.key));
	return {...network, members, attached: containers.filter((container) => keys.has(container.id))};
}

/** Containers holding an endpoint on the network now (what CONTAINERS counts and blocks a remove). */
const activeMembers = (network: NetworkListRow) => network.members.filter(isActiveMember);

const pools = (network: NetworkSummary, field: 'subnet' | 'gateway') =>
	sanitizeLine(
		network.ipam
			.map((pool) => pool[field])
			.filter((text) => text !== '')
			.join(','),
	);

/** How many members' aliases inspect reads (one container inspect each). */
const ALIAS_LOOKUPS = 20;

/**
 * The members with their aliases on this network: the container list leaves aliases out on many
 * daemons (and `docker network inspect` never has them), so the first members' containers are
 * inspected; a member whose inspect fails keeps what the list said.
 */
async function withAliases(engine: Engine, network: NetworkSummary, members: NetworkMember[]): Promise<NetworkMember[]> {
	return Promise.all(
		members.map(async (member, index) => {
			if (index >= ALIAS_LOOKUPS || member.aliases.length > 0) return member;
			try {
				const settings = (await engine.inspect(member.key))['NetworkSettings'] as {Networks?: Record<string, {Aliases?: unknown; NetworkID?: unknown}>} | undefined;
				const endpoint = settings?.Networks?.[network.name] ?? Object.values(settings?.Networks ?? {}).find((entry) => entry?.NetworkID === network.id);
				const aliases = Array.isArray(endpoint?.Aliases) ? endpoint.Aliases.filter((alias): alias is string => typeof alias === 'string').map(sanitizeLine) : [];
				return {...member, aliases};
			} catch {
				return member;
			}
		}),
	);
}

/** The daemon's words, as safe text for the status line. */
const failedText = (what: string) => (message: string) => `Could not ${what}: ${sanitizeLine(message)}`;

/** `:networks`. */
export const networksKind: ResourceKind<NetworkListRow> = {
	id: 'networks',
	title: 'Networks',
	singular: 'network',
	aliases: ['networks', 'network', 'net', 'nets'],
	list: async (engine, query, signal) => {
		const [networks, containers] = await Promise.all([engine.networks.list({filters: {...query.filters}, signal}), engine.listContainers({all: true, signal})]);
		return networks.map((network) => networkListRow(network, containers)).sort((a, b) => naturalCompare(a.name, b.name));
	},
	key: (network) => network.id,
	name: (network) => sanitizeLine(network.name),
	// Connect and disconnect change CONTAINERS, and so do containers starting, stopping, going away.
	refreshOn: (event) => (event.type === 'network' && NETWORK_EVENTS.test(event.action)) || (event.type === 'container' && CONTAINER_EVENTS.test(event.action)),
	columns: [
		{id: 'id', title: 'NETWORK ID', min: 12, max: 12, keep: 4, cell: (network) => shortId(network.id)},
		{id: 'name', title: 'NAME', min: 10, max: 48, keep: 1, cut: 'middle', cell: (network) => sanitizeLine(network.name)},
		{id: 'driver', title: 'DRIVER', min: 6, max: 10, keep: 2, cell: (network) => sanitizeLine(network.driver)},
		{id: 'scope', title: 'SCOPE', min: 5, max: 6, keep: 6, cell: (network) => sanitizeLine(network.scope)},
		{id: 'subnet', title: 'SUBNET', min: 10, max: 40, keep: 3, cell: (network) => pools(network, 'subnet')},
		{id: 'gateway', title: 'GATEWAY', min: 9, max: 40, keep: 7, cell: (network) => pools(network, 'gateway')},
		{id: 'internal', title: 'INTERNAL', min: 8, max: 8, keep: 8, cell: (network) => String(network.internal)},
		{id: 'containers', title: 'CONTAINERS', min: 10, max: 10, keep: 5, align: 'right', cell: (network) => String(activeMembers(network).length)},
	],
	sorts: [
		{id: 'name', title: 'name', compare: (a, b) => naturalCompare(a.name, b.name)},
		{id: 'driver', title: 'driver', compare: (a, b) => naturalCompare(a.driver, b.driver) || naturalCompare(a.name, b.name)},
		{id: 'created', title: 'created', compare: (a, b) => (b.created ?? '').localeCompare(a.created ?? '')},
	],
	filterKeys: ['driver', 'id', 'label', 'name', 'scope', 'type', 'dangling'],
	checkFilter: (token) => {
		const parsed = parseNetworkFilters(token);
		return parsed.ok ? undefined : parsed.message;
	},
	words: (network) => `${network.name} ${network.id.slice(0, 12)} ${network.driver} ${network.ipam.map((pool) => pool.subnet).join(' ')}`,
	emptyText: 'No networks.',
	documents: [
		{
			command: 'networks.inspect',
			keys: ['i'],
			title: 'Inspect: members with addresses, and JSON (Tab)',
			hint: 'inspect',
			load: async (engine, network) => {
				const [raw, containers] = await Promise.all([engine.networks.inspect(network.id), engine.listContainers({all: true}).catch(() => [])]);
				const members = await withAliases(engine, network, networkMembers(network, containers));
				const name = sanitizeLine(network.name);
				const flags = [network.internal ? 'internal' : '', network.attachable ? 'attachable' : '', network.ingress ? 'ingress' : '', network.enableIPv6 ? 'IPv6' : ''].filter(Boolean).join(', ');
				return inspectDocument(
					`Inspect network ${name}`,
					`network-${name}`,
					[
						{
							title: 'Network',
							rows: [
								['Name', name],
								['ID', network.id],
								['Driver', sanitizeLine(network.driver)],
								['Scope', sanitizeLine(network.scope)],
								['Flags', flags || '(none)'],
								['Created', sanitizeLine(network.created)],
								...network.ipam.map((pool): [string, string] => ['Subnet', `${sanitizeLine(pool.subnet)}${pool.gateway ? `  gateway ${sanitizeLine(pool.gateway)}` : ''}`]),
							],
						},
						{
							title: `Containers (${members.length})`,
							rows:
								members.length === 0
									? [['(none attached)', '']]
									: members.map((member): [string, string] => [
											member.name,
											[
												member.state,
												member.ipv4 || '(no address while stopped)',
												member.ipv6,
												member.macAddress,
												member.aliases.length > 0 ? `aliases ${member.aliases.join(', ')}` : '',
											]
												.filter(Boolean)
												.join('  '),
										]),
						},
						{title: 'Labels', rows: mapRows(network.labels)},
					],
					raw,
				);
			},
		},
	],
	actions: [
		{
			command: 'networks.members',
			keys: ['enter'],
			title: 'Containers on this network (filter network=…)',
			hint: 'containers',
			target: 'one',
			run: async (context) => {
				if (context.row) context.jump('containers', `network=${context.row.name}`);
			},
		},
		{
			command: 'networks.create',
			keys: ['c'],
			title: 'Create a network (name, driver, subnet, gateway…)',
			hint: 'create',
			dangerous: true,
			target: 'none',
			run: async (context) => {
				const name = await context.dialogs.input({title: 'Create network (1/6)', label: 'Name', hint: 'Any name but bridge, host and none', validate: validNetworkName});
				if (name === undefined) return;
				const driver = await context.dialogs.input({title: 'Create network (2/6)', label: 'Driver', text: 'bridge', hint: 'bridge, or macvlan, overlay, a plugin…', validate: (text) => plainWordProblem('a driver name', text)});
				if (driver === undefined) return;
				const subnet = await context.dialogs.input({
					title: 'Create network (3/6)',
					label: 'Subnet',
					hint: 'CIDR, e.g. 10.91.0.0/24 or fd00:91::/64 (empty: the daemon picks one)',
					validate: (text) => {
						if (text === '') return undefined;
						const parsed = parseSubnet(text);
						return parsed.ok ? undefined : parsed.message;
					},
				});
				if (subnet === undefined) return;
				let gateway = '';
				if (subnet !== '') {
					const answer = await context.dialogs.input({title: 'Create network (4/6)', label: 'Gateway', hint: `An address inside ${subnet} (empty: the daemon picks one)`, validate: (text) => gatewayProblem(text, subnet)});
					if (answer === undefined) return;
					gateway = answer;
				}
				const internal = await context.dialogs.choose({title: 'Create network (5/6): internal (no route out, like --internal)?', choices: ['no: containers can reach outside', 'yes: internal, no route out']});
				if (internal === undefined) return;
				const labels = await askPairs(context, {title: 'Create network (6/6)', label: 'Labels', hint: 'key=value words, e.g. app=web tier=front (empty: none)'});
				if (labels === undefined) return;
				await runWithStatus(
					context.status,
					{busy: `Creating network ${sanitizeLine(name)}…`, done: (id) => `Created network ${sanitizeLine(name)} (${shortId(id)}).`, failed: failedText('create the network')},
					() => context.engine.networks.create({name, driver: driver || 'bridge', ...(subnet ? {subnet} : {}), ...(gateway ? {gateway} : {}), internal: internal === 1, labels}),
				);
				context.refresh();
			},
		},
		{
			command: 'networks.remove',
			keys: ['D'],
			title: 'Remove (not bridge/host/none, nor while attached)',
			hint: 'remove',
			dangerous: true,
			target: 'many',
			refuses: (network) => {
				const removal = networkRemovalText(network, network.attached);
				return removal.allowed ? undefined : removal.text;
			},
			run: async (context) => {
				const targets = context.targets;
				const single = targets.length === 1 ? targets[0]! : undefined;
				const answer = await context.dialogs.confirm({
					title: single ? `Remove network ${sanitizeLine(single.name)}?` : `Remove ${targets.length} networks?`,
					lines: single
						? [networkRemovalText(single, single.attached).text]
						: [...targets.slice(0, 10).map((network) => sanitizeLine(network.name)), ...(targets.length > 10 ? [`… and ${targets.length - 10} more`] : [])],
					danger: true,
				});
				if (!answer.yes) return;
				await runWithStatus(
					context.status,
					{
						busy: `Removing ${single ? sanitizeLine(single.name) : `${targets.length} networks`}…`,
						done: () => (single ? `Removed network ${sanitizeLine(single.name)}.` : `Removed ${targets.length} networks.`),
						failed: failedText('remove'),
					},
					async () => {
						for (const network of targets) await context.engine.networks.remove(network.id);
					},
				);
				context.refresh();
			},
		},
		{
			command: 'networks.connect',
			keys: ['C'],
			title: 'Connect a container to the network, with aliases',
			hint: 'connect',
			dangerous: true,
			target: 'one',
			refuses: (network) => (UNCONNECTABLE_DRIVERS.has(network.driver) ? `No container can be connected to ${sanitizeLine(network.name)} (driver ${sanitizeLine(network.driver)}).` : undefined),
			run: async (context) => {
				const network = context.row;
				if (!network) return;
				const attached = new Set(network.members.map((member) => member.key));
				const candidates = context.cell.containers.filter((container) => !attached.has(container.id)).sort((a, b) => naturalCompare(a.names[0] ?? a.id, b.names[0] ?? b.id));
				if (candidates.length === 0) return context.status.flash(`Every container is already on ${sanitizeLine(network.name)}.`);
				const choice = await context.dialogs.choose({
					title: `Connect which container to ${sanitizeLine(network.name)}?`,
					choices: candidates.map((container) => `${sanitizeLine(container.names[0] ?? shortId(container.id))}  (${sanitizeLine(container.state)})`),
				});
				if (choice === undefined) return;
				const container = candidates[choice]!;
				const containerName = sanitizeLine(container.names[0] ?? shortId(container.id));
				const aliasText = await context.dialogs.input({
					title: `Connect ${containerName} to ${sanitizeLine(network.name)}`,
					label: 'Aliases',
					hint: 'Other names it answers to on this network, separated by spaces (empty: none)',
					validate: (text) => (sanitizeLine(text) !== text ? 'aliases cannot hold control characters' : undefined),
				});
				if (aliasText === undefined) return;
				const aliases = aliasText.split(/\s+/).filter((alias) => alias !== '');
				await runWithStatus(
					context.status,
					{busy: `Connecting ${containerName} to ${sanitizeLine(network.name)}…`, done: () => `Connected ${containerName} to ${sanitizeLine(network.name)}.`, failed: failedText('connect')},
					() => context.engine.networks.connect(network.id, container.id, aliases.length > 0 ? {aliases} : {}),
				);
				context.refresh();
			},
		},
		{
			command: 'networks.disconnect',
			keys: ['X'],
			title: 'Disconnect a container from the network',
			hint: 'disconnect',
			dangerous: true,
			target: 'one',
			refuses: (network) => (network.members.length === 0 ? `No container is attached to ${sanitizeLine(network.name)}.` : undefined),
			run: async (context) => {
				const network = context.row;
				if (!network) return;
				const members = network.members;
				const choice = await context.dialogs.choose({
					title: `Disconnect which container from ${sanitizeLine(network.name)}?`,
					choices: members.map((member) => `${member.name}  (${member.state}${member.ipv4 ? ` ${member.ipv4}` : ''})`),
				});
				if (choice === undefined) return;
				const member = members[choice]!;
				await runWithStatus(
					context.status,
					{busy: `Disconnecting ${member.name} from ${sanitizeLine(network.name)}…`, done: () => `Disconnected ${member.name} from ${sanitizeLine(network.name)}.`, failed: failedText('disconnect')},
					() => context.engine.networks.disconnect(network.id, member.key),
				);
				context.refresh();
			},
		},
		pruneAction('networks.prune', 'networks', 'Prune unused networks (preview first)'),
	],
};
