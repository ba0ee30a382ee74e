/** ANSI colours for the text report, only when a person is looking at a terminal that wants them. */

export interface Style {
  readonly enabled: boolean;
  red(s: string): string;
  yellow(s: string): string;
  blue(s: string): string;
  green(s: string): string;
  dim(s: string): string;
  bold(s: string): string;
}

/** Colours are on when stdout is a terminal, NO_COLOR is unset or empty (https://no-color.org) and --no-color was not given. */
export function shouldColor(stdoutIsTTY: boolean, env: Readonly<Record<string, string | undefined>>, noColorFlag: boolean): boolean {
  return stdoutIsTTY && !noColorFlag && !env.NO_COLOR;
}

export function createStyle(enabled: boolean): Style {
  const wrap =
    (open: number, close: number) =>
    (s: string): string =>
      enabled && s ? `\u001b[${open}m${s}\u001b[${close}m` : s;
  return {
    enabled,
    red: wrap(31, 39),
    yellow: wrap(33, 39),
    blue: wrap(34, 39),
    green: wrap(32, 39),
    dim: wrap(2, 22),
    bold: wrap(1, 22),
  };
}
