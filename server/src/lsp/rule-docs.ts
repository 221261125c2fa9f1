// The `codepay-guard.showRuleDoc` command: opens the rule page shipped next to the bundle, else the public one.
import { existsSync } from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { MessageType, ShowMessageNotification, type Connection } from 'vscode-languageserver/node';
import { engine } from './engine';

/** Bundled page of a rule: the bundle lives in `dist/`, the pages in `docs/rules/` beside it. */
export function bundledDocPath(ruleId: string): string {
  return path.join(__dirname, '..', 'docs', 'rules', `${ruleId}.md`);
}

export interface ShowRuleDocOptions {
  /** Client handles `window/showDocument`. */
  supportsShowDocument: boolean;
}

export async function showRuleDoc(connection: Connection, args: readonly unknown[] | undefined, options: ShowRuleDocOptions): Promise<void> {
  const { RULE_IDS, ruleDocUrl, SUPPRESSION_RULE_ID } = engine();
  const ruleId = args?.[0];
  // Only registered ids: the argument becomes part of a file path.
  if (typeof ruleId !== 'string' || !(RULE_IDS.includes(ruleId) || ruleId === SUPPRESSION_RULE_ID)) {
    connection.console.warn(`showRuleDoc: not a CodePay Guard rule id: ${typeof ruleId === 'string' ? JSON.stringify(ruleId.slice(0, 60)) : typeof ruleId}`);
    return;
  }
  const file = bundledDocPath(ruleId);
  const target = existsSync(file)
    ? { uri: pathToFileURL(file).toString(), external: false }
    : { uri: ruleDocUrl(ruleId), external: true };
  if (!options.supportsShowDocument) {
    void connection.sendNotification(ShowMessageNotification.type, { type: MessageType.Info, message: `Documentation for ${ruleId}: ${target.uri}` });
    return;
  }
  const result = await connection.window.showDocument(target);
  if (!result.success) connection.console.warn(`The client could not open the documentation of ${ruleId} (${target.uri}).`);
}
