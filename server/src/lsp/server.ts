// The language server: wires open documents, settings, analysis, code actions, hover and commands to a connection.
import {
  CodeActionKind, CodeActionRequest, DidChangeConfigurationNotification, DidChangeWatchedFilesNotification, ExecuteCommandRequest,
  FileChangeType, HoverRequest, MarkupKind, MessageType, ParameterStructures, RequestType, ResponseError, ShowMessageNotification,
  TextDocuments, TextDocumentSyncKind,
  type CancellationToken, type ClientCapabilities, type CodeAction, type Connection, type Hover, type InitializeParams,
  type InitializeResult,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { SETTINGS_SECTION, TEAM_FILE_NAME } from '../project/names';
import { DocumentAnalyzer } from './analysis';
import { buildCodeActions, FIX_ALL_KIND, SHOW_RULE_DOC_COMMAND } from './code-actions';
import { findingsAt, toHover, toOffset } from './convert';
import { engine } from './engine';
import { fsPathOf, WorkspaceFolders } from './folders';
import { checkCodeActionParams, checkComplianceReportParams, checkExecuteCommandParams, checkTextDocumentPosition, type Problem } from './params';
import { showRuleDoc } from './rule-docs';
import { ConfigurationStore } from './settings';
import { WorkspaceScanner } from './workspace-scan';

export const SERVER_NAME = 'codepay-guard';
/** Sent by the VS Code client when the user trusts the workspace (`initializationOptions.workspaceTrusted` was false). */
export const TRUST_GRANTED_NOTIFICATION = 'codepayGuard/workspaceTrusted';
/** `workspace/executeCommand`: analyse every file of every folder in the background, with progress. */
export const SCAN_WORKSPACE_COMMAND = 'codepay-guard.scanWorkspace';
/** Request: the compliance report of a folder as HTML for a webview (`{ folderUri?, nonce, cspSource }` → `{ html, folderUri }`). */
export const COMPLIANCE_REPORT_REQUEST = 'codepayGuard/complianceReport';

interface ClientSupport {
  configurationRequests: boolean;
  workspaceFolders: boolean;
  dynamicWatchedFiles: boolean;
  dynamicConfiguration: boolean;
  documentChanges: boolean;
  showDocument: boolean;
  markdownHover: boolean;
  workDoneProgress: boolean;
}

function clientSupport(caps: ClientCapabilities): ClientSupport {
  return {
    configurationRequests: caps.workspace?.configuration === true,
    workspaceFolders: caps.workspace?.workspaceFolders === true,
    dynamicWatchedFiles: caps.workspace?.didChangeWatchedFiles?.dynamicRegistration === true,
    dynamicConfiguration: caps.workspace?.didChangeConfiguration?.dynamicRegistration === true,
    documentChanges: caps.workspace?.workspaceEdit?.documentChanges === true,
    showDocument: caps.window?.showDocument?.support === true,
    markdownHover: caps.textDocument?.hover?.contentFormat?.includes(MarkupKind.Markdown) ?? false,
    workDoneProgress: caps.window?.workDoneProgress === true,
  };
}

function errorText(err: unknown): string {
  if (err instanceof Error) return err.stack ?? err.message;
  return String(err);
}

export function startServer(connection: Connection, version: string): void {
  const documents = new TextDocuments(TextDocument);
  const folders = new WorkspaceFolders();
  let support: ClientSupport = clientSupport({});

  const logError = (context: string, err: unknown): void => {
    connection.console.error(`${context} failed: ${errorText(err)}`);
  };
  /**
   * Handlers never throw into the connection: a failure is logged and the request answered with `fallback`. A
   * ResponseError (malformed params, see ./params) is the answer itself: it goes back to the client, not to the log.
   */
  const guarded = <P extends unknown[], R>(name: string, fallback: R, handler: (...args: P) => R | Promise<R>) =>
    async (...args: P): Promise<R> => {
      try {
        return await handler(...args);
      } catch (err) {
        if (err instanceof ResponseError) throw err;
        logError(name, err);
        return fallback;
      }
    };
  /**
   * Request types whose params must be an object (by name): a request without params or with positional ones is
   * answered with InvalidParams by the connection, and the handler sees the params first (`onHover` and friends would
   * read them before the handler does).
   */
  const byName = <P, R>(method: string) => new RequestType<P, R, void>(method, ParameterStructures.byName);

  // Clients other than VS Code have no notion of workspace trust: the workspace is trusted unless told otherwise.
  let trusted = true;
  const openText = (fsPath: string): string | undefined => documents.all().find((d) => fsPathOf(d.uri) === fsPath)?.getText();
  const settings = new ConfigurationStore({
    connection,
    folders,
    supportsConfigurationRequests: () => support.configurationRequests,
    trusted: () => trusted,
    openText,
    warn: (message) => {
      // A notification, not `showWarningMessage` (a request that would wait for the user to dismiss it).
      void connection.sendNotification(ShowMessageNotification.type, { type: MessageType.Warning, message });
      connection.console.warn(message);
    },
  });

  const analyzer: DocumentAnalyzer = new DocumentAnalyzer({
    connection,
    documents,
    contextFor: (uri) => settings.contextFor(uri),
    isConfigFile: (uri) => settings.isConfigFile(uri),
    configFileEdited: (uri) => {
      settings.configFileEdited(uri);
      analyzer.revalidateAll();
    },
    logError,
    workers: true,
  });

  const scanner = new WorkspaceScanner({
    connection, documents, folders, settings, analyzer, logError,
    supportsProgress: () => support.workDoneProgress,
  });
  let watchingAllFiles = false;
  const scanWorkspace = async (token?: CancellationToken) => {
    if (support.dynamicWatchedFiles && !watchingAllFiles) {
      // From now on every file counts (created, changed, deleted), not only configuration.
      watchingAllFiles = true;
      await connection.client.register(DidChangeWatchedFilesNotification.type, { watchers: [{ globPattern: '**/*' }] });
    }
    return scanner.scan(token);
  };

  connection.onInitialize((params: InitializeParams): InitializeResult => {
    support = clientSupport(params.capabilities);
    const init = params.initializationOptions as { workspaceTrusted?: unknown } | undefined;
    trusted = init?.workspaceTrusted !== false;
    if (params.workspaceFolders && params.workspaceFolders.length > 0) folders.set(params.workspaceFolders);
    else if (params.rootUri) folders.set([{ uri: params.rootUri, name: params.rootUri.replace(/\/+$/, '').split('/').pop() ?? 'root' }]);
    return {
      capabilities: {
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental },
        codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, FIX_ALL_KIND] },
        hoverProvider: true,
        executeCommandProvider: { commands: [SHOW_RULE_DOC_COMMAND, SCAN_WORKSPACE_COMMAND] },
        workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
      },
      serverInfo: { name: SERVER_NAME, version },
    };
  });

  connection.onInitialized(guarded('initialized', undefined, async () => {
    // Load the engine now that the client is up, rather than on the first keystroke.
    setTimeout(() => { try { engine(); } catch (err) { logError('loading the engine', err); } }, 0);
    if (support.dynamicConfiguration) {
      await connection.client.register(DidChangeConfigurationNotification.type, { section: SETTINGS_SECTION });
    }
    if (support.dynamicWatchedFiles) {
      // Team files, files they extend (any JSON) and baselines.
      await connection.client.register(DidChangeWatchedFilesNotification.type, { watchers: [{ globPattern: '**/*.json' }] });
    }
    if (support.workspaceFolders) {
      connection.workspace.onDidChangeWorkspaceFolders(guarded('workspace folders change', undefined, (event) => {
        folders.add(event.added, event.removed);
        settings.foldersChanged();
        analyzer.revalidateAll();
      }));
    }
  }));

  connection.onDidChangeConfiguration(guarded('configuration change', undefined, (params) => {
    settings.settingsChanged(params);
    analyzer.revalidateAll();
  }));

  connection.onDidChangeWatchedFiles(guarded('watched files change', undefined, (params) => {
    const uris = params.changes.map((c) => c.uri);
    if (settings.filesChanged(uris)) {
      const teamFile = uris.find((u) => u.endsWith(`/${TEAM_FILE_NAME}`));
      if (teamFile) settings.configFileEdited(teamFile);
      analyzer.revalidateAll();
      // The configuration of every scanned file may have changed: scan again in the background.
      if (scanner.active) void scanner.scan().catch((err) => logError('workspace re-scan', err));
      return;
    }
    scanner.filesChanged(params.changes.map((c) => ({ uri: c.uri, deleted: c.type === FileChangeType.Deleted })));
  }));

  connection.onNotification(TRUST_GRANTED_NOTIFICATION, guarded('trust granted', undefined, () => {
    if (trusted) return;
    trusted = true;
    settings.trustChanged();
    analyzer.revalidateAll();
  }));

  documents.onDidOpen(guarded('open', undefined, (event) => analyzer.validateNow(event.document)));
  documents.onDidChangeContent(guarded('change', undefined, (event) => analyzer.schedule(event.document)));
  documents.onDidClose(guarded('close', undefined, (event) => {
    analyzer.close(event.document.uri);
    settings.documentClosed(event.document.uri);
    scanner.documentClosed(event.document.uri);
  }));

  connection.onRequest(byName<unknown, CodeAction[]>(CodeActionRequest.method), guarded('codeAction', [] as CodeAction[], async (params: unknown) => {
    checkCodeActionParams(CodeActionRequest.method, params);
    const doc = documents.get(params.textDocument.uri);
    if (!doc) return [];
    const { findings } = await analyzer.analysisFor(doc);
    return buildCodeActions(params, doc, findings, { useDocumentChanges: support.documentChanges });
  }));

  connection.onRequest(byName<unknown, Hover | null>(HoverRequest.method), guarded('hover', null as Hover | null, async (params: unknown) => {
    checkTextDocumentPosition(HoverRequest.method, params);
    const doc = documents.get(params.textDocument.uri);
    if (!doc) return null;
    const { findings } = await analyzer.analysisFor(doc);
    return toHover(doc, findingsAt(findings, toOffset(doc, params.position)), support.markdownHover);
  }));

  /** The arguments each command takes (a reason when they are wrong). */
  const commandArguments: Record<string, (args: unknown[]) => Problem> = {
    // An id that is not a rule's is well-formed: showRuleDoc logs it and shows nothing.
    [SHOW_RULE_DOC_COMMAND]: (args) => (args.length === 1 && typeof args[0] === 'string' ? undefined : 'arguments must be [ruleId]: one rule id string'),
    [SCAN_WORKSPACE_COMMAND]: (args) => (args.length === 0 ? undefined : 'the command takes no arguments'),
  };

  connection.onRequest(byName<unknown, unknown>(ExecuteCommandRequest.method), guarded('executeCommand', undefined as unknown, async (params: unknown, token: CancellationToken) => {
    checkExecuteCommandParams(ExecuteCommandRequest.method, params, commandArguments);
    if (params.command === SHOW_RULE_DOC_COMMAND) await showRuleDoc(connection, params.arguments, { supportsShowDocument: support.showDocument });
    if (params.command === SCAN_WORKSPACE_COMMAND) return scanWorkspace(token);
    return undefined;
  }));

  connection.onRequest(byName<unknown, unknown>(COMPLIANCE_REPORT_REQUEST), guarded('compliance report', { error: 'the report could not be built' } as unknown, async (params: unknown) => {
    checkComplianceReportParams(COMPLIANCE_REPORT_REQUEST, params);
    const { folderUri, nonce, cspSource } = params;
    const folder = folders.all().find((f) => f.uri === folderUri) ?? folders.all().find((f) => f.fsPath);
    if (!folder) return { error: 'open a folder to build its compliance report' };
    const input = await scanner.reportInput(folder, version);
    const html = engine().renderReportHtml(input, {
      links: 'webview',
      nonce: typeof nonce === 'string' ? nonce : undefined,
      cspSource: typeof cspSource === 'string' ? cspSource : undefined,
    });
    return { html, folderUri: folder.uri };
  }));

  process.on('uncaughtException', (err) => logError('uncaught exception', err));
  process.on('unhandledRejection', (reason) => logError('unhandled promise', reason));

  documents.listen(connection);
  connection.listen();
}
