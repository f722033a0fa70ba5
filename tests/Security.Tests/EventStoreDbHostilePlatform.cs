using Leads.Testing;

namespace Leads.Security.Tests;

/// <summary>The hostile-input platform on EventStoreDB.</summary>
public sealed class EventStoreDbHostilePlatform() : HostilePlatform(PlatformEventStore.EventStoreDb());
