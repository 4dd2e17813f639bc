# IGMC on MovieLens-100K u1 (paper RMSE 0.905), the reference's schedule.
_base_ = [
    '../_base_/models/igmc.py',
    '../_base_/datasets/movielens_100k.py',
    '../_base_/schedules/igmc_adam_80e.py',
]
