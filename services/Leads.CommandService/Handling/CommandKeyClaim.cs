namespace Leads.CommandService.Handling;

/// <summary>What an idempotency key's stream holds: the command that reserved it, and its reply once handled.</summary>
public sealed record CommandKeyClaim(CommandReserved? Reserved, CommandHandled? Handled);
