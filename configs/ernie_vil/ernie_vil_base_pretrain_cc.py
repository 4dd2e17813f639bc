# ERNIE-ViL base pre-training as the paper (Conceptual Captions; the reference adds SBU): captions
# as jsonl ({"image_id", "caption"}) and 10-36 bottom-up region features per image in ViLBERT's
# LMDB layout under data/cc/; 3 epochs-equivalent of Adam 1e-4 at batch 512 (iteration-based).
_base_ = [
    '../_base_/models/ernie_vil_base.py',
    '../_base_/datasets/ernie_vil_scenes_demo.py',
    '../_base_/schedules/adam_iters.py',
]

data_root = 'data/cc/'
tokenizer = dict(type='WordPieceTokenizer', vocab_file='vocab.txt', extra_special_tokens=['[IMG]'])
train_dataloader = dict(
    batch_size=512,
    dataset=dict(data_root=data_root, tokenizer=tokenizer, feature_file='feats_train.lmdb'),
)
val_dataloader = dict(
    dataset=dict(data_root=data_root, tokenizer=tokenizer, feature_file='feats_val.lmdb')
)
test_dataloader = val_dataloader
train_cfg = dict(max_iters=60000, val_interval=10000)
