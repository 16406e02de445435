/**
 * In-memory networks for component tests (see ../fake.ts). The attached containers are the fake's
 * containers' `networks`, as on a real daemon; connect and disconnect change those, and filters
 * follow the daemon's rules.
 */
import {EngineError} from '../errors.js';
import type {FakeContainer, FakeEngine} from '../fake.js';
import type {NetworkCreateOptions, NetworkFilters, NetworkSummary, NetworksApi} from '../networks-api.js';
import {filterMatch, labelsMatch} from './volumes.js';

/** The filter keys `/networks` accepts. */
const NETWORK_FILTER_KEYS = new Set(['dangling', 'driver', 'id', 'label', 'name', 'scope', 'type']);
/** The networks every daemon has, which cannot be removed. */
const BUILTIN = new Set(['bridge', 'host', 'none']);

let counter = 0;

/** A 64-hex id unique within the test run. */
function newId(seed: string): string {
	counter += 1;
	return (counter.toString(16).padStart(4, '0') + Buffer.from(seed).toString('hex')).padEnd(64, 'c').slice(0, 64);
}

/** Build a fake network with the defaults a bridge network gets. */
export function fakeNetwork(partial: Partial<NetworkSummary> & {name: string}): NetworkSummary {
	return {
		id: newId(partial.name),
		driver: 'bridge',
		scope: 'local',
		internal: false,
		attachable: false,
		ingress: false,
		enableIPv6: false,
		ipam: [],
		labels: {},
		created: new Date().toISOString(),
		...partial,
	};
}

/** The three networks a fresh daemon has. */
export function predefinedFakeNetworks(): NetworkSummary[] {
	return [
		fakeNetwork({name: 'bridge', ipam: [{subnet: '172.17.0.0/16', gateway: '172.17.0.1'}]}),
		fakeNetwork({name: 'host', driver: 'host'}),
		fakeNetwork({name: 'none', driver: 'null'}),
	];
}

/** `engine.networks` of the fake engine. */
export class FakeNetworks implements NetworksApi {
	/** The fake daemon's networks; tests set or push to it (empty by default: add predefinedFakeNetworks() when wanted). */
	items: NetworkSummary[] = [];

	constructor(private readonly engine: FakeEngine) {}

	/**
	 * Fake containers with a live endpoint on the network (by the name or id their `networks` give):
	 * as on the daemon, a stopped container that names the network is neither in inspect nor a
	 * reason to refuse a remove.
	 */
	private members(network: NetworkSummary): FakeContainer[] {
		return this.engine.containers.filter(
			(c) =>
				(c.state === 'running' || c.state === 'paused' || c.state === 'restarting') &&
				Object.entries(c.networks ?? {}).some(([name, endpoint]) => name === network.name || endpoint.networkId === network.id),
		);
	}

	async list(options: {filters?: NetworkFilters; signal?: AbortSignal} = {}): Promise<NetworkSummary[]> {
		this.engine.check('networks.list', [options.filters ?? {}]);
		const filters = options.filters ?? {};
		for (const key of Object.keys(filters)) if (!NETWORK_FILTER_KEYS.has(key)) throw new EngineError('bad-request', `Invalid filter '${key}'`, 400);
		for (const value of filters['dangling'] ?? [])
			if (!['true', 'false', '1', '0'].includes(value))
				throw new EngineError('bad-request', `invalid value for filter 'dangling', must be "true" (or "1"), or "false" (or "0")`, 400);
		for (const value of filters['type'] ?? [])
			if (value !== 'custom' && value !== 'builtin') throw new EngineError('bad-request', `invalid filter: 'type'='${value}'`, 400);
		return this.items
			.filter((n) => !filters['name'] || filterMatch(filters['name'], n.name))
			.filter((n) => !filters['id'] || filterMatch(filters['id'], n.id))
			.filter((n) => !filters['driver'] || filters['driver'].includes(n.driver))
			.filter((n) => !filters['scope'] || filters['scope'].includes(n.scope))
			.filter((n) => !filters['label'] || labelsMatch(filters['label'], n.labels))
			.filter((n) => !filters['type'] || filters['type'].includes(BUILTIN.has(n.name) ? 'builtin' : 'custom'))
			.filter((n) => {
				const dangling = filters['dangling'];
				if (!dangling || dangling.length === 0) return true;
				const unused = !BUILTIN.has(n.name) && this.members(n).length === 0;
				return unused === (dangling[0] === 'true' || dangling[0] === '1');
			})
			.map((n) => structuredClone(n));
	}

	async inspect(id: string): Promise<Record<string, unknown>> {
		this.engine.check('networks.inspect', [id]);
		const n = this.find(id);
		const containers: Record<string, unknown> = {};
		for (const c of this.members(n)) {
			const endpoint = c.networks[n.name] ?? Object.values(c.networks).find((e) => e.networkId === n.id);
			containers[c.id] = {Name: c.names[0] ?? '', MacAddress: endpoint?.macAddress ?? '', IPv4Address: endpoint?.ipv4 ?? '', IPv6Address: endpoint?.ipv6 ?? ''};
		}
		return {
			Name: n.name,
			Id: n.id,
			Created: n.created,
			Scope: n.scope,
			Driver: n.driver,
			EnableIPv6: n.enableIPv6,
			IPAM: {Driver: 'default', Config: n.ipam.map((pool) => ({Subnet: pool.subnet, ...(pool.gateway ? {Gateway: pool.gateway} : {})}))},
			Internal: n.internal,
			Attachable: n.attachable,
			Ingress: n.ingress,
			Containers: containers,
			Options: {},
			Labels: {...n.labels},
		};
	}

	async create(options: NetworkCreateOptions): Promise<string> {
		this.engine.check('networks.create', [options]);
		this.refuseReadOnly('POST /networks/create');
		if (BUILTIN.has(options.name)) throw new EngineError('conflict', `operation is not permitted on predefined ${options.name} network `, 403);
		if (this.items.some((n) => n.name === options.name)) throw new EngineError('conflict', `network with name ${options.name} already exists`, 409);
		const network = fakeNetwork({
			name: options.name,
			driver: options.driver || 'bridge',
			internal: Boolean(options.internal),
			labels: {...options.labels},
			ipam: options.subnet ? [{subnet: options.subnet, gateway: options.gateway ?? ''}] : [],
		});
		this.items.push(network);
		this.emit('create', network, {});
		return network.id;
	}

	async remove(id: string): Promise<void> {
		this.engine.check('networks.remove', [id]);
		this.refuseReadOnly(`DELETE /networks/${id}`);
		const network = this.find(id);
		if (BUILTIN.has(network.name)) throw new EngineError('conflict', `${network.name} is a pre-defined network and cannot be removed`, 403);
		if (this.members(network).length > 0)
			throw new EngineError('conflict', `error while removing network: network ${network.name} id ${network.id} has active endpoints`, 403);
		this.items = this.items.filter((n) => n !== network);
		this.emit('destroy', network, {});
	}

	async connect(networkId: string, containerId: string, options: {aliases?: string[]} = {}): Promise<void> {
		this.engine.check('networks.connect', [networkId, containerId, options]);
		this.refuseReadOnly(`POST /networks/${networkId}/connect`);
		const network = this.find(networkId);
		const container = this.container(containerId);
		if (container.networks[network.name]) throw new EngineError('conflict', `endpoint with name ${container.names[0] ?? ''} already exists in network ${network.name}`, 403);
		container.networks = {
			...container.networks,
			[network.name]: {networkId: network.id, ipv4: '', ipv6: '', aliases: [...(options.aliases ?? [])], macAddress: ''},
		};
		this.emit('connect', network, {container: container.id});
	}

	async disconnect(networkId: string, containerId: string, options: {force?: boolean} = {}): Promise<void> {
		this.engine.check('networks.disconnect', [networkId, containerId, options]);
		this.refuseReadOnly(`POST /networks/${networkId}/disconnect`);
		const network = this.find(networkId);
		const container = this.container(containerId);
		if (!container.networks[network.name]) throw new EngineError('conflict', `container ${container.id} is not connected to network ${network.name}`, 403);
		const {[network.name]: _gone, ...rest} = container.networks;
		container.networks = rest;
		this.emit('disconnect', network, {container: container.id});
	}

	private refuseReadOnly(request: string): void {
		if (this.engine.readOnly) throw new EngineError('read-only', `porthole is in read-only mode: ${request} was not sent to the daemon.`);
	}

	/** By full id, id prefix or name, as the daemon resolves a network reference. */
	private find(id: string): NetworkSummary {
		const network = this.items.find((n) => n.id === id) ?? this.items.find((n) => n.name === id) ?? this.items.find((n) => id !== '' && n.id.startsWith(id));
		if (!network) throw new EngineError('not-found', `network ${id} not found`, 404);
		return network;
	}

	private container(id: string): FakeContainer {
		const container = this.engine.containers.find((c) => c.id === id || c.names.includes(id) || (id !== '' && c.id.startsWith(id)));
		if (!container) throw new EngineError('not-found', `No such container: ${id}`, 404);
		return container;
	}

	private emit(action: string, network: NetworkSummary, extra: Record<string, string>): void {
		const now = Date.now();
		this.engine.emitRaw({
			Type: 'network',
			Action: action,
			Actor: {ID: network.id, Attributes: {name: network.name, type: network.driver, ...extra}},
			time: Math.floor(now / 1000),
			timeNano: now * 1e6,
		});
	}
}
