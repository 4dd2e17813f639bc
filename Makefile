# The two commands of the README: `make demo` and `make test`. Both build .venv from the project's
# own requirement files, so they work on a fresh machine with nothing installed by hand.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
PYTEST_WORKERS ?= 2
LINT_PATHS := $(wildcard mmblog tools demo tests configs)

.PHONY: install demo demo-data demo-mnist demo-detection demo-generative test lint format clean

$(STAMP): requirements.txt requirements/runtime.txt requirements/tests.txt requirements/optional.txt setup.py
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --upgrade pip
	$(PY) -m pip install -r requirements.txt
	$(PY) -m pip install --no-deps --no-build-isolation -e .
	touch $(STAMP)

install: $(STAMP)

demo-data: $(STAMP)
	$(PY) tools/misc/make_demo_data.py --out data/demo

# The default demo: the foundation's MNIST softmax regression and the Faster R-CNN walkthrough.
demo: demo-mnist demo-detection

demo-mnist: demo-data
	$(PY) tools/train.py configs/mnist/softmax_regression_mnist_demo.py --work-dir work_dirs/mnist_demo
	$(PY) tools/test.py configs/mnist/softmax_regression_mnist_demo.py work_dirs/mnist_demo/epoch_5.pth \
		--work-dir work_dirs/mnist_demo --out work_dirs/mnist_demo/predictions.pkl \
		--show-dir work_dirs/mnist_demo/vis
	$(PY) tools/analysis_tools/analyze_logs.py plot_curve work_dirs/mnist_demo \
		--keys loss accuracy/top1 --out work_dirs/mnist_demo/curves.png

FRCNN_DEMO := configs/faster_rcnn/faster_rcnn_r50_fpn_1x_coco_demo.py
demo-detection: demo-data
	$(PY) tools/train.py $(FRCNN_DEMO) --work-dir work_dirs/faster_rcnn_demo
	$(PY) tools/test.py $(FRCNN_DEMO) work_dirs/faster_rcnn_demo/epoch_20.pth \
		--work-dir work_dirs/faster_rcnn_demo --out work_dirs/faster_rcnn_demo/predictions.pkl \
		--show-dir work_dirs/faster_rcnn_demo/vis
	$(PY) demo/image_demo.py data/demo/shapes/val/val_0000.jpg $(FRCNN_DEMO) \
		work_dirs/faster_rcnn_demo/epoch_20.pth --out-file work_dirs/faster_rcnn_demo/image_demo.jpg

lint: $(STAMP)
	$(VENV)/bin/ruff check $(LINT_PATHS)
	$(VENV)/bin/ruff format --check $(LINT_PATHS)

format: $(STAMP)
	$(VENV)/bin/ruff check --fix $(LINT_PATHS)
	$(VENV)/bin/ruff format $(LINT_PATHS)

test: $(STAMP)
	$(VENV)/bin/ruff check $(LINT_PATHS)
	$(PY) -m pytest -n $(PYTEST_WORKERS) --durations=15 tests

clean:
	rm -rf $(VENV) work_dirs

# Text foundation: masked-LM demo on the generated corpus (train, test, fill-mask picture).
.PHONY: demo-text
BERT_DEMO := configs/bert/bert_tiny_mlm_demo.py
demo-text: $(STAMP)
	$(PY) tools/misc/make_demo_data.py --out data/demo --only text_corpus
	$(PY) tools/train.py $(BERT_DEMO) --work-dir work_dirs/bert_tiny_mlm_demo
	$(PY) tools/test.py $(BERT_DEMO) work_dirs/bert_tiny_mlm_demo/iter_1200.pth --work-dir work_dirs/bert_tiny_mlm_demo
	$(PY) demo/fill_mask_demo.py $(BERT_DEMO) work_dirs/bert_tiny_mlm_demo/iter_1200.pth \
		"we count six seven [MASK] nine" --out-file work_dirs/bert_tiny_mlm_demo/fill_mask.png
