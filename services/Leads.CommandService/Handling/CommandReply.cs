namespace Leads.CommandService.Handling;

/// <summary>
/// What a caller learns from a handled command: the lead's revision after it, the global position of its last event
/// (the consistency token for queries), whether it changed nothing, and whether it was re-decided on a newer state.
/// </summary>
public sealed record CommandReply(long LeadId, ulong Revision, ulong Position, bool NoOp, bool Rebased);
