using Leads.Testing;

namespace Leads.Security.Tests;

/// <summary>The hostile-input platform on SQLite.</summary>
public sealed class SqliteHostilePlatform() : HostilePlatform(PlatformEventStore.Sqlite());
