// Settings the client hands the server: only values someone actually set, so that a team file is not overridden by
// VS Code's defaults (`workspace/configuration` would otherwise answer `enable: true` for a folder whose
// `.codepay-guard.json` says `"enable": false`).
import * as vscode from 'vscode';
import type { ConfigurationParams, ConfigurationRequest, ResponseError } from 'vscode-languageclient/node';

export const SECTION = 'codepayGuard';
const ENGINE_KEYS = ['enable', 'rules', 'ignore', 'fixtures', 'clientPaths', 'names', 'secrets', 'suppressions', 'maxFileSize'] as const;

/** The explicitly set engine settings of a resource: folder over workspace over user, defaults left out. */
export function explicitSettings(scopeUri: string | undefined): Record<string, unknown> {
  const scope = scopeUri ? vscode.Uri.parse(scopeUri) : undefined;
  const config = vscode.workspace.getConfiguration(SECTION, scope);
  const out: Record<string, unknown> = {};
  for (const key of ENGINE_KEYS) {
    const inspected = config.inspect(key);
    const value = inspected?.workspaceFolderValue ?? inspected?.workspaceValue ?? inspected?.globalValue;
    if (value !== undefined) out[key] = value;
  }
  return out;
}

/** Middleware for `workspace/configuration`: our section answered with explicit values, other sections untouched. */
export async function provideConfiguration(
  params: ConfigurationParams,
  token: vscode.CancellationToken,
  next: ConfigurationRequest.HandlerSignature,
): Promise<unknown[] | ResponseError<void>> {
  const defaults = await next(params, token);
  if (!Array.isArray(defaults)) return defaults;
  return params.items.map((item, i) => (item.section === SECTION ? explicitSettings(item.scopeUri) : defaults[i]));
}
