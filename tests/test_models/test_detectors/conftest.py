"""One torch thread for the in-process detector tests: on a shared 2-core machine two threads
per process oversubscribe the cores and these tests run ~10x slower."""

import pytest
import torch


@pytest.fixture(autouse=True)
def _one_thread():
    before = torch.get_num_threads()
    torch.set_num_threads(1)
    yield
    torch.set_num_threads(before)
