"""CNN Lab's Qt interface: one module per panel, plus the shared state object."""
