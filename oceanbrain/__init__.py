"""OceanBrain (海洋产业大脑): an ocean industry-chain knowledge graph for Qingdao."""

__version__ = "0.1.0"
