using Leads.Domain;
using Leads.Domain.Events;
using Leads.EventStore;
using Leads.Privacy;
using Leads.Privacy.Sqlite;
using Leads.Testing;
using Leads.Views;
using Projections.Tests.Support;

namespace Projections.Tests.Runtime;

/// <summary>
/// Crypto-shredding under the view projector: events are stored sealed, and once the lead's key is deleted a replay
/// (a fresh projector, a reset) rebuilds the view without the personal data, with or without LeadForgotten.
/// </summary>
public sealed class ErasureReplayTests : IAsyncDisposable
{
    private readonly ProjectorRig _rig = new();
    private readonly LeadEventCodec _codec;

    public ErasureReplayTests()
    {
        _codec = new LeadEventCodec(new SqliteLeadKeyStore(_rig.Directory.File("keys.db")));
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private async Task AppendSealedAsync(params ILeadEvent[] events)
    {
        var data = new List<EventData>();
        foreach (var e in events)
        {
            data.Add(new EventData(Guid.NewGuid(), LeadEventTypes.Of(e), await _codec.SealAsync(e, Ct), EventMetadata.Empty));
        }

        await LeadEvents.AppendDataAsync(_rig.Events, events[0].LeadId, [.. data]);
    }

    [Fact]
    public async Task Sealed_events_project_to_the_plaintext_view()
    {
        await AppendSealedAsync(LeadEvents.Initialized(1410));
        _rig.Start(projection: LeadReadModelProjection.For(_codec));
        await _rig.CatchUpAsync();

        var view = await _rig.Views.GetLeadAsync(1410, Ct);

        Assert.Equal(("Stefan", "stefan@old.example", "03-27243457"), (view!.Name, view.Email, view.Phone));
    }

    [Fact]
    public async Task After_the_key_is_deleted_a_replay_brings_no_personal_data_back_even_without_LeadForgotten()
    {
        await AppendSealedAsync(LeadEvents.Initialized(1410));
        await _codec.DeleteKeyAsync(new KeyErasure(1410, DateTimeOffset.UtcNow, "ops", "asked"), Ct);

        _rig.Start(projection: LeadReadModelProjection.For(_codec));
        await _rig.CatchUpAsync();
        var view = await _rig.Views.GetLeadAsync(1410, Ct);

        Assert.Equal((PersonalData.Erased, PersonalData.Erased, PersonalData.Erased, true, LeadStatus.Available),
            (view!.Name, view.Email, view.Phone, view.Forgotten, (LeadStatus)view.Status!));
        Assert.Empty(await _rig.Views.ListParkedAsync(null, Ct));
    }

    [Fact]
    public async Task LeadForgotten_erases_a_view_built_before_it()
    {
        await AppendSealedAsync(LeadEvents.Initialized(1410));
        _rig.Start(projection: LeadReadModelProjection.For(_codec));
        await _rig.CatchUpAsync();

        await _codec.DeleteKeyAsync(new KeyErasure(1410, DateTimeOffset.UtcNow, "ops", "asked"), Ct);
        await AppendSealedAsync(new LeadForgotten(1410, "asked", DateTimeOffset.UtcNow, "ops", ["name"], []));
        await _rig.CatchUpAsync();
        var view = await _rig.Views.GetLeadAsync(1410, Ct);

        Assert.Equal((PersonalData.Erased, PersonalData.Erased, ""), (view!.Name, view.Email, view.PhoneDigits));
    }

    public async ValueTask DisposeAsync()
    {
        await _rig.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
    }
}
