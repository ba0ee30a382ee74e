/** The Deploy Plan view's data provider: the nodes of model.ts as tree items; clicking one opens its file at the range. */

import * as vscode from 'vscode';
import type { PlanNode } from './model';

export class DeployPlanTree implements vscode.TreeDataProvider<PlanNode>, vscode.Disposable {
  private nodes: readonly PlanNode[] = [];
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeTreeData = this.changed.event;

  get roots(): readonly PlanNode[] {
    return this.nodes;
  }

  show(nodes: readonly PlanNode[]): void {
    this.nodes = nodes;
    this.changed.fire();
  }

  getChildren(node?: PlanNode): PlanNode[] {
    return [...(node ? (node.children ?? []) : this.nodes)];
  }

  getTreeItem(node: PlanNode): vscode.TreeItem {
    return toTreeItem(node);
  }

  dispose(): void {
    this.changed.dispose();
  }
}

export function toTreeItem(node: PlanNode): vscode.TreeItem {
  const item = new vscode.TreeItem(node.label, node.children?.length ? vscode.TreeItemCollapsibleState.Expanded : vscode.TreeItemCollapsibleState.None);
  item.id = node.id;
  if (node.description) item.description = node.description;
  item.tooltip = new vscode.MarkdownString(node.tooltip);
  item.iconPath = new vscode.ThemeIcon(node.icon, node.muted ? new vscode.ThemeColor('disabledForeground') : undefined);
  item.contextValue = node.kind;
  if (node.location) {
    const { start, end } = node.location.range;
    const selection = new vscode.Range(start.line, start.character, end.line, end.character);
    item.command = {
      title: 'Open',
      command: 'vscode.open',
      arguments: [vscode.Uri.parse(node.location.uri), { selection, preview: true } satisfies vscode.TextDocumentShowOptions],
    };
  }
  return item;
}
