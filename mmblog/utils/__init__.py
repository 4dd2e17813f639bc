from .checkpoint import (
    CheckpointMismatchError,
    UnsafeCheckpointError,
    check_checkpoint_covers,
    describe_missing,
    install_checkpoint_loader,
    load_local_checkpoint,
    resolve_checkpoint,
)
from .cli import (
    ToolUsageError,
    add_runner_args,
    add_trust_checkpoint_arg,
    parse_runner_args,
    prepare_tool,
    run_cli,
)
from .config_utils import (
    CfgOptionsError,
    CustomImportError,
    check_cfg_options,
    import_custom_modules,
    load_tool_config,
    merge_cfg_options,
    quiet_repeat_run,
)
from .data_check import DataFormatError, MissingDataError, require_path
from .dist_utils import (
    restart_count,
    restarted_with_checkpoint,
    setup_cpu_distributed,
    slurm_env_to_torch_env,
    teardown_distributed,
)
from .legacy_config import LegacyConfigError, check_legacy_config, write_upgraded_config
from .setup_env import register_all_modules

__all__ = [
    'CfgOptionsError',
    'DataFormatError',
    'add_runner_args',
    'load_tool_config',
    'parse_runner_args',
    'prepare_tool',
    'add_trust_checkpoint_arg',
    'CheckpointMismatchError',
    'UnsafeCheckpointError',
    'check_checkpoint_covers',
    'describe_missing',
    'install_checkpoint_loader',
    'load_local_checkpoint',
    'resolve_checkpoint',
    'MissingDataError',
    'check_cfg_options',
    'CustomImportError',
    'import_custom_modules',
    'merge_cfg_options',
    'quiet_repeat_run',
    'register_all_modules',
    'require_path',
    'run_cli',
    'ToolUsageError',
    'setup_cpu_distributed',
    'teardown_distributed',
    'restart_count',
    'restarted_with_checkpoint',
    'slurm_env_to_torch_env',
    'LegacyConfigError',
    'check_legacy_config',
    'write_upgraded_config',
]
