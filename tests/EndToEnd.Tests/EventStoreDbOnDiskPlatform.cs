using Leads.Testing;

namespace EndToEnd.Tests;

/// <summary>
/// The platform on an EventStoreDB node of its own that keeps its data on disk (in the platform's data directory), so
/// a test can stop or crash the node and start it again with every acknowledged event still there.
/// </summary>
public sealed class EventStoreDbOnDiskPlatform() : LeadPlatform(PlatformEventStore.EventStoreDb(onDisk: true))
{
    public EventStoreDbPlatformEventStore Node => (EventStoreDbPlatformEventStore)Store;
}
