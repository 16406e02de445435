/**
 * The networks list as `docker network ls` prints it (NETWORK ID cut to 12, NAME, DRIVER, SCOPE,
 * in the CLI's natural order) plus SUBNET, GATEWAY, INTERNAL and CONTAINERS, which porthole reads
 * from the container list's network settings (the network list has not carried them since API
 * 1.28); the members of a network; remove rules and texts; name checks. Pure functions.
 */
import type {NetworkSummary} from '../engine/networks-api.js';
import type {ContainerNetwork, ContainerSummary} from '../engine/types.js';
import {shortId} from './containers.js';
import {anyValue, isFilterBoolean, parseFilterWords, type ParsedFilters} from './filter-words.js';
import {labelsText} from './labels.js';
import {naturalCompare} from './natural-sort.js';
import {sanitizeLine} from './sanitize.js';
import type {RemovalText} from './volumes.js';

/**
 * States in which a container holds an endpoint on its networks. A created or exited container
 * still names its networks in its settings, but the daemon counts it nowhere: `docker network
 * inspect` leaves it out and `docker network rm` goes ahead (the container then fails to start).
 */
const ENDPOINT_STATES = new Set(['running', 'paused', 'restarting']);

/** Whether a member holds a live endpoint (so it is in `docker network inspect` and blocks a remove). */
export function isActiveMember(member: {state: string}): boolean {
	return ENDPOINT_STATES.has(member.state);
}

/** The networks every daemon creates and refuses to remove. */
export const PREDEFINED_NETWORKS: readonly string[] = ['bridge', 'host', 'none'];

/** One row of the networks list: the `docker network ls` texts plus porthole's columns, all sanitised. */
export interface NetworkRow {
	/** Stable key for the list: the full id. */
	key: string;
	/** NETWORK ID: 12 characters, as the CLI truncates it. */
	id: string;
	/** NAME */
	name: string;
	/** DRIVER */
	driver: string;
	/** SCOPE */
	scope: string;
	/** SUBNET: every IPAM subnet, comma separated. */
	subnet: string;
	/** GATEWAY: every IPAM gateway, comma separated. */
	gateway: string;
	/** INTERNAL as `--format '{{.Internal}}'` prints it: "true" | "false". */
	internal: string;
	/** LABELS as `--format '{{.Labels}}'` prints them (sorted). */
	labels: string;
	/**
	 * CONTAINERS: how many containers hold an endpoint on it now (running, paused, restarting), the
	 * count `docker network inspect` shows; stopped ones that name it are in networkMembers.
	 */
	containers: number;
	/** True for bridge, host and none, which cannot be removed. */
	predefined: boolean;
	/** The summary the row was made from (raw daemon text: sanitise before showing). */
	network: NetworkSummary;
}

/** A container attached to a network, with its addresses there. */
export interface NetworkMember {
	/** Stable key: the container's id. */
	key: string;
	/** Container name (first name), sanitised. */
	name: string;
	/** Container state ('running', 'exited', …). */
	state: string;
	/** IPv4 address (no prefix length); empty while the container is not running. */
	ipv4: string;
	ipv6: string;
	/** Aliases on this network (the list answer often lacks them: inspect has them). */
	aliases: string[];
	macAddress: string;
}

/** The container's endpoint on a network: its settings name the network, or carry its id. */
function endpointOn(network: NetworkSummary, container: ContainerSummary): ContainerNetwork | undefined {
	const byName = container.networks[network.name];
	if (byName) return byName;
	if (network.id === '') return undefined;
	return Object.values(container.networks).find((endpoint) => endpoint.networkId === network.id);
}

/**
 * The containers attached to a network, from the containers' network settings, in natural order of
 * names; stopped ones included (their `state` says so, see isActiveMember), with empty addresses.
 */
export function networkMembers(network: NetworkSummary, containers: readonly ContainerSummary[]): NetworkMember[] {
	const members: NetworkMember[] = [];
	for (const container of containers) {
		const endpoint = endpointOn(network, container);
		if (!endpoint) continue;
		members.push({
			key: container.id,
			name: sanitizeLine(container.names[0] ?? container.id.slice(0, 12)),
			state: container.state,
			ipv4: sanitizeLine(endpoint.ipv4),
			ipv6: sanitizeLine(endpoint.ipv6),
			aliases: endpoint.aliases.map(sanitizeLine),
			macAddress: sanitizeLine(endpoint.macAddress),
		});
	}
	return members.sort((a, b) => naturalCompare(a.name, b.name));
}

/** The rows of the networks list, in `docker network ls` order (natural order of names). */
export function networkRows(networks: readonly NetworkSummary[], containers: readonly ContainerSummary[]): NetworkRow[] {
	return [...networks]
		.sort((a, b) => naturalCompare(a.name, b.name))
		.map((network) => ({
			key: network.id,
			id: shortId(network.id),
			name: sanitizeLine(network.name),
			driver: sanitizeLine(network.driver),
			scope: sanitizeLine(network.scope),
			subnet: sanitizeLine(network.ipam.map((pool) => pool.subnet).filter((s) => s !== '').join(',')),
			gateway: sanitizeLine(network.ipam.map((pool) => pool.gateway).filter((g) => g !== '').join(',')),
			internal: String(network.internal),
			labels: labelsText(network.labels),
			containers: containers.filter((container) => isActiveMember(container) && endpointOn(network, container) !== undefined).length,
			predefined: PREDEFINED_NETWORKS.includes(network.name),
			network,
		}));
}

/** Whether the remove key applies to a row at all: the predefined networks never can be removed. */
export function canRemoveNetwork(row: {name: string; predefined?: boolean}): boolean {
	return !(row.predefined ?? PREDEFINED_NETWORKS.includes(row.name));
}

/**
 * The confirmation (or refusal) for removing a network: the daemon refuses the predefined ones and
 * any network a running container is attached to, so porthole names those containers before asking;
 * stopped containers that name the network do not stop the remove, but will not start again.
 */
export function networkRemovalText(network: NetworkSummary, containers: readonly ContainerSummary[]): RemovalText {
	const shown = sanitizeLine(network.name);
	if (PREDEFINED_NETWORKS.includes(network.name)) return {allowed: false, text: `${shown} is a pre-defined network and cannot be removed.`};
	const members = networkMembers(network, containers);
	const active = members.filter(isActiveMember).map((member) => member.name);
	if (active.length > 0) {
		const which = active.length === 1 ? `container ${active[0]} is` : `containers ${active.join(', ')} are`;
		return {allowed: false, text: `Network ${shown} cannot be removed while ${which} attached: disconnect ${active.length === 1 ? 'it' : 'them'} first.`};
	}
	const stopped = members.map((member) => member.name);
	if (stopped.length > 0) {
		const which = stopped.length === 1 ? `Stopped container ${stopped[0]} uses it and` : `Stopped containers ${stopped.join(', ')} use it and`;
		return {allowed: true, text: `Remove network ${shown}? ${which} will not start again.`};
	}
	return {allowed: true, text: `Remove network ${shown}?`};
}

/**
 * A name for `docker network create`, checked as far as docker checks it; undefined when fine. The
 * daemon takes almost any text (even spaces), but not an empty name nor the predefined ones; porthole
 * also refuses control characters, which no terminal could show back.
 */
export function validNetworkName(name: string): string | undefined {
	if (name.trim() === '') return 'a network needs a name';
	if (PREDEFINED_NETWORKS.includes(name)) return `operation is not permitted on predefined ${name} network`;
	if (sanitizeLine(name) !== name) return 'network names cannot hold control characters';
	return undefined;
}

/**
 * A `docker network ls --filter` line (`driver=bridge type=custom dangling=true label=k name=x
 * id=… scope=local`) checked as the daemon checks it, for `engine.networks.list({filters})`.
 */
export function parseNetworkFilters(text: string): ParsedFilters {
	return parseFilterWords(text, {
		dangling: (value) => (isFilterBoolean(value) ? undefined : 'invalid value for filter \'dangling\', must be "true" (or "1"), or "false" (or "0")'),
		driver: anyValue,
		id: anyValue,
		label: anyValue,
		name: anyValue,
		scope: anyValue,
		type: (value) => (value === 'custom' || value === 'builtin' ? undefined : `invalid filter: 'type'='${value}'`),
	});
}
