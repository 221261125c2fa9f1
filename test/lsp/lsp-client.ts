// Test client: starts the bundled language server over stdio and speaks LSP to it, recording everything it sends.
import { spawn, type ChildProcess } from 'node:child_process';
import * as path from 'node:path';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter, type MessageConnection } from 'vscode-jsonrpc/node';
import {
  DidChangeConfigurationNotification, DidChangeTextDocumentNotification, DidChangeWatchedFilesNotification,
  DidCloseTextDocumentNotification, DidOpenTextDocumentNotification, ExitNotification, InitializedNotification,
  InitializeRequest, ShutdownRequest,
  type ClientCapabilities, type ConfigurationParams, type FileEvent, type InitializeResult, type LogMessageParams,
  type PublishDiagnosticsParams, type Registration, type RegistrationParams, type ShowDocumentParams,
  type ShowMessageParams, type WorkspaceFolder,
} from 'vscode-languageserver-protocol';

export const ROOT = path.resolve(__dirname, '..', '..', '..');
export const SERVER_BUNDLE = path.join(ROOT, 'dist', 'server.js');

/** client/src/server-env.ts (compiled by the client's project, outside this one's root: loaded at run time). */
export interface ServerEnvModule {
  SERVER_MALLOC_TUNABLES: Readonly<Record<string, string>>;
  serverEnvironment(base: NodeJS.ProcessEnv): Record<string, string>;
}
export function clientServerEnv(): ServerEnvModule {
  return require(path.join(ROOT, 'out', 'client', 'server-env.js')) as ServerEnvModule;
}

/** Capabilities of a modern client (VS Code-like). */
export const FULL_CAPABILITIES: ClientCapabilities = {
  workspace: {
    configuration: true,
    workspaceFolders: true,
    didChangeConfiguration: { dynamicRegistration: true },
    didChangeWatchedFiles: { dynamicRegistration: true },
    workspaceEdit: { documentChanges: true },
  },
  textDocument: {
    synchronization: { dynamicRegistration: false },
    publishDiagnostics: { versionSupport: true, codeDescriptionSupport: true, dataSupport: true },
    codeAction: {
      codeActionLiteralSupport: { codeActionKind: { valueSet: ['quickfix', 'source', 'source.fixAll'] } },
      isPreferredSupport: true,
      dataSupport: true,
    },
    hover: { contentFormat: ['markdown', 'plaintext'] },
  },
  window: { showDocument: { support: true } },
};

export interface StartOptions {
  capabilities: ClientCapabilities;
  workspaceFolders?: WorkspaceFolder[] | null;
  rootUri?: string | null;
  /** Answer (or a promise of it) to `workspace/configuration` for one scope URI (the `codepayGuard` section). */
  settings?: (scopeUri: string | undefined) => unknown;
  initializationOptions?: unknown;
  /** Extra environment variables of the server process (test hooks). */
  env?: Record<string, string>;
  /** Node options of the server process (before the bundle's path). */
  nodeArgs?: string[];
}

interface Waiter {
  check: () => boolean;
}

/** The client side of one session with the real server process. */
export class LspTestClient {
  /** JSON of every message the server sent (notifications, requests and responses), for the secret-leak check. */
  readonly traffic: string[] = [];
  readonly diagnostics: PublishDiagnosticsParams[] = [];
  readonly logs: LogMessageParams[] = [];
  readonly shownMessages: ShowMessageParams[] = [];
  readonly showDocuments: ShowDocumentParams[] = [];
  readonly configurationRequests: ConfigurationParams[] = [];
  readonly registrations: Registration[] = [];
  /** `$/progress` notifications (work-done progress the server created with `window/workDoneProgress/create`). */
  readonly progress: Array<{ token: string | number; value: { kind: string; message?: string; percentage?: number; title?: string; cancellable?: boolean } }> = [];
  stderr = '';
  settings: (scopeUri: string | undefined) => unknown;
  initializeResult!: InitializeResult;

  private readonly versions = new Map<string, number>();
  private readonly waiters = new Set<Waiter>();
  private exitCode: number | null | undefined;
  private readonly exited: Promise<number | null>;

  private constructor(private readonly child: ChildProcess, readonly connection: MessageConnection, settings: StartOptions['settings']) {
    this.settings = settings ?? (() => ({ enable: true, rules: {}, ignore: [] }));
    this.exited = new Promise((resolve) => child.on('exit', (code) => {
      this.exitCode = code;
      resolve(code);
    }));
  }

  /** The server process id (for memory figures read from /proc). */
  get pid(): number | undefined {
    return this.child.pid;
  }

  static async start(options: StartOptions): Promise<LspTestClient> {
    const env = options.env ? { ...process.env, ...options.env } : process.env;
    const child = spawn(process.execPath, [...(options.nodeArgs ?? []), SERVER_BUNDLE, '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'], env });
    const connection = createMessageConnection(new StreamMessageReader(child.stdout!), new StreamMessageWriter(child.stdin!));
    const client = new LspTestClient(child, connection, options.settings);
    child.stderr!.setEncoding('utf8');
    child.stderr!.on('data', (chunk: string) => { client.stderr += chunk; });
    client.listen();
    connection.listen();
    client.initializeResult = await client.request(InitializeRequest.method, {
      processId: process.pid,
      rootUri: options.rootUri ?? null,
      workspaceFolders: options.workspaceFolders ?? null,
      capabilities: options.capabilities,
      initializationOptions: options.initializationOptions,
    }) as InitializeResult;
    await connection.sendNotification(InitializedNotification.method, {});
    return client;
  }

  private record(kind: string, method: string, payload: unknown): void {
    this.traffic.push(`${kind} ${method} ${JSON.stringify(payload)}`);
    for (const waiter of [...this.waiters]) waiter.check();
  }

  private listen(): void {
    this.connection.onNotification((method, params) => {
      if (method === 'textDocument/publishDiagnostics') this.diagnostics.push(params as PublishDiagnosticsParams);
      else if (method === 'window/logMessage') this.logs.push(params as LogMessageParams);
      else if (method === 'window/showMessage') this.shownMessages.push(params as ShowMessageParams);
      this.record('notification', method, params);
    });
    // vscode-jsonrpc routes `$/progress` to per-token handlers; tokens the server created arrive here.
    this.connection.onUnhandledProgress((params) => {
      this.progress.push(params as LspTestClient['progress'][number]);
      this.record('notification', '$/progress', params);
    });
    this.connection.onRequest((method, params) => {
      let result: unknown = null;
      if (method === 'workspace/configuration') {
        const p = params as ConfigurationParams;
        this.configurationRequests.push(p);
        result = Promise.all(p.items.map((item) => (item.section === 'codepayGuard' ? this.settings(item.scopeUri) : null)));
      } else if (method === 'client/registerCapability') {
        this.registrations.push(...(params as RegistrationParams).registrations);
      } else if (method === 'window/showDocument') {
        this.showDocuments.push(params as ShowDocumentParams);
        result = { success: true };
      }
      this.record('request', method, params);
      return result;
    });
  }

  async request(method: string, params: unknown): Promise<unknown> {
    const result = await this.connection.sendRequest(method, params);
    this.record('response', method, result);
    return result;
  }

  notify(method: string, params: unknown): Promise<void> {
    return this.connection.sendNotification(method, params);
  }

  /** Index to pass as `since` to the wait helpers: only what the server sends from now on counts. */
  mark(): number {
    return this.diagnostics.length;
  }

  /** A deadline-bound wait: resolves once `probe` returns a value, re-probed whenever the server sends anything. */
  waitFor<T>(probe: () => T | undefined, what: string, timeoutMs = 3000): Promise<T> {
    return new Promise((resolve, reject) => {
      const waiter: Waiter = {
        check: () => {
          const value = probe();
          if (value === undefined) return false;
          finish();
          resolve(value);
          return true;
        },
      };
      const timer = setTimeout(() => {
        finish();
        reject(new Error(`timed out after ${timeoutMs} ms waiting for ${what}`));
      }, timeoutMs);
      const finish = () => {
        clearTimeout(timer);
        this.waiters.delete(waiter);
      };
      this.waiters.add(waiter);
      waiter.check();
    });
  }

  /** The first publish for `uri` after `since` that satisfies `accept`. */
  waitForDiagnostics(uri: string, since: number, accept: (p: PublishDiagnosticsParams) => boolean, what: string, timeoutMs = 3000): Promise<PublishDiagnosticsParams> {
    return this.waitFor(() => this.diagnostics.slice(since).find((p) => p.uri === uri && accept(p)), `${what} (${uri})`, timeoutMs);
  }

  publishesSince(uri: string, since: number): PublishDiagnosticsParams[] {
    return this.diagnostics.slice(since).filter((p) => p.uri === uri);
  }

  version(uri: string): number {
    return this.versions.get(uri) ?? 0;
  }

  open(uri: string, languageId: string, text: string): Promise<void> {
    this.versions.set(uri, 1);
    return this.notify(DidOpenTextDocumentNotification.method, { textDocument: { uri, languageId, version: 1, text } });
  }

  /** Replaces the whole text (allowed under incremental sync) and bumps the version. */
  change(uri: string, text: string): Promise<void> {
    const version = this.version(uri) + 1;
    this.versions.set(uri, version);
    return this.notify(DidChangeTextDocumentNotification.method, { textDocument: { uri, version }, contentChanges: [{ text }] });
  }

  close(uri: string): Promise<void> {
    this.versions.delete(uri);
    return this.notify(DidCloseTextDocumentNotification.method, { textDocument: { uri } });
  }

  configurationChanged(settings: unknown = null): Promise<void> {
    return this.notify(DidChangeConfigurationNotification.method, { settings });
  }

  watchedFilesChanged(changes: FileEvent[]): Promise<void> {
    return this.notify(DidChangeWatchedFilesNotification.method, { changes });
  }

  /** Orderly LSP shutdown; resolves with the server's exit code. */
  async shutdown(): Promise<number | null> {
    await this.request(ShutdownRequest.method, undefined);
    await this.notify(ExitNotification.method, undefined);
    const timeout = new Promise<'timeout'>((resolve) => setTimeout(() => resolve('timeout'), 3000).unref());
    const code = await Promise.race([this.exited, timeout]);
    this.dispose();
    if (code === 'timeout') throw new Error('the server did not exit within 3 s of the exit notification');
    return code;
  }

  dispose(): void {
    this.connection.dispose();
    if (this.exitCode === undefined) this.child.kill();
  }
}
