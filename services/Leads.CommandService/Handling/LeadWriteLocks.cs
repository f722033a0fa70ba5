namespace Leads.CommandService.Handling;

/// <summary>
/// One writer at a time per lead within this process: commands on the same lead queue instead of racing each other
/// through the store (which would make most of them lose and retry). Writers in other processes are still handled by
/// the expected-revision append and its retry loop.
/// </summary>
public sealed class LeadWriteLocks : KeyedWriteLocks<long>
{
}
