using Leads.CommandService.Handling;

namespace Leads.CommandService.Tests;

/// <summary>What the stream of a handled idempotency key holds: its reservation, then its reply.</summary>
public static class KeyRecord
{
    public static IReadOnlyList<string> ReservedThenHandled { get; } = [CommandReserved.EventType, CommandHandled.EventType];
}
