/** Resource limits as people read them: "0.50 CPU", "no limit". */
import type {ContainerStateDetail} from '../engine/types.js';

/** CPU limit in cores from NanoCpus or CpuQuota/CpuPeriod; undefined when none is set. */
export function cpuLimitCores(limits: ContainerStateDetail['limits']): number | undefined {
	if (limits.nanoCpus > 0) return limits.nanoCpus / 1e9;
	if (limits.cpuQuota > 0) return limits.cpuQuota / (limits.cpuPeriod > 0 ? limits.cpuPeriod : 100_000);
	return undefined;
}

/** Meaning of a container exit code, for forensics and the detail pane. */
export function exitCodeMeaning(code: number): string {
	if (code === 0) return 'success';
	if (code === 125) return 'the docker daemon failed to run the container';
	if (code === 126) return 'command cannot be executed (permission or not executable)';
	if (code === 127) return 'command not found';
	if (code === 137) return 'killed by SIGKILL (often the OOM killer, or docker kill / stop timeout)';
	if (code === 143) return 'terminated by SIGTERM (docker stop)';
	if (code === 130) return 'interrupted by SIGINT (Ctrl-C)';
	if (code > 128 && code < 160) return `killed by signal ${code - 128}`;
	return 'application error';
}
