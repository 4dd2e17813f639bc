# RTE ablation: the same HGT without relative temporal encoding.
_base_ = ['./hgt_ogbn_mag_demo.py']
model = dict(backbone=dict(use_rte=False))
