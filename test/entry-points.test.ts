/**
 * Console scripts a project declares (server/src/core/analysis/entryPoints.ts): the object
 * references pip's wrappers call, read from pyproject.toml tables (config.test.ts covers the
 * tables) and from a setup.py's `entry_points` without running it. The rule fixture
 * test/fixtures/global-rebinding/console_entry shows what the analysis makes of them.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { collect } from '../server/src/core/analysis/collect';
import { entryPointsTxt, objectReference, setupCfgEntryPoints, setupScripts } from '../server/src/core/analysis/entryPoints';
import { createParser } from '../server/src/core/parser';

describe('object references', () => {
  test('module:attr, dotted on both sides, extras and spaces dropped', () => {
    assert.equal(objectReference('pkg.cli:main'), 'pkg.cli:main');
    assert.equal(objectReference(' pkg.cli : Tool.run  [fast, slow] '), 'pkg.cli:Tool.run');
    assert.equal(objectReference('pkg . cli:main'), 'pkg.cli:main');
  });

  test('not a reference: a module alone, a path, a call, an empty side', () => {
    for (const bad of ['pkg.cli', 'pkg/cli.py:main', 'pkg.cli:main()', ':main', 'pkg.cli:', '1pkg:main', 'pkg.cli:main extra']) {
      assert.equal(objectReference(bad), null, bad);
    }
  });

  test('setup.py groups: the name = reference entries, each once', () => {
    assert.deepEqual(setupScripts(['"a = pkg.cli:main"', "'b=pkg.cli:main'", '"c = pkg.tool:Tool.run [x]"', '"not an entry"']), ['pkg.cli:main', 'pkg.tool:Tool.run']);
  });
});

describe('setup.cfg', () => {
  test('setuptools and pbr sections, continuation lines, a value on the key line, comments; other groups and sections left out', () => {
    const text = [
      '[metadata]',
      'name = tool',
      'console_scripts = not.this:section',
      '',
      '[options.entry_points]',
      'console_scripts =',
      '    tool = tool.cli:main',
      '    # a comment',
      '',
      '    tool-sync = tool.cli:Sync.run [fast]',
      'gui_scripts = tool-gui = tool.gui:start',
      'paste.app_factory =',
      '    main = tool.web:make_app',
      '[entry_points]',
      'wsgi_scripts =',
      '	tool-wsgi = tool.server.wsgi:initialize_application',
      '[other]',
      '    tool-x = tool.x:main',
    ].join('\r\n');
    assert.deepEqual(setupCfgEntryPoints(text), {
      console: ['tool.cli:main', 'tool.cli:Sync.run', 'tool.gui:start'],
      wsgi: ['tool.server.wsgi:initialize_application'],
    });
  });
});

describe('entry_points.txt', () => {
  test('console_scripts, gui_scripts and wsgi_scripts sections; other groups, comments and malformed lines left out', () => {
    const text = '[console_scripts]\r\nkeystone-manage = keystone.cmd.manage:main\r\n# old = keystone.old:main\r\nbroken line\r\n\r\n[keystone.auth.password]\r\ndefault = keystone.auth.plugins.password:Password\r\n[wsgi_scripts]\r\nkeystone-wsgi-public = keystone.server.wsgi:initialize_public_application\r\n[gui_scripts]\r\nviewer = keystone.gui:main [qt]\r\n';
    assert.deepEqual(entryPointsTxt(text), {
      console: ['keystone.cmd.manage:main', 'keystone.gui:main'],
      wsgi: ['keystone.server.wsgi:initialize_public_application'],
    });
  });

  test('the hooks oslo.config and oslo.policy tools load are command-line roots; other plugin groups are not', () => {
    const text = [
      '[oslo.config.opts]',
      'placement.conf = placement.conf.opts:list_opts',
      '[oslo.config.opts.defaults]',
      'placement.conf = placement.conf.base:set_lib_defaults',
      '[oslo.policy.enforcer]',
      'placement = placement.policy:get_enforcer',
      '[oslo.policy.policies]',
      'placement = placement.policies:list_rules',
      '[oslo.messaging.drivers]',
      'rabbit = oslo_messaging._drivers.impl_rabbit:RabbitDriver',
      '[paste.app_factory]',
      'main = placement.deploy:app_factory',
    ].join('\n');
    assert.deepEqual(entryPointsTxt(text), {
      console: ['placement.conf.opts:list_opts', 'placement.conf.base:set_lib_defaults', 'placement.policy:get_enforcer', 'placement.policies:list_rules'],
      wsgi: [],
    });
  });
});

describe('setup.py', () => {
  async function scriptsOf(source: string, path = '/proj/setup.py', module = 'setup'): Promise<string[] | undefined> {
    const parser = await createParser();
    const tree = parser.parse(source)!;
    try {
      return collect(tree, { path, module, isPackage: false, source }, { lockFactories: [], threadSafeTypes: [] }).consoleScripts;
    } finally {
      tree.delete();
    }
  }

  test('the entry_points of setup(): a dict, gui_scripts too, not other groups', async () => {
    const source = [
      'from setuptools import setup',
      'setup(',
      '    entry_points={',
      '        "console_scripts": ["tool = pkg.cli:main", "tool-sync = pkg.cli:Sync.run [fast]"],',
      '        "gui_scripts": ("tool-gui = pkg.gui:start",),',
      '        "wsgi_scripts": ["tool-web = pkg.web:application"],',
      '        "paste.app_factory": ["main = pkg.web:make_app"],',
      '    },',
      ')',
      '',
    ].join('\n');
    assert.deepEqual((await scriptsOf(source))?.sort(), ['pkg.cli:Sync.run', 'pkg.cli:main', 'pkg.gui:start']);
  });

  test('dict(console_scripts=...), a module-level name, setuptools.setup under the main guard', async () => {
    const source = [
      'import setuptools',
      'ENTRY_POINTS = dict(console_scripts=["other = pkg.other:main"])',
      'if __name__ == "__main__":',
      '    setuptools.setup(name="x", entry_points=ENTRY_POINTS)',
      '',
    ].join('\n');
    assert.deepEqual(await scriptsOf(source), ['pkg.other:main']);
  });

  test('the INI form in one string, comment lines and other sections left out', async () => {
    const source = [
      'from setuptools import setup',
      'setup(entry_points="""',
      '[console_scripts]',
      'ini-tool = pkg.ini:main [extra]',
      '# old-tool = pkg.old:main',
      'ini-two = pkg.ini:two',
      '[paste.app_factory]',
      'main = pkg.web:make_app',
      '""")',
      '',
    ].join('\n');
    assert.deepEqual(await scriptsOf(source), ['pkg.ini:main', 'pkg.ini:two']);
    assert.deepEqual(await scriptsOf('from setuptools import setup\nsetup(entry_points="[gui_scripts]\\nline = pkg.line:main\\n[wsgi_scripts]\\nweb = pkg.web:app")\n'), ['pkg.line:main']);
  });

  test('not a dict outside setup(), nor a setup.py inside a package (a template), nor another file', async () => {
    assert.equal(await scriptsOf('from setuptools import setup\nTOOLS = {"console_scripts": ["tool = pkg.cli:main"]}\nsetup(name="x")\n'), undefined);
    assert.equal(await scriptsOf('setup(entry_points={"console_scripts": ["tool = pkg.cli:main"]})\n', '/proj/pkg/templates/setup.py', 'pkg.templates.setup'), undefined);
    assert.equal(await scriptsOf('setup(entry_points={"console_scripts": ["tool = pkg.cli:main"]})\n', '/proj/pkg/conf.py', 'pkg.conf'), undefined);
  });
});
