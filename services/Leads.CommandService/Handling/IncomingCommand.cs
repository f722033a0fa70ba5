using Leads.Domain.Commands;

namespace Leads.CommandService.Handling;

/// <summary>
/// A command as a caller sent it: the RPC, the domain command (raw input, validated by the domain), the revision the
/// caller last saw, its idempotency key and a fingerprint of every field, to tell a retry from a different command.
/// </summary>
public sealed record IncomingCommand(string Rpc, ILeadCommand Command, ulong? ExpectedRevision, string? CommandId, string Fingerprint)
{
    /// <summary>An empty command_id means "no idempotency key" (proto3 cannot tell empty from unset).</summary>
    public static string? KeyOrNull(string commandId) => string.IsNullOrEmpty(commandId) ? null : commandId;
}
