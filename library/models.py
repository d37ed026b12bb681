"""The resource library: publications with their type, year, publisher, licence and themes."""
