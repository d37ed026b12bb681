"""Live events: workshops and debates, registration with a waiting list, calendar files."""
