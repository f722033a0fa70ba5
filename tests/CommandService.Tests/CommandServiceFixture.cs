using Leads.Testing;

namespace Leads.CommandService.Tests;

/// <summary>
/// One command service process over a fresh data directory and a fresh event store (SQLite in that directory here; a
/// real EventStoreDB node of its own in <see cref="EventStoreDbCommandServiceFixture"/>), shared by the tests of a
/// collection. Tests take it through <see cref="Running"/>, which skips with the reason when the store cannot run here.
/// </summary>
public class CommandServiceFixture : IAsyncLifetime
{
    private readonly TempDirectory _data = new();
    private readonly PlatformEventStore _store;
    private long _lastLeadId;

    public CommandServiceFixture()
        : this(PlatformEventStore.Sqlite())
    {
    }

    protected CommandServiceFixture(PlatformEventStore store) => _store = store;

    public CommandServiceProcess Service { get; private set; } = null!;

    public Contracts.V1.LeadCommands.LeadCommandsClient Client => Service.Client;

    /// <summary>A lead id no other test of this service uses.</summary>
    public long NewLeadId() => Interlocked.Increment(ref _lastLeadId);

    public StoreInspector OpenStore() => StoreInspector.Of(_store);

    /// <summary>This fixture, or a skip with the reason when its event store cannot run here (never a pass).</summary>
    public CommandServiceFixture Running()
    {
        if (_store.SkipReason is { } reason)
        {
            Assert.Skip(reason);
        }

        return this;
    }

    public async ValueTask InitializeAsync()
    {
        await _store.StartAsync(_data.Path, TestContext.Current.CancellationToken);
        if (_store.SkipReason is null)
        {
            Service = await CommandServiceProcess.StartAsync(
                _data.Path, TestContext.Current.CancellationToken, [.. _store.Settings.SelectMany(s => new[] { "--" + s.Key, s.Value })]);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (Service is not null)
        {
            await Service.DisposeAsync();
        }

        await _store.DisposeAsync();
        _data.Dispose();
        GC.SuppressFinalize(this);
    }
}

/// <summary>Tests that share one running service; they run one after another, so store-wide checks hold.</summary>
[CollectionDefinition(Name)]
public sealed class CommandServiceCollection : ICollectionFixture<CommandServiceFixture>
{
    public const string Name = "command service";
}
