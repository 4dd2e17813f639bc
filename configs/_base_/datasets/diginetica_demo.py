# The generated DIGINETICA-format click log with planted themed Markov sessions, converted
# (python tools/misc/make_demo_data.py --only diginetica).
_base_ = ['./diginetica.py']
sessions = dict(data_root='data/demo/diginetica')
train_dataloader = dict(dataset=sessions)
val_dataloader = dict(dataset=sessions)
test_dataloader = dict(dataset=sessions)
