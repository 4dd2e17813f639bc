from .formatting import PackClsInputs
from .pack_codes import PackCodeInputs

__all__ = ['PackClsInputs', 'PackCodeInputs']
