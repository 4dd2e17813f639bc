"""Set mmblog up as mmengine's default scope."""

import datetime
import warnings

from mmengine import DefaultScope


def register_all_modules(init_default_scope: bool = True) -> None:
    """Import every mmblog module that registers something and make ``mmblog`` the scope.

    Args:
        init_default_scope: Whether to make ``mmblog`` the current default scope, so that
            ``Registry.build`` looks in mmblog's registries first.
    """
    import mmblog.datasets  # noqa: F401
    import mmblog.engine  # noqa: F401
    import mmblog.evaluation  # noqa: F401
    import mmblog.models  # noqa: F401
    import mmblog.visualization  # noqa: F401

    if not init_default_scope:
        return
    never_created = (
        DefaultScope.get_current_instance() is None
        or not DefaultScope.check_instance_created('mmblog')
    )
    if never_created:
        DefaultScope.get_instance('mmblog', scope_name='mmblog')
        return
    current_scope = DefaultScope.get_current_instance()
    if current_scope.scope_name != 'mmblog':
        warnings.warn(
            f'The current default scope "{current_scope.scope_name}" is not "mmblog"; '
            '`register_all_modules` forces it to "mmblog".',
            stacklevel=2,
        )
        new_name = f'mmblog-{datetime.datetime.now()}'
        DefaultScope.get_instance(new_name, scope_name='mmblog')
