/**
 * The status-bar item: "scanning" while a workspace scan runs, otherwise the
 * number of threadlint findings currently in the Problems panel (counted from
 * VS Code's diagnostics, so it covers open files and scanned closed ones
 * alike). A click opens the Problems panel, or the output when the server is
 * down.
 */
import * as vscode from 'vscode';

const SOURCE = 'threadlint';

export class StatusBar implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('threadlint.status', vscode.StatusBarAlignment.Left, 0);
  private readonly subscriptions: vscode.Disposable[] = [];
  private scanning = false;
  private running = true;
  private findings = 0;
  private recount: NodeJS.Timeout | undefined;

  constructor() {
    this.item.name = 'threadlint';
    this.subscriptions.push(vscode.languages.onDidChangeDiagnostics(() => this.scheduleRecount()));
    this.findings = countFindings();
    this.render();
    this.item.show();
  }

  setScanning(scanning: boolean): void {
    this.scanning = scanning;
    this.render();
  }

  setServerRunning(running: boolean): void {
    this.running = running;
    this.render();
  }

  dispose(): void {
    if (this.recount) clearTimeout(this.recount);
    this.subscriptions.forEach((s) => s.dispose());
    this.item.dispose();
  }

  /** Diagnostics change once per published file; during a scan that is hundreds of events. */
  private scheduleRecount(): void {
    if (this.recount) return;
    this.recount = setTimeout(() => {
      this.recount = undefined;
      this.findings = countFindings();
      this.render();
    }, 100);
  }

  private render(): void {
    const item = this.item;
    item.backgroundColor = undefined;
    if (!this.running) {
      item.text = '$(error) threadlint';
      item.tooltip = 'The threadlint server is not running. Click to show its output.';
      item.command = 'threadlint.showOutput';
      item.backgroundColor = new vscode.ThemeColor('statusBarItem.errorBackground');
      return;
    }
    item.command = 'workbench.actions.view.problems';
    if (this.scanning) {
      item.text = '$(sync~spin) threadlint: scanning';
      item.tooltip = 'threadlint is scanning the workspace.';
    } else if (this.findings === 0) {
      item.text = '$(check) threadlint';
      item.tooltip = 'threadlint: no thread-safety findings. Click to open the Problems panel.';
    } else {
      const noun = this.findings === 1 ? 'finding' : 'findings';
      item.text = `$(warning) threadlint: ${this.findings}`;
      item.tooltip = `threadlint: ${this.findings} thread-safety ${noun}. Click to open the Problems panel.`;
    }
  }
}

function countFindings(): number {
  let count = 0;
  for (const [, diagnostics] of vscode.languages.getDiagnostics()) {
    for (const d of diagnostics) if (d.source === SOURCE) count++;
  }
  return count;
}
