"""Manifests and pipelines that run mmblog beyond one machine (Kubernetes, Kubeflow).

The optional dependencies (kfp, kfp-kubernetes, kubeflow-trainer-api) are imported where used.
"""

from .k8s_job import JobSpec, pytorchjob, train_command, trainjob, validate_trainjob

__all__ = ['JobSpec', 'pytorchjob', 'train_command', 'trainjob', 'validate_trainjob']
