namespace Leads.Testing;

/// <summary>A PostgreSQL server that gives each test a fresh database, or says why it cannot run here.</summary>
public interface IPostgresDatabases
{
    bool Available { get; }

    /// <summary>Why the server is not available (null when it is): tests skip with it.</summary>
    string? UnavailableReason { get; }

    /// <summary>A new, empty database; its Npgsql connection string.</summary>
    Task<string> CreateDatabaseAsync(string purpose, CancellationToken cancellationToken);
}
