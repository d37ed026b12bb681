"""The accounts app's views, one module per concern."""
