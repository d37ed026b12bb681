from celery import shared_task

from insights.refresh import rollups_refresh


@shared_task(ignore_result=True)
def insights_refresh():
    """Rebuild the insights rollups (beat entry "insights-refresh", and after deletions)."""
    rollups_refresh()
