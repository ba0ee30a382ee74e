import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import type { Grammars } from '../grammars';
import { nodeGrammars } from '../../node/grammars';
import { scanPython } from './source';

let g: Grammars;
before(async () => {
  g = await nodeGrammars();
});

describe('Python scanning', () => {
  test('imports with their scope', () => {
    const src = [
      'import os, backend.app as ba',
      'from . import views',
      'from ..core.config import Config',
      'try:',
      '    import ujson',
      'except ImportError:',
      '    ujson = None',
      'if os.environ.get("X"):',
      '    import extra',
      'def f():',
      '    import later',
      'if __name__ == "__main__":',
      '    import cli',
    ].join('\n');
    const py = scanPython(g.python, 'm.py', src);
    assert.deepEqual(
      py.imports.map((i) => [i.module, i.level, i.scope]),
      [
        ['os', 0, 'module'],
        ['backend.app', 0, 'module'],
        ['', 1, 'module'],
        ['core.config', 2, 'module'],
        ['ujson', 0, 'optional'],
        ['extra', 0, 'conditional'],
        ['later', 0, 'deferred'],
        ['cli', 0, 'main'],
      ],
    );
    assert.equal(src.slice(py.imports[1].moduleRange.start, py.imports[1].moduleRange.end), 'backend.app');
  });

  test('module-level bindings, app objects and factories', () => {
    const src = 'from flask import Flask\napp = Flask(__name__)\n\ndef create_app(config=None):\n    return Flask(__name__)\n\nclass Settings:\n    port = 1\n';
    const py = scanPython(g.python, 'm.py', src);
    assert.equal(py.bindings.get('app')?.callee, 'Flask');
    assert.equal(py.bindings.get('create_app')?.requiredParams, 0);
    assert.deepEqual(py.bindings.get('create_app')?.returns, ['Flask()']);
    assert.equal(py.bindings.get('Settings')?.kind, 'class');
    assert.equal(py.bindings.has('port'), false);
    assert.equal(py.openNamespace, false);
  });

  test('star imports and module __getattr__ open the namespace', () => {
    assert.equal(scanPython(g.python, 'm.py', 'from x import *\n').openNamespace, true);
    assert.equal(scanPython(g.python, 'm.py', 'def __getattr__(n):\n    pass\n').openNamespace, true);
  });

  test('environment reads and run calls', () => {
    const src = 'import os\nPORT = int(os.environ.get("PORT", 8000))\nKEY = os.environ["SECRET_KEY"]\nif __name__ == "__main__":\n    app.run(host="127.0.0.1", port=PORT)\n';
    const py = scanPython(g.python, 'm.py', src);
    assert.deepEqual(py.envReads.map((r) => [r.name, r.hasDefault]), [
      ['PORT', true],
      ['SECRET_KEY', false],
    ]);
    const run = py.runCalls[0];
    assert.equal(run.callee, 'app.run');
    assert.equal(run.inMainGuard, true);
    assert.deepEqual(run.host, { kind: 'literal', value: '127.0.0.1', range: run.host!.range, quoted: true });
    assert.equal(run.port?.kind, 'other');
  });

  test('each environment read once, wherever the expression is', () => {
    const src = [
      'import os',
      'if os.environ.get("A"):',
      '    pass',
      'elif os.getenv("B"):',
      '    pass',
      'for x in y:',
      '    pass',
      'else:',
      '    C = os.getenv("C")',
      'handler = lambda: os.getenv("LATER")',
      'if __name__ == "__main__":',
      '    app.run(port=int(os.environ.get("PORT", 5000)))',
      'else:',
      '    import wsgi_only',
      'match os.name:',
      '    case "nt":',
      '        import win_only',
    ].join('\n');
    const py = scanPython(g.python, 'm.py', src);
    assert.deepEqual(py.envReads.map((r) => r.name), ['A', 'B', 'C', 'PORT']);
    const run = py.runCalls[0];
    assert.equal(run.inMainGuard, true);
    assert.deepEqual(run.port?.kind === 'env' && run.port.names, ['PORT']);
    assert.deepEqual(py.imports.map((i) => [i.module, i.scope]), [['os', 'module'], ['wsgi_only', 'conditional'], ['win_only', 'conditional']]);
  });

  test('syntax errors are reported, binary-ish text does not crash', () => {
    assert.equal(scanPython(g.python, 'm.py', 'def (:\n').hasSyntaxError, true);
    assert.ok(scanPython(g.python, 'm.py', '\u0000\u0001\uffff'.repeat(1000)));
  });
});
