namespace Leads.CommandService.Tests;

/// <summary>The command service on EventStoreDB, shared by the EventStoreDB variants of the idempotency and concurrency tests.</summary>
[CollectionDefinition(Name)]
public sealed class EventStoreDbCommandServiceCollection : ICollectionFixture<EventStoreDbCommandServiceFixture>
{
    public const string Name = "command service on eventstoredb";
}
