# The paper's baseline at the demo's budget: the same model without Scene Graph Prediction
# (MLM + masked region prediction + ITM only).
_base_ = ['./ernie_vil_sgp_scenes_demo.py']

model = dict(tasks=dict(_delete_=True, mlm=1, mrp=1, itm=1))
