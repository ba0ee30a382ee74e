import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { FileIndex } from '../files';
import { absoluteImport, projectView, resolveModule } from './resolve';

const view = (...files: string[]) => projectView(new FileIndex(files));

describe('module resolution', () => {
  test('packages before modules, in sys.path order', () => {
    const v = view('app/__init__.py', 'app.py', 'lib/app.py');
    const r = resolveModule(v, ['', 'lib'], 'app');
    assert.equal(r.found && r.kind, 'package');
    const m = resolveModule(v, ['lib'], 'app');
    assert.equal(m.found && m.file, 'lib/app.py');
  });

  test('namespace packages and src layouts', () => {
    const v = view('src/pkg/main.py', 'src/pkg/sub/x.py');
    assert.equal(resolveModule(v, ['src'], 'pkg.sub.x').found, true);
    assert.deepEqual(resolveModule(v, [''], 'pkg.main'), { found: false, failedAt: 0, searched: [''], caseMatch: undefined });
  });

  test('a missing submodule fails at its component; a module is not a package', () => {
    const v = view('app/__init__.py', 'mod.py');
    const r = resolveModule(v, [''], 'app.main');
    assert.equal(!r.found && r.failedAt, 1);
    const m = resolveModule(v, [''], 'mod.x');
    assert.equal(!m.found && m.failedAt, 1);
  });

  test('case-only matches are found but reported', () => {
    const r = resolveModule(view('Backend/__init__.py'), [''], 'backend');
    assert.equal(r.found, false);
    assert.equal(!r.found && r.caseMatch, 'Backend');
  });

  test('a view rooted at a service folder sees nothing outside it', () => {
    const v = projectView(new FileIndex(['svc/main.py', 'src/config.py']), 'svc');
    assert.equal(resolveModule(v, [''], 'main').found, true);
    assert.equal(resolveModule(v, [''], 'src.config').found, false);
  });

  test('relative imports', () => {
    assert.equal(absoluteImport('pkg.sub.mod', false, 1, 'x'), 'pkg.sub.x');
    assert.equal(absoluteImport('pkg.sub', true, 1, 'x'), 'pkg.sub.x');
    assert.equal(absoluteImport('pkg.sub.mod', false, 2, ''), 'pkg');
    assert.equal(absoluteImport('mod', false, 2, 'x'), undefined);
  });
});
