"""The officer console: staff accounts, queues, the ticket page, reports and the deadline scheduler.

Views are thin: they check who is asking (:mod:`desk.permissions`) and call :mod:`bot.tickets` actions."""
