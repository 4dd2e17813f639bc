# ERNIE-ViL retrieval fine-tuning as the paper: every (caption, image) pair of the batch is a
# positive, scored against K mismatched pairs (the caption with other images of the batch) by
# the matching score s = sigmoid(match logit - no-match logit), trained with circle loss
# (ERNIE-ViL's Flickr30K setting m 0.3, gamma 32; the paper uses 20 negatives, the CPU demo 7 on
# batches of 8 captions = 64 scored pairs per step). Everything else as the ITM demo; add
# load_from=CKPT to start from a pre-trained model. R@1 / R@5: tools/analysis_tools/
# ernie_vil_retrieval.py.
_base_ = ['./ernie_vil_itm_scenes_demo.py']

model = dict(
    retrieval_loss='circle',
    retrieval_negatives=7,
    retrieval_negative_side='image',
    circle_loss=dict(type='CircleLoss', margin=0.3, gamma=32.0),
)
train_dataloader = dict(batch_size=8)
