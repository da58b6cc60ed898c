// @quartier/evaluation-core: pure evaluation methods — difference-in-differences, nearest-neighbour matching, balance, frozen-evidence hashing. No I/O, no framework.
