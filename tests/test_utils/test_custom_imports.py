"""custom_imports in the tools: one-line errors, user modules found in the current directory."""

import sys

import pytest
from mmengine.config import Config

from mmblog.utils import CustomImportError, import_custom_modules
from tests.conftest import run_tool


def _cfg(imports):
    return Config(dict(custom_imports=dict(imports=imports, allow_failed_imports=False)))


@pytest.mark.parametrize(
    'entry, module',
    [('projects/augfpn/augfpn.py', 'projects.augfpn.augfpn'), ('augfpn.py', 'augfpn')],
)
def test_py_suffix_is_one_line_naming_the_module_path(entry, module):
    with pytest.raises(CustomImportError) as err:
        import_custom_modules(_cfg([entry]), 'cfg.py')
    msg = str(err.value)
    assert '\n' not in msg and f"write the module path '{module}'" in msg and 'cfg.py' in msg


def test_missing_module_names_the_entry_and_the_cwd(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    with pytest.raises(CustomImportError, match=f"'no_such_user_mod'.*{tmp_path}"):
        import_custom_modules(_cfg(['no_such_user_mod']), 'cfg.py')


def test_train_tool_imports_a_user_module_from_the_cwd(tmp_path, repo_root, mnist_demo_config):
    # the user's module sits in the directory they run the tool from, not on PYTHONPATH
    (tmp_path / 'my_cwd_hook.py').write_text(
        'from mmengine.hooks import Hook\n'
        'from mmblog.registry import HOOKS\n\n\n'
        '@HOOKS.register_module()\n'
        'class CwdMarkerHook(Hook):\n'
        '    def before_train(self, runner):\n'
        "        print('CWD-MARKER-HOOK-RAN')\n"
    )
    cfg = tmp_path / 'cfg.py'
    cfg.write_text(
        f"_base_ = ['{mnist_demo_config}']\n"
        "custom_imports = dict(imports=['my_cwd_hook'], allow_failed_imports=False)\n"
        "custom_hooks = [dict(type='CwdMarkerHook')]\n"
        'train_cfg = dict(max_epochs=1)\n'
    )
    proc = run_tool(repo_root / 'tools/train.py', cfg, '--work-dir', tmp_path / 'w', cwd=tmp_path)
    assert 'CWD-MARKER-HOOK-RAN' in proc.stdout + proc.stderr
    assert 'my_cwd_hook' not in sys.modules  # it was imported by the tool, not by this test


def test_train_tool_py_suffix_error_is_one_line(tmp_path, repo_root, mnist_demo_config):
    cfg = tmp_path / 'cfg.py'
    cfg.write_text(
        f"_base_ = ['{mnist_demo_config}']\n"
        "custom_imports = dict(imports=['my_neck.py'], allow_failed_imports=False)\n"
    )
    proc = run_tool(repo_root / 'tools/train.py', cfg, cwd=tmp_path, check=False)
    assert proc.returncode == 2
    # (libraries may print deprecation warnings before it; the error itself is one line)
    assert 'Traceback' not in proc.stderr
    assert proc.stderr.strip().splitlines()[-1:] == [
        f"train.py: error: {cfg}: custom_imports entry 'my_neck.py' is a file name; write the "
        "module path 'my_neck' (dots, no .py suffix)"
    ]
