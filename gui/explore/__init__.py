"""Explore a layer: the picture, the feature detectors, the controls and every stage live."""
