namespace Leads.CommandService.Storage;

public enum EventStoreKind
{
    Sqlite,
    EventStoreDb,
}
