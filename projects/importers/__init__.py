"""Importers of outside data into the program's records."""
