namespace Leads.CommandService.Tests;

/// <summary>One command service process over a fresh data directory, shared by the tests of a collection.</summary>
public sealed class CommandServiceFixture : IAsyncLifetime
{
    private readonly TempDirectory _data = new();
    private long _lastLeadId;

    public ServiceProcess Service { get; private set; } = null!;

    public Contracts.V1.LeadCommands.LeadCommandsClient Client => Service.Client;

    /// <summary>A lead id no other test of this service uses.</summary>
    public long NewLeadId() => Interlocked.Increment(ref _lastLeadId);

    public StoreInspector OpenStore() => new(Service.StorePath);

    public async ValueTask InitializeAsync() =>
        Service = await ServiceProcess.StartAsync(_data.Path, TestContext.Current.CancellationToken);

    public async ValueTask DisposeAsync()
    {
        if (Service is not null)
        {
            await Service.DisposeAsync();
        }

        _data.Dispose();
    }
}

/// <summary>Tests that share one running service; they run one after another, so store-wide checks hold.</summary>
[CollectionDefinition(Name)]
public sealed class CommandServiceCollection : ICollectionFixture<CommandServiceFixture>
{
    public const string Name = "command service";
}
