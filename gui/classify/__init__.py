"""Classify: draw or pick an image and read the trained network's probabilities."""
