namespace Leads.EventStore.EventStoreDb.Tests.RealServer;

/// <summary>One real server (or one skip reason) shared by every test class that needs it.</summary>
[CollectionDefinition(Name)]
public sealed class EventStoreDbServerCollection : ICollectionFixture<EventStoreDbServerFixture>
{
    public const string Name = "EventStoreDB server";
}
