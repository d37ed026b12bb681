"""Pages outside the page tree: the experts and the themes of the course."""
