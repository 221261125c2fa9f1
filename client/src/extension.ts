// The VS Code extension: starts the CodePay Guard language server over IPC and adds commands and a status bar item.
import * as path from 'node:path';
import * as vscode from 'vscode';
import { ExecuteCommandRequest, LanguageClient, TransportKind, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';
import { openRuleDoc } from './rule-docs';
import { serverEnvironment } from './server-env';
import { provideConfiguration } from './settings';
import { createTeamConfig } from './team-config';
import { showComplianceReport } from './report-view';
import { FindingsStatusBar } from './status-bar';

let client: LanguageClient | undefined;

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  // One channel for server log messages and the protocol trace (`codepayGuard.trace.server`).
  const output = vscode.window.createOutputChannel('CodePay Guard');
  const serverModule = context.asAbsolutePath(path.join('dist', 'server.js'));
  // Added to the extension host's environment (malloc settings that keep the server's memory down: see server-env.ts).
  const env = serverEnvironment(process.env);
  const serverOptions: ServerOptions = {
    run: { module: serverModule, transport: TransportKind.ipc, options: { env } },
    debug: { module: serverModule, transport: TransportKind.ipc, options: { env, execArgv: ['--nolazy', '--inspect=6019'] } },
  };
  // Team files, the files they extend (any JSON) and baselines: the server filters what concerns it.
  const configWatcher = vscode.workspace.createFileSystemWatcher('**/*.json');
  const clientOptions: LanguageClientOptions = {
    // Every language: the server decides what it can check (scripts are parsed, anything else is scanned as text).
    documentSelector: [{ scheme: 'file' }, { scheme: 'untitled' }],
    outputChannel: output,
    traceOutputChannel: output,
    synchronize: { fileEvents: configWatcher },
    middleware: { workspace: { configuration: provideConfiguration } },
    // Untrusted, the server leaves out the team's custom patterns and `extends` outside the workspace.
    initializationOptions: { workspaceTrusted: vscode.workspace.isTrusted },
    // A server that dies is restarted (the default error handler: up to this many times in three minutes), so one bad
    // file cannot switch the linter off for the session.
    connectionOptions: { maxRestartCount: 5 },
  };
  // The id must match the settings prefix: vscode-languageclient reads `codepayGuard.trace.server` from it.
  client = new LanguageClient('codepayGuard', 'CodePay Guard', serverOptions, clientOptions);

  const statusBar = new FindingsStatusBar();
  context.subscriptions.push(
    output,
    configWatcher,
    statusBar,
    vscode.commands.registerCommand('codepayGuard.restartServer', async () => {
      if (!client) return;
      await client.restart();
      statusBar.update();
    }),
    vscode.commands.registerCommand('codepayGuard.showOutput', () => output.show(true)),
    vscode.commands.registerCommand('codepayGuard.openRuleDoc', (ruleId?: unknown) => openRuleDoc(context, ruleId)),
    vscode.commands.registerCommand('codepayGuard.createTeamConfig', () => createTeamConfig()),
    vscode.commands.registerCommand('codepayGuard.scanWorkspace', () => scanWorkspace()),
    vscode.commands.registerCommand('codepayGuard.showComplianceReport', () => showComplianceReport(client)),
    vscode.workspace.onDidGrantWorkspaceTrust(() => {
      void client?.sendNotification('codepayGuard/workspaceTrusted');
    }),
  );

  try {
    await client.start();
    // A scan at start-up is opt-in: large workspaces pay for it once per session.
    if (vscode.workspace.getConfiguration('codepayGuard').get<boolean>('scanOnStartup')) void scanWorkspace();
  } catch (err) {
    output.appendLine(`The language server failed to start: ${(err as Error)?.message ?? String(err)}`);
    void vscode.window.showErrorMessage('CodePay Guard: the language server failed to start. Run "CodePay Guard: Show Output" for details.');
  }
}

/** Runs the server's workspace scan; progress (with a cancel button) comes from the server as work-done progress. */
async function scanWorkspace(): Promise<void> {
  if (!client?.isRunning()) return;
  try {
    const summary = await client.sendRequest(ExecuteCommandRequest.type, { command: 'codepay-guard.scanWorkspace', arguments: [] }) as
      { files: number; findings: number; cancelled: boolean } | undefined;
    if (summary && !summary.cancelled) {
      void vscode.window.setStatusBarMessage(`CodePay Guard: ${summary.files} files scanned, ${summary.findings} finding(s)`, 8000);
    }
  } catch (err) {
    void vscode.window.showErrorMessage(`CodePay Guard: the workspace scan failed (${(err as Error)?.message ?? String(err)}).`);
  }
}

export async function deactivate(): Promise<void> {
  const running = client;
  client = undefined;
  if (running) await running.stop();
}
