"""`make bench`: search latency and web throughput on a generated directory (see README.md)."""
