/**
 * Serves `deployDoctor/analyzeLog`: feeds the pasted log to the engine's log scanner in chunks, yielding to the
 * event loop between them so other requests, progress and cancellation get through while a 50 MB paste is read;
 * then links the causes to a workspace folder's project and turns locations and fixes into what the client
 * opens and applies. Failures become `ResponseError`s with a sentence the panel can show, never raw errors.
 */

import { ErrorCodes, LSPErrorCodes, ResponseError, type CancellationToken, type Connection, type WorkDoneProgressReporter } from 'vscode-languageserver';
import { createLogScanner, type Engine, type LogDiagnosis, type ProjectFiles } from '../engine/index';
import { categoryTitle, formatLogReport, platformName, symptomTitle } from '../log-report';
import { analyzeLogFailurePrefix, maxLogLength, type AnalyzeLogCause, type AnalyzeLogFix, type AnalyzeLogLocation, type AnalyzeLogParams, type AnalyzeLogResult } from '../protocol';
import { FileLines, toWorkspaceEdit } from './convert';
import { describeError } from './describe-error';
import type { FileResolver, Workspace } from './workspace';
import type { Folders } from './workspace-folders';

/** How much of the log one step reads before letting other messages through (~2 ms of scanning). */
export const LOG_CHUNK_LENGTH = 256 * 1024;

export interface LogAnalysisDeps {
  readonly connection: Connection;
  readonly workspace: Workspace;
  readonly folders: Folders;
  /** Links causes to a project's config locations and rule fixes (and may re-rank them). */
  readonly engine: Pick<Engine, 'linkLog'>;
}

export async function analyzeLog(deps: LogAnalysisDeps, params: AnalyzeLogParams, token: CancellationToken, progress: WorkDoneProgressReporter): Promise<AnalyzeLogResult> {
  const { text, folderUri } = checkedParams(params);
  progress.begin('Analyzing the deploy log', 0, undefined, true);
  try {
    const diagnosis = await scan(text, token, progress);
    const folder = folderUri ?? deps.folders.current()[0];
    const project = folder === undefined ? undefined : deps.workspace.folderProject(folder);
    // Without a project, causes keep what the log alone says.
    const linked = project ? link(deps, project.files, diagnosis) : diagnosis;
    if (token.isCancellationRequested) throw cancelled();
    return toResult(linked, project ? deps.workspace.resolver(project) : undefined, project ? folder : undefined);
  } catch (error) {
    if (error instanceof ResponseError) throw error;
    deps.connection.console.error(`Analyzing a deploy log failed: ${describeError(error)}`);
    throw new ResponseError(ErrorCodes.InternalError, `${analyzeLogFailurePrefix}: ${error instanceof Error ? error.message : String(error)}`);
  } finally {
    progress.done();
  }
}

function checkedParams(params: AnalyzeLogParams): { text: string; folderUri: string | undefined } {
  const { text, folderUri } = (params ?? {}) as Partial<AnalyzeLogParams>;
  if (typeof text !== 'string') throw new ResponseError(ErrorCodes.InvalidParams, 'The request has no log text.');
  if (folderUri !== undefined && typeof folderUri !== 'string') throw new ResponseError(ErrorCodes.InvalidParams, 'folderUri must be a URI string.');
  if (text.length > maxLogLength) {
    throw new ResponseError(
      ErrorCodes.InvalidParams,
      `The log is ${megabytes(text.length)}; Deploy Doctor reads at most ${megabytes(maxLogLength)}. Analyse the part with the failing deploy (usually the end).`,
    );
  }
  return { text, folderUri };
}

/** Reads the text in chunks, reporting progress and stopping at the first chunk boundary after a cancellation. */
async function scan(text: string, token: CancellationToken, progress: WorkDoneProgressReporter): Promise<LogDiagnosis> {
  const scanner = createLogScanner();
  let reported = 0;
  for (let start = 0; start < text.length; ) {
    if (token.isCancellationRequested) throw cancelled();
    let end = Math.min(text.length, start + LOG_CHUNK_LENGTH);
    // Never split a surrogate pair between two chunks.
    if (end < text.length && isHighSurrogate(text.charCodeAt(end - 1))) end++;
    scanner.push(text.slice(start, end));
    start = end;
    const percentage = Math.floor((start / text.length) * 100);
    if (percentage > reported) {
      reported = percentage;
      progress.report(percentage, `${megabytes(start)} of ${megabytes(text.length)}`);
    }
    await new Promise<void>((resolve) => setImmediate(resolve));
  }
  if (token.isCancellationRequested) throw cancelled();
  return scanner.finish();
}

/** A linker failure costs the links, not the diagnosis. */
function link(deps: LogAnalysisDeps, files: ProjectFiles, diagnosis: LogDiagnosis): LogDiagnosis {
  try {
    return deps.engine.linkLog(files, diagnosis);
  } catch (error) {
    deps.connection.console.error(`Linking the deploy log to the project failed: ${describeError(error)}`);
    return diagnosis;
  }
}

/** The wire shape: titles, file URIs on locations, workspace edits on fixes, and the Markdown report. */
export function toResult(diagnosis: LogDiagnosis, files: FileResolver | undefined, folderUri: string | undefined): AnalyzeLogResult {
  const lines = files && new FileLines(files);
  const causes = diagnosis.causes.map((cause): AnalyzeLogCause => {
    const locations = cause.locations.flatMap((location): AnalyzeLogLocation[] => {
      const uri = files?.uri(location.file);
      return uri === undefined ? [] : [{ ...location, uri }];
    });
    const fixes = cause.fixes.map((fix): AnalyzeLogFix => {
      const edit = fix.edits?.length && files && lines ? toWorkspaceEdit(fix.edits, lines, files) : undefined;
      return edit ? { ...fix, edit } : fix;
    });
    return { ...cause, title: categoryTitle(cause.category), locations, fixes };
  });
  const symptoms = diagnosis.symptoms.map((symptom) => ({ ...symptom, title: symptomTitle(symptom.id) }));
  return {
    ...diagnosis,
    causes,
    symptoms,
    platformTitle: platformName(diagnosis.platform),
    ...(folderUri !== undefined ? { folderUri } : {}),
    reportMarkdown: formatLogReport(diagnosis),
  };
}

function cancelled(): ResponseError<void> {
  return new ResponseError(LSPErrorCodes.RequestCancelled, 'The analysis was cancelled.');
}

function isHighSurrogate(code: number): boolean {
  return code >= 0xd800 && code <= 0xdbff;
}

function megabytes(length: number): string {
  return `${(length / (1024 * 1024)).toFixed(1)} MB`;
}
