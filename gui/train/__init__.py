"""Train a network: data sources, architecture, the training job, curves and confusion matrix."""
