"""Operations: health and readiness probes, request ids in JSON logs, Prometheus metrics.

These are what a load balancer, a log pipeline and a monitoring system need to run several
copies of the site side by side (docs/operations.md). None of it touches the course content.
"""
