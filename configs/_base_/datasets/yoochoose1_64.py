# YOOCHOOSE 1/64 (RecSys Challenge 2015) converted by tools/dataset_converters/yoochoose.py: the
# most recent 1/64 of the training pairs (10% held out as val), test = the last day.
_base_ = ['./diginetica.py']
sessions = dict(data_root='data/yoochoose/yoochoose1_64')
train_dataloader = dict(dataset=sessions)
val_dataloader = dict(dataset=sessions)
test_dataloader = dict(dataset=sessions)
