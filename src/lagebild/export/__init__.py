"""Output formats: the JSON contract and PLOVER records (GDELT, CSV, GraphML follow)."""
from .contract import to_contract, validate
from .plover import to_plover

__all__ = ["to_contract", "to_plover", "validate"]
