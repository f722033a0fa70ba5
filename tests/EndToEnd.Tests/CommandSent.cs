using Grpc.Core;
using Leads.Contracts.V1;

namespace EndToEnd.Tests;

/// <summary>One command a writer sent and what came back: the reply, or the status it failed with.</summary>
public sealed record CommandSent(string CommandId, long LeadId, string Name, DateTimeOffset At, LeadCommandReply? Reply, StatusCode? Failure, string? Detail)
{
    public bool Acknowledged => Reply is not null;
}
