// Starts and stops a real Parley server (the shaded jar) for end-to-end tests.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createWriteStream, existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const e2eDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const repoDir = path.resolve(e2eDir, '..');

export interface ParleyServer {
  /** The URL the server printed, e.g. http://localhost:41433 (no trailing slash). */
  readonly url: string;
  /** ws://host:port/ws */
  readonly wsUrl: string;
  readonly port: number;
  /** Where the server's stderr (its log) goes. */
  readonly logFile: string;
  /** Resolves when the process has exited, with its exit code or the signal that ended it. */
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** SIGTERM, then waits for the drain; SIGKILL and throws if it does not exit in time. */
  stop(): Promise<void>;
}

export interface StartOptions {
  /** Extra command-line flags, e.g. ['--legacy-candidate-delay=0ms']. */
  args?: string[];
  /** The port to listen on; default a free one. A restart test passes the previous server's. */
  port?: number;
  /** The address to listen on; default 127.0.0.1. */
  bind?: string;
  /** A network namespace (`ip netns`) to run the server in; default this process's. */
  netns?: string;
  /** Where to write the server log; default e2e/test-results/parley-<pid>-<n>.log. */
  logFile?: string;
  /** How long to wait for the "Parley is running" line. */
  startTimeoutMs?: number;
  /** How long SIGTERM may take (the server drains its clients first). */
  stopTimeoutMs?: number;
}

/** The jar under test: env PARLEY_JAR, else ../server/target/parley.jar. */
export function parleyJar(): string {
  const jar = process.env.PARLEY_JAR
    ? path.resolve(e2eDir, process.env.PARLEY_JAR)
    : path.join(repoDir, 'server', 'target', 'parley.jar');
  if (!existsSync(jar)) {
    throw new Error(
      `Parley jar not found at ${jar}: build it with ` +
        `'./mvnw -q -B package -DskipTests -pl server' or set PARLEY_JAR`,
    );
  }
  return jar;
}

function javaMajor(javaBin: string): number {
  const r = spawnSync(javaBin, ['-XshowSettings:properties', '-version'], { encoding: 'utf8' });
  const m = /java\.specification\.version = (\d+)/.exec(`${r.stderr}${r.stdout}`);
  return m ? Number(m[1]) : 0;
}

let cachedJava: string | undefined;

/**
 * A java >= 21: PARLEY_JAVA (a java binary), else $JAVA_HOME/bin/java when new enough, else
 * whatever the repository's .mvn/jdk.sh picks (the same search ./mvnw makes).
 */
export function findJava(): string {
  if (cachedJava) return cachedJava;
  const exe = process.platform === 'win32' ? 'java.exe' : 'java';
  const candidates: string[] = [];
  if (process.env.PARLEY_JAVA) candidates.push(process.env.PARLEY_JAVA);
  if (process.env.JAVA_HOME) candidates.push(path.join(process.env.JAVA_HOME, 'bin', exe));
  for (const java of candidates) {
    if (existsSync(java) && javaMajor(java) >= 21) return (cachedJava = java);
  }
  const jdkSh = path.join(repoDir, '.mvn', 'jdk.sh');
  if (existsSync(jdkSh)) {
    const r = spawnSync('sh', ['-c', '. "$1" && printf %s "$JAVA_HOME"', 'sh', jdkSh], {
      encoding: 'utf8',
      env: { ...process.env, JAVA_HOME: '' },
    });
    const home = r.status === 0 ? r.stdout.trim() : '';
    if (home && existsSync(path.join(home, 'bin', exe))) return (cachedJava = path.join(home, 'bin', exe));
  }
  throw new Error('No Java 21 or newer found: set JAVA_HOME (or PARLEY_JAVA) to one');
}

// Servers still running, killed if this process goes away without stopping them.
const running = new Set<ChildProcess>();
let exitHookInstalled = false;

function installExitHook(): void {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  const killAll = () => {
    for (const child of running) child.kill('SIGKILL');
    running.clear();
  };
  // 'exit' runs on normal ends and uncaught errors; a death by signal skips it, which the
  // parent-death signal below covers on Linux.
  process.on('exit', killAll);
}

// On Linux, setpriv --pdeathsig makes the kernel SIGTERM the server when this process dies,
// even by SIGKILL, which no exit hook sees.
let setprivOk: boolean | undefined;
function hasSetprivPdeathsig(): boolean {
  if (setprivOk === undefined) {
    setprivOk = process.platform === 'linux' && spawnSync('setpriv', ['--pdeathsig', 'TERM', 'true']).status === 0;
  }
  return setprivOk;
}

/** Variables read by these tests, not by Parley. */
const HARNESS_VARIABLES = ['PARLEY_JAR', 'PARLEY_JAVA', 'PARLEY_E2E_CHROMIUM', 'PARLEY_E2E_FIREFOX'];

/**
 * This process's environment for a parley command: Parley refuses PARLEY_* variables that are
 * not settings, so the harness's own are left out.
 */
export function parleyEnv(): NodeJS.ProcessEnv {
  return Object.fromEntries(Object.entries(process.env).filter(([name]) => !HARNESS_VARIABLES.includes(name)));
}

let serial = 0;

export async function startParley(options: StartOptions = {}): Promise<ParleyServer> {
  const java = findJava();
  const jar = parleyJar();
  const args = [
    '-jar',
    jar,
    '--bind',
    options.bind ?? '127.0.0.1',
    '--port',
    String(options.port ?? 0),
    // Several servers may run at once; the default media port is a fixed one.
    ...((options.args ?? []).some((a) => a.startsWith('--media-port')) ? [] : ['--media-port', '0']),
    ...(options.args ?? []),
  ];
  // `ip netns exec` enters the namespace and execs java: the server stays this child process.
  const inNamespace = options.netns ? ['ip', 'netns', 'exec', options.netns, java] : [java];
  const logFile = options.logFile ?? path.join(e2eDir, 'test-results', `parley-${process.pid}-${++serial}.log`);
  mkdirSync(path.dirname(logFile), { recursive: true });
  const log = createWriteStream(logFile);

  const [command, commandArgs] = hasSetprivPdeathsig()
    ? ['setpriv', ['--pdeathsig', 'TERM', ...inNamespace, ...args]]
    : [inNamespace[0]!, [...inNamespace.slice(1), ...args]];
  installExitHook();
  const child = spawn(command, commandArgs, { env: parleyEnv(), stdio: ['ignore', 'pipe', 'pipe'] });
  running.add(child);
  child.stderr.pipe(log);
  let stderrTail = '';
  child.stderr.setEncoding('utf8');
  child.stderr.on('data', (chunk: string) => {
    stderrTail = (stderrTail + chunk).slice(-4000);
  });

  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
    child.once('exit', (code, signal) => {
      running.delete(child);
      resolve({ code, signal });
    });
  });

  // Generous: a cold JVM setting up TLS (--tls-self-signed) spends about 2.5 s of CPU on it,
  // which took 4-9 s of wall time with the machine's two cores shared by other builds, and once,
  // after the long legacy test in a full verify, the server was not up within 30 s.
  const startTimeout = options.startTimeoutMs ?? 60_000;
  let stdoutSeen = '';
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`Parley did not start within ${startTimeout} ms; log: ${logFile}`));
    }, startTimeout);
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (chunk: string) => {
      stdoutSeen += chunk;
      const m = /Parley is running: open (https?:\/\/\S+?)\/?(\s|$)/.exec(stdoutSeen);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]!);
      }
    });
    child.once('error', (err) => {
      clearTimeout(timer);
      reject(err);
    });
    void exited.then(({ code, signal }) => {
      clearTimeout(timer);
      reject(
        new Error(
          `Parley exited (code ${code}, signal ${signal}) before it was ready; ` +
            `stdout: ${JSON.stringify(stdoutSeen)}; log (${logFile}) ends:\n${stderrTail}`,
        ),
      );
    });
  });
  const port = Number(new URL(url).port);

  let stopping: Promise<void> | undefined;
  const stop = (): Promise<void> => {
    stopping ??= (async () => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM');
      const stopTimeout = options.stopTimeoutMs ?? 20_000;
      let timer: NodeJS.Timeout | undefined;
      const outcome = await Promise.race([
        exited,
        new Promise<'timeout'>((resolve) => {
          timer = setTimeout(() => resolve('timeout'), stopTimeout);
        }),
      ]);
      clearTimeout(timer);
      if (outcome === 'timeout') {
        child.kill('SIGKILL');
        await exited;
        throw new Error(`Parley did not exit within ${stopTimeout} ms of SIGTERM; log: ${logFile}`);
      }
    })();
    return stopping;
  };

  return { url, wsUrl: `${url.replace(/^http/, 'ws')}/ws`, port, logFile, exited, stop };
}
