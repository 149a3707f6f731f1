"""The adversarial sweep: bad and hostile inputs beyond the catalogue, each run as a user meets it, every promise
of the README checked (`python -m tests.sweep.run`; the table is in RELIABILITY.md)."""
