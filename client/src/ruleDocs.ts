/**
 * "threadlint: Show Rule Documentation": pick a rule (or get one by code or
 * name from a caller such as a code action) and open its page, preferring the
 * copy bundled in the extension (docs/rules/<name>.md, readable offline) and
 * falling back to the published URL.
 */
import * as vscode from 'vscode';
import { RULES, docsUrl, findRule, type RuleMeta } from '../../server/src/core/rules';

export async function showRuleDocumentation(extensionUri: vscode.Uri, codeOrName?: string): Promise<void> {
  const rule = codeOrName ? findRule(codeOrName) : await pickRule();
  if (!rule) {
    if (codeOrName) void vscode.window.showWarningMessage(`threadlint: no rule is called ${codeOrName}.`);
    return;
  }
  const bundled = vscode.Uri.joinPath(extensionUri, 'docs', 'rules', `${rule.name}.md`);
  if (await exists(bundled)) {
    await vscode.commands.executeCommand('markdown.showPreview', bundled);
  } else {
    await vscode.env.openExternal(vscode.Uri.parse(docsUrl(rule)));
  }
}

async function pickRule(): Promise<RuleMeta | undefined> {
  const items = RULES.map((rule) => ({ label: rule.code, description: rule.name, detail: rule.summary, rule }));
  const picked = await vscode.window.showQuickPick(items, {
    title: 'threadlint: Show Rule Documentation',
    placeHolder: 'Rule code or name',
    matchOnDescription: true,
    matchOnDetail: true,
  });
  return picked?.rule;
}

async function exists(uri: vscode.Uri): Promise<boolean> {
  try {
    await vscode.workspace.fs.stat(uri);
    return true;
  } catch {
    return false;
  }
}
