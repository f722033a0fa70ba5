namespace Leads.EventStore.Hosting;

public enum EventStoreKind
{
    Sqlite,
    EventStoreDb,
}
