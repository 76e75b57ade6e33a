"""Console views: thin functions that check permissions and call :mod:`bot.tickets` actions."""
