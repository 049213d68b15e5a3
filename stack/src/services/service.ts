// The contract every managed server implements, so the orchestrator (stack.ts) treats them alike.
import type { Log } from '../install-log';
import type { Profile, ServiceName } from '../profiles';

export interface ServiceStatus {
  /** Running and answering its readiness probe. */
  up: boolean;
  /** Pid of the running server process, when there is one (it may be running but not ready). */
  pid?: number;
  /** Where clients reach it. */
  url: string;
  /** The log to read when it misbehaves. */
  logFile: string;
}

export interface LocalService {
  readonly name: ServiceName;
  /** Installs or builds what it needs, shared by all profiles; idempotent and cheap once done. */
  install(log: Log): Promise<void>;
  /** Starts the profile's instance unless a healthy one runs, and waits until it is ready. */
  start(profile: Profile, log: Log): Promise<void>;
  /** Stops the profile's instance (if any) and waits until its processes are gone. */
  stop(profile: Profile): Promise<void>;
  status(profile: Profile): Promise<ServiceStatus>;
}
