"""MO0: files. MO001-MO005 and MO007 are found by the reader and the models."""
