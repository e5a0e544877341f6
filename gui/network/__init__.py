"""The Network page: every layer of the trained network for one image, and any unit's
arithmetic (:mod:`gui.network.page`)."""
