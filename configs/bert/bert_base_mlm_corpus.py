# BERT-base masked-LM pre-training (Devlin et al. 2019) on a local corpus in BERT's text format
# with an uncased WordPiece vocab.txt (data/bert_corpus/{train,val}.txt, vocab.txt).
_base_ = [
    '../_base_/models/bert_base_mlm.py',
    '../_base_/datasets/text_corpus_mlm.py',
    '../_base_/schedules/bert_adamw_1m.py',
    '../_base_/default_runtime.py',
]

default_hooks = dict(checkpoint=dict(interval=100000, by_epoch=False, max_keep_ckpts=3))
log_processor = dict(by_epoch=False)
