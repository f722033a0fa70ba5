using Leads.Testing;

namespace EndToEnd.Tests;

/// <summary>The platform on a fresh in-memory EventStoreDB node of its own (skipped with the reason where none can start).</summary>
public sealed class EventStoreDbPlatform() : LeadPlatform(PlatformEventStore.EventStoreDb());
