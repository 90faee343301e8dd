import ts from 'typescript';
import { describe, expect, it } from 'vitest';

/** The root files and options of a tsconfig, as `tsc -p` reads them (globs expanded, `extends` applied). */
function parse(path: string): { files: string[]; options: ts.CompilerOptions } {
  const parsed = ts.getParsedCommandLineOfConfigFile(
    path,
    {},
    {
      ...ts.sys,
      onUnRecoverableConfigFileDiagnostic: (diagnostic) => {
        throw new Error(ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n'));
      },
    },
  );
  if (!parsed) throw new Error(`${path} could not be read`);
  expect(parsed.errors.map((error) => ts.flattenDiagnosticMessageText(error.messageText, '\n'))).toEqual([]);
  const { configFilePath: _path, ...options } = parsed.options;
  return { files: [...parsed.fileNames].sort(), options };
}

// `npm run typecheck` checks tsconfig.web.json and tsconfig.server.json side by side rather than tsconfig.json:
// a file only tsconfig.json named, or a half with weaker options, would pass unchecked.
describe('the two halves of npm run typecheck', () => {
  const full = parse('tsconfig.json');
  const web = parse('tsconfig.web.json');
  const server = parse('tsconfig.server.json');

  it('name every file of tsconfig.json, and each file once', () => {
    expect([...web.files, ...server.files].sort()).toEqual(full.files);
  });

  it('check with the options of tsconfig.json', () => {
    expect(web.options).toEqual(full.options);
    expect(server.options).toEqual(full.options);
  });
});
