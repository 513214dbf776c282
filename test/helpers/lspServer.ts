/**
 * The built language server (dist/server.js) over stdio, for protocol tests: builds it, writes a
 * workspace into a fresh temp folder and connects a real JSON-RPC client. The caller registers its
 * handlers, then calls `conn.listen()`, and `stop()` at the end.
 */
import assert from 'node:assert/strict';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter, type MessageConnection } from 'vscode-jsonrpc/node';

const repo = join(__dirname, '..', '..');

export interface StdioServer {
  readonly dir: string;
  readonly server: ChildProcess;
  readonly conn: MessageConnection;
  /** The file URI of a workspace path. */
  uri(path: string): string;
  stop(): void;
}

/** Builds dist/server.js once per process. */
let built = false;
export function buildServer(): void {
  if (built) return;
  const build = spawnSync(process.execPath, ['scripts/build.mjs', '--only=server'], { cwd: repo, encoding: 'utf8' });
  assert.equal(build.status, 0, build.stderr);
  built = true;
}

/** `options.dir`: a workspace folder the caller made (and removes), for a second session on the same folder; `options.env`: more environment for the server. */
export function startStdioServer(files: Readonly<Record<string, string>>, prefix: string, options: { dir?: string; env?: Readonly<Record<string, string>> } = {}): StdioServer {
  buildServer();
  const dir = options.dir ?? mkdtempSync(join(tmpdir(), prefix));
  for (const [p, t] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, p)), { recursive: true });
    writeFileSync(join(dir, p), t);
  }
  // The server keeps its index in the user's cache folder unless told otherwise: here, a temporary one.
  const cache = mkdtempSync(join(tmpdir(), `${prefix}cache-`));
  const server = spawn(process.execPath, [join(repo, 'dist', 'server.js'), '--stdio'], { stdio: ['pipe', 'pipe', 'inherit'], env: { ...process.env, XDG_CACHE_HOME: cache, ...options.env } });
  if (!server.stdout || !server.stdin) throw new Error('no stdio');
  const conn = createMessageConnection(new StreamMessageReader(server.stdout), new StreamMessageWriter(server.stdin));
  return {
    dir,
    server,
    conn,
    uri: (path) => pathToFileURL(join(dir, path)).href,
    stop: () => {
      conn.dispose();
      if (server.exitCode === null) server.kill();
      if (options.dir === undefined) rmSync(dir, { recursive: true, force: true });
      rmSync(cache, { recursive: true, force: true });
    },
  };
}

/** `initialize` for the one folder of `s`, as a client that answers workspace/configuration, then `initialized`. */
export async function initializeFolder(s: StdioServer, initializationOptions: object = {}): Promise<void> {
  await s.conn.sendRequest('initialize', {
    processId: process.pid,
    rootUri: s.uri(''),
    workspaceFolders: [{ uri: s.uri(''), name: 'docs' }],
    capabilities: { workspace: { configuration: true } },
    initializationOptions,
  });
  await s.conn.sendNotification('initialized', {});
}
