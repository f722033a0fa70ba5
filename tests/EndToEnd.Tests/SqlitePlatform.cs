using Leads.Testing;

namespace EndToEnd.Tests;

/// <summary>The platform on the embedded event store, a SQLite file in its data directory.</summary>
public sealed class SqlitePlatform() : LeadPlatform(PlatformEventStore.Sqlite());
