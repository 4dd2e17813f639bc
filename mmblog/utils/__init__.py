from .checkpoint import load_trusted_local_checkpoint, patch_local_checkpoint_loader
from .cli import ToolUsageError, run_cli
from .config_utils import CfgOptionsError, check_cfg_options, merge_cfg_options
from .data_check import DataFormatError, MissingDataError, require_path
from .dist_utils import setup_cpu_distributed, teardown_distributed
from .setup_env import register_all_modules

__all__ = [
    'CfgOptionsError',
    'DataFormatError',
    'MissingDataError',
    'check_cfg_options',
    'load_trusted_local_checkpoint',
    'merge_cfg_options',
    'patch_local_checkpoint_loader',
    'register_all_modules',
    'require_path',
    'run_cli',
    'ToolUsageError',
    'setup_cpu_distributed',
    'teardown_distributed',
]
