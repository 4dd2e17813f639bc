"""The MMDetection 2.x habit ``<work_dir>/latest.pth`` resolves through mmengine's pointer file."""

import pytest
import torch

from mmblog.utils import load_local_checkpoint, resolve_checkpoint


def test_latest_pth_follows_last_checkpoint(tmp_path):
    torch.save({'state_dict': {'w': torch.tensor([3.0])}}, tmp_path / 'epoch_2.pth')
    (tmp_path / 'last_checkpoint').write_text(str(tmp_path / 'epoch_2.pth'))
    assert resolve_checkpoint(str(tmp_path / 'latest.pth')) == str(tmp_path / 'epoch_2.pth')
    ckpt = load_local_checkpoint(str(tmp_path / 'latest.pth'))
    assert ckpt['state_dict']['w'].item() == 3.0


def test_moved_work_dir_resolves_next_to_the_pointer(tmp_path):
    torch.save({'state_dict': {}}, tmp_path / 'epoch_1.pth')
    (tmp_path / 'last_checkpoint').write_text('/elsewhere/work_dirs/x/epoch_1.pth')
    assert resolve_checkpoint(str(tmp_path / 'latest.pth')) == str(tmp_path / 'epoch_1.pth')


def test_real_latest_pth_wins_and_other_names_are_untouched(tmp_path):
    (tmp_path / 'latest.pth').write_bytes(b'')
    (tmp_path / 'last_checkpoint').write_text(str(tmp_path / 'epoch_9.pth'))
    assert resolve_checkpoint(str(tmp_path / 'latest.pth')) == str(tmp_path / 'latest.pth')
    assert resolve_checkpoint(str(tmp_path / 'best.pth')) == str(tmp_path / 'best.pth')


def test_dangling_pointer_is_one_line(tmp_path):
    (tmp_path / 'last_checkpoint').write_text(str(tmp_path / 'gone' / 'epoch_3.pth'))
    with pytest.raises(FileNotFoundError, match='last_checkpoint names .*epoch_3.pth'):
        resolve_checkpoint(str(tmp_path / 'latest.pth'))
