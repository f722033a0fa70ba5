using Leads.Testing;

namespace Leads.CommandService.Tests;

/// <summary>The command service on a fresh in-memory EventStoreDB node of its own (skipped with the reason where none can start).</summary>
public sealed class EventStoreDbCommandServiceFixture() : CommandServiceFixture(PlatformEventStore.EventStoreDb());
