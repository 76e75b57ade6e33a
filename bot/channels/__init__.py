"""Channel adapters: each turns its traffic into :class:`bot.messages.Inbound` and renders
:class:`bot.messages.Outbound`. Nothing outside this package imports a channel library."""
