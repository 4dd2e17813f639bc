from .inference_cls import inference_classifier, init_classifier  # noqa: F401
