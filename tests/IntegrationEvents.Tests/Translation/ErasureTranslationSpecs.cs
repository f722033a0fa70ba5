using Leads.Domain;
using Leads.Domain.Events;
using Leads.EventStore;
using Leads.IntegrationPublisher.Translation;
using Leads.Privacy;
using Leads.Privacy.Sqlite;
using TranslationResult = Leads.IntegrationPublisher.Translation.Translation;

namespace IntegrationEvents.Tests.Translation;

/// <summary>What the publisher tells other contexts about an erasure, and what it no longer publishes after one.</summary>
public sealed class ErasureTranslationSpecs : IAsyncDisposable
{
    private static readonly Guid EventId = Guid.Parse("6f1d9a52-3c1b-4c55-9a43-0d7f0c1e2a11");
    private static readonly DateTimeOffset Recorded = new(2026, 11, 27, 3, 0, 0, TimeSpan.Zero);
    private readonly string _directory = Directory.CreateTempSubdirectory("publisher-keys-").FullName;
    private readonly LeadEventCodec _codec;
    private readonly Leads.EventStore.Sqlite.SqliteEventStore _events;

    public ErasureTranslationSpecs()
    {
        _codec = new LeadEventCodec(new SqliteLeadKeyStore(SqliteLeadKeyStore.FileIn(_directory)));
        _events = new Leads.EventStore.Sqlite.SqliteEventStore(Path.Combine(_directory, "events.db"));
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static RecordedEvent Record(ILeadEvent e, byte[] data) =>
        new(LeadStream.Name(e.LeadId), 3, GlobalPosition.FromSequence(42), EventId, LeadEventTypes.Of(e), Recorded, data, EventMetadata.Empty);

    [Fact]
    public void LeadForgotten_is_published_as_LeadForgotten_without_personal_data()
    {
        var e = new LeadForgotten(1410, "asked", Recorded, "ops", ["email"], ["ContactInfoChanged.v1@2"]);

        var published = Assert.IsType<TranslationResult.Publish>(IntegrationMessageTranslator.Translate(Record(e, LeadEventSerializer.Serialize(e))));

        var message = Assert.Single(published.Messages);
        Assert.Equal(("LeadForgotten.v1", new Leads.IntegrationEvents.V1.LeadForgotten(1410, EventId, 42, Recorded)), (message.Kind, message.Message));
    }

    [Fact]
    public async Task A_sealed_contact_change_is_published_in_the_clear_while_the_key_exists()
    {
        var e = new ContactInfoChanged(1410, "stefan@old.example", "03-27243457", "0327243457");

        var published = Assert.IsType<TranslationResult.Publish>(await IntegrationMessageTranslator.TranslateAsync(Record(e, await _codec.SealAsync(e, Ct)), _codec, _events, Ct));

        Assert.Equal(new Leads.IntegrationEvents.V1.LeadContactChanged(1410, "stefan@old.example", "03-27243457", EventId, 42, Recorded), Assert.Single(published.Messages).Message);
    }

    [Fact]
    public async Task After_the_erasure_a_replay_publishes_no_personal_data()
    {
        var e = new ContactInfoChanged(1410, "stefan@old.example", "03-27243457", "0327243457");
        var recorded = Record(e, await _codec.SealAsync(e, Ct));
        await _codec.DeleteKeyAsync(new KeyErasure(1410, Recorded, "ops", "asked"), Ct);

        var translation = await IntegrationMessageTranslator.TranslateAsync(recorded, _codec, _events, Ct);

        Assert.IsType<TranslationResult.Untranslatable>(translation);
    }

    public async ValueTask DisposeAsync()
    {
        await _events.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }
}
