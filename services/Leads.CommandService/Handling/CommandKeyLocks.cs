namespace Leads.CommandService.Handling;

/// <summary>
/// One command at a time per idempotency key within this process. Without it, copies of a new key sent at once to
/// different leads each passed the "key not used yet" check under their own lead's lock, each appended its events,
/// and only then found the key taken: refused, but written. Held around the whole check-decide-append-record, and
/// always taken before the lead's lock, so two commands never wait for each other in opposite orders.
/// Across command-service processes the store decides instead: the key's reservation (<see cref="CommandLog.ReserveAsync"/>).
/// </summary>
public sealed class CommandKeyLocks : KeyedWriteLocks<string>
{
}
