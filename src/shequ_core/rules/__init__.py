"""Pure rule functions: data, policy and calendar in; typed results and findings out."""

__all__: list[str] = []
