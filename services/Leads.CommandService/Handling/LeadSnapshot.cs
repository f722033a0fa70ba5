using Leads.Domain;
using Leads.EventStore;

namespace Leads.CommandService.Handling;

/// <summary>
/// What the command service remembers of a lead's stream between commands: the state folded up to
/// <see cref="Revision"/> and that event's position. It also keeps (as sorted hash codes, 4 bytes each) the
/// idempotency keys of events it read from the store rather than appended itself: such an event may lack its record
/// (another process stopped between the two appends), and a retry with its key must find it, so that retry reads the
/// whole stream. A hash collision only costs such a full read.
/// </summary>
public sealed record LeadSnapshot(LeadState State, ulong Revision, GlobalPosition Position, int[] ReadKeyHashes)
{
    public bool MayHoldEventsOf(string commandId) =>
        ReadKeyHashes.Length > 0 && Array.BinarySearch(ReadKeyHashes, KeyHash(commandId)) >= 0;

    public static int KeyHash(string commandId) => StringComparer.Ordinal.GetHashCode(commandId);
}
