# CPU demo of ERNIE-ViL pre-training (SGP + MLM + masked region prediction + ITM) on the generated
# scenes with ground-truth-box features; the val metric is the cloze test (top-1 / top-5 for
# objects, attributes and relations of held-out scenes).
_base_ = [
    '../_base_/models/ernie_vil_demo.py',
    '../_base_/datasets/ernie_vil_scenes_demo.py',
    '../_base_/schedules/ernie_vil_demo.py',
]
