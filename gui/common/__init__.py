"""Widgets every page paints with: colour maps, number grids, thumbnails, formatting, image I/O."""
