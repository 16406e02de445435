/**
 * The daemon's answers mapped into the plain types of ./types.ts, one mapper per endpoint. Each
 * reads its raw answer only through the guards of ./shapes.ts, so an answer of an odd shape
 * (`null` for a list, missing fields, a Buffer, an older API version) maps to empty values rather
 * than reaching the stores. No dockerode here: the fake engine maps its raw answers with these too.
 */
import type {ContainerMount, ContainerNetwork, ContainerState, ContainerStateDetail, ContainerSummary, EngineEvent, EngineInfo, FileChange, ProcessList, StatsSample} from './types.js';
import {listOf, numberMapOf, numberOf, recordOf, stringMapOf, textOf} from './shapes.js';

const KNOWN_STATES = new Set<ContainerState>(['created', 'running', 'paused', 'restarting', 'removing', 'exited', 'dead']);

/**
 * The state of a list row. API versions before 1.23 have no `State` field: it is read from the
 * status text then ("Up 3 minutes (Paused)", "Exited (0) …", "Restarting (1) …", "Created").
 */
function stateOf(raw: Record<string, any>): ContainerState {
	const state = textOf(raw.State).toLowerCase() as ContainerState;
	if (KNOWN_STATES.has(state)) return state;
	const status = textOf(raw.Status);
	if (/\(Paused\)/.test(status)) return 'paused';
	if (/^Up /.test(status)) return 'running';
	if (/^Restarting/.test(status)) return 'restarting';
	if (/^Exited/.test(status)) return 'exited';
	if (/^Dead/.test(status)) return 'dead';
	if (/^Removal/.test(status)) return 'removing';
	return 'created';
}

/** Map a `/containers/json` row into a ContainerSummary. */
export function toSummary(input: unknown): ContainerSummary {
	const raw = recordOf(input);
	return {
		id: textOf(raw.Id),
		names: listOf(raw.Names)
			.filter((name): name is string => typeof name === 'string')
			.map((name) => name.replace(/^\//, '')),
		image: textOf(raw.Image),
		imageId: textOf(raw.ImageID),
		command: textOf(raw.Command),
		created: numberOf(raw.Created),
		state: stateOf(raw),
		status: textOf(raw.Status),
		ports: listOf(raw.Ports).map((entry) => {
			const port = recordOf(entry);
			const publicPort = numberOf(port.PublicPort);
			return {
				...(port.IP ? {ip: textOf(port.IP)} : {}),
				privatePort: numberOf(port.PrivatePort),
				...(publicPort ? {publicPort} : {}),
				type: textOf(port.Type, 'tcp') || 'tcp',
			};
		}),
		labels: stringMapOf(raw.Labels),
		...(typeof raw.SizeRw === 'number' ? {sizeRw: raw.SizeRw} : {}),
		mounts: listOf(raw.Mounts).map(toMount),
		networks: toNetworks(recordOf(raw.NetworkSettings).Networks),
	};
}

/** One `Mounts` entry of a list row. */
function toMount(input: unknown): ContainerMount {
	const mount = recordOf(input);
	return {type: textOf(mount.Type), name: textOf(mount.Name), source: textOf(mount.Source), destination: textOf(mount.Destination)};
}

/** `NetworkSettings.Networks` of a list row (or of an inspect): name → endpoint; `null` (Engine 20.10 for some states) is none. */
export function toNetworks(input: unknown): Record<string, ContainerNetwork> {
	const out: Record<string, ContainerNetwork> = {};
	for (const [name, entry] of Object.entries(recordOf(input))) {
		const endpoint = recordOf(entry);
		out[name] = {
			networkId: textOf(endpoint.NetworkID),
			ipv4: textOf(endpoint.IPAddress),
			ipv6: textOf(endpoint.GlobalIPv6Address),
			aliases: listOf(endpoint.Aliases).filter((alias): alias is string => typeof alias === 'string'),
			macAddress: textOf(endpoint.MacAddress),
		};
	}
	return out;
}

/** Map `/containers/json`: a list whatever came back, rows without an id dropped. */
export function toSummaries(raw: unknown): ContainerSummary[] {
	return listOf(raw)
		.map(toSummary)
		.filter((row) => row.id !== '');
}

/** Map the `State` object of `/containers/{id}/json`. */
export function toStateDetail(input: unknown): ContainerStateDetail {
	const raw = recordOf(input);
	const state = recordOf(raw.State);
	const host = recordOf(raw.HostConfig);
	const health = recordOf(state.Health).Status;
	return {
		running: Boolean(state.Running),
		paused: Boolean(state.Paused),
		restarting: Boolean(state.Restarting),
		dead: Boolean(state.Dead),
		removing: textOf(state.Status) === 'removing',
		oomKilled: Boolean(state.OOMKilled),
		exitCode: numberOf(state.ExitCode),
		startedAt: textOf(state.StartedAt) || '0001-01-01T00:00:00Z',
		finishedAt: textOf(state.FinishedAt) || '0001-01-01T00:00:00Z',
		...(health === 'starting' || health === 'healthy' || health === 'unhealthy' ? {health} : {}),
		restartCount: numberOf(raw.RestartCount),
		limits: {
			nanoCpus: numberOf(host.NanoCpus),
			cpuQuota: numberOf(host.CpuQuota),
			cpuPeriod: numberOf(host.CpuPeriod),
			memory: numberOf(host.Memory),
		},
	};
}

/** Map one raw stats JSON object (cgroup v1 or v2) into a StatsSample. */
export function toStatsSample(input: unknown): StatsSample {
	const raw = recordOf(input);
	const cpu = recordOf(raw.cpu_stats);
	const pre = recordOf(raw.precpu_stats);
	const cpuUsage = recordOf(cpu.cpu_usage);
	const memory = recordOf(raw.memory_stats);
	const throttling = recordOf(cpu.throttling_data);
	let netRx = 0;
	let netTx = 0;
	// No `networks` at all for a container with --network none, or on cgroup v2 hosts for some versions.
	for (const entry of Object.values(recordOf(raw.networks))) {
		const net = recordOf(entry);
		netRx += numberOf(net.rx_bytes);
		netTx += numberOf(net.tx_bytes);
	}
	let blkRead = 0;
	let blkWrite = 0;
	// `io_service_bytes_recursive` is null on cgroup v2 hosts before Engine 20.10's fix, and when idle.
	for (const item of listOf(recordOf(raw.blkio_stats).io_service_bytes_recursive)) {
		const entry = recordOf(item);
		const op = textOf(entry.op);
		if (op[0] === 'r' || op[0] === 'R') blkRead += numberOf(entry.value);
		else if (op[0] === 'w' || op[0] === 'W') blkWrite += numberOf(entry.value);
	}
	const time = (value: unknown) => {
		const ms = Date.parse(textOf(value));
		return Number.isFinite(ms) && ms > 0 ? ms : 0;
	};
	return {
		read: time(raw.read),
		preread: time(raw.preread),
		cpuTotal: numberOf(cpuUsage.total_usage),
		preCpuTotal: numberOf(recordOf(pre.cpu_usage).total_usage),
		systemCpu: numberOf(cpu.system_cpu_usage),
		preSystemCpu: numberOf(pre.system_cpu_usage),
		onlineCpus: numberOf(cpu.online_cpus) || listOf(cpuUsage.percpu_usage).length,
		memUsage: numberOf(memory.usage),
		memLimit: numberOf(memory.limit),
		memStats: numberMapOf(memory.stats),
		netRx,
		netTx,
		blkRead,
		blkWrite,
		pids: numberOf(recordOf(raw.pids_stats).current),
		throttling: {
			periods: numberOf(throttling.periods),
			throttledPeriods: numberOf(throttling.throttled_periods),
			throttledTime: numberOf(throttling.throttled_time),
		},
	};
}

/** Map `/version` and `/info` (either may lack fields on older daemons) into EngineInfo. */
export function toEngineInfo(versionAnswer: unknown, infoAnswer: unknown): EngineInfo {
	const version = recordOf(versionAnswer);
	const info = recordOf(infoAnswer);
	const first = (...values: unknown[]) => textOf(values.find((value) => textOf(value) !== ''));
	return {
		serverVersion: first(version.Version, info.ServerVersion),
		apiVersion: textOf(version.ApiVersion),
		os: first(version.Os, info.OSType),
		arch: first(version.Arch, info.Architecture),
		kernelVersion: first(version.KernelVersion, info.KernelVersion),
		ncpu: numberOf(info.NCPU),
		memTotal: numberOf(info.MemTotal),
		containers: numberOf(info.Containers),
		containersRunning: numberOf(info.ContainersRunning),
		containersPaused: numberOf(info.ContainersPaused),
		containersStopped: numberOf(info.ContainersStopped),
		images: numberOf(info.Images),
		name: textOf(info.Name),
	};
}

/** Map one `/events` message; API versions before 1.22 have only `status`, `id` and `time`. */
export function toEngineEvent(input: unknown): EngineEvent {
	const raw = recordOf(input);
	const actor = recordOf(raw.Actor);
	const timeNano = numberOf(raw.timeNano);
	// A stream read with the JSON source kept hands timeNano over as its exact digits.
	const timeNanoText = typeof raw.timeNano === 'string' && /^\d+$/.test(raw.timeNano) ? raw.timeNano : undefined;
	return {
		type: textOf(raw.Type) || textOf(raw.type) || (raw.status !== undefined ? 'container' : ''),
		action: textOf(raw.Action) || textOf(raw.status),
		id: textOf(actor.ID) || textOf(raw.id),
		attributes: stringMapOf(actor.Attributes),
		timeNano: timeNano || numberOf(raw.time) * 1e9,
		...(timeNanoText === undefined ? {} : {timeNanoText}),
		scope: textOf(raw.scope),
		actorId: textOf(actor.ID),
		from: textOf(raw.from),
		status: textOf(raw.status),
	};
}

/** Map `/containers/{id}/changes`: `null` (no changes, Engine 20.10) and any odd answer is an empty list. */
export function toFileChanges(raw: unknown): FileChange[] {
	const kinds = ['C', 'A', 'D'] as const;
	return listOf(raw)
		.map(recordOf)
		.filter((change) => textOf(change.Path) !== '')
		.map((change) => ({kind: kinds[numberOf(change.Kind)] ?? 'C', path: textOf(change.Path)}));
}

/** Map `/containers/{id}/top`: `Processes` may be null, a row may be anything. */
export function toProcessList(input: unknown): ProcessList {
	const raw = recordOf(input);
	return {
		titles: listOf(raw.Titles).map((title) => textOf(title)),
		processes: listOf(raw.Processes).map((row) => listOf(row).map((cell) => textOf(cell))),
	};
}
